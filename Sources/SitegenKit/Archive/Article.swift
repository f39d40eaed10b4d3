import Foundation

/// One article, as an editor wrote it in `Content/YYYY/MM/DD/<page>/<NN>.md`.
public struct Article: Sendable, Equatable {
    /// Where the article came from, relative to the Content folder (for messages).
    public var sourcePath: String
    public var title: String
    /// 引题, printed above the title.
    public var kicker: String?
    /// 副题, printed below the title (stored without the leading ——).
    public var subtitle: String?
    public var authors: [String]
    /// The byline as printed, when it says more than the names (本报讯 记者 …).
    public var byline: String?
    public var date: IssueDate
    /// The weekday the source printed beside the date (星期四, 周四), as written in front matter;
    /// empty when `weekday` is not text. The site prints the weekday computed from `date`;
    /// `sitegen check` reports a disagreement.
    public var weekday: String?
    public var page: PageLabel
    /// 版名, such as 要闻.
    public var pageName: String?
    /// Position on the page, from 1.
    public var order: Int
    public var captions: [String]
    /// Address the article was scraped from.
    public var source: String?
    /// Markdown. An article restored from the build cache reads it from its file when asked
    /// (only the pages being re-rendered ask), so an unchanged archive is not read again.
    public var body: String {
        get { bodySource.text }
        set {
            bodySource = .text(newValue)
            bodyDigest = StableHash.of { $0.combine(newValue) }
        }
    }

    /// Identifies the body's text; equal digests, equal bodies.
    public private(set) var bodyDigest: UInt64
    private var bodySource: BodySource
    /// Line of `title:` in the source file, for messages about the article.
    public var titleLine: Int
    /// Line of `weekday:`, when there is one.
    public var weekdayLine: Int?

    public init(sourcePath: String, title: String, kicker: String? = nil, subtitle: String? = nil,
                authors: [String] = [], byline: String? = nil, date: IssueDate, weekday: String? = nil, page: PageLabel,
                pageName: String? = nil, order: Int, captions: [String] = [], source: String? = nil,
                body: String, titleLine: Int = 2, weekdayLine: Int? = nil) {
        self.sourcePath = sourcePath
        self.title = title
        self.kicker = kicker
        self.subtitle = subtitle
        self.authors = authors
        self.byline = byline
        self.date = date
        self.weekday = weekday
        self.page = page
        self.pageName = pageName
        self.order = order
        self.captions = captions
        self.source = source
        self.bodySource = .text(body)
        self.bodyDigest = StableHash.of { $0.combine(body) }
        self.titleLine = titleLine
        self.weekdayLine = weekdayLine
    }

    /// An article whose body stays in its file until needed.
    init(metadataOf article: Article, bodyIn file: String, bodyDigest: UInt64) {
        self = article
        self.bodySource = .file(file)
        self.bodyDigest = bodyDigest
    }

    public static func == (a: Article, b: Article) -> Bool {
        a.sourcePath == b.sourcePath && a.title == b.title && a.kicker == b.kicker && a.subtitle == b.subtitle
            && a.authors == b.authors && a.byline == b.byline && a.date == b.date && a.weekday == b.weekday && a.page == b.page
            && a.pageName == b.pageName && a.order == b.order && a.captions == b.captions && a.source == b.source
            && a.bodyDigest == b.bodyDigest
    }

    private enum BodySource: Sendable {
        case text(String)
        case file(String)

        var text: String {
            switch self {
            case .text(let text): return text
            case .file(let path):
                // The file was read and checked when it was cached; if it has since become
                // unreadable, the next build reports it.
                return (try? ArticleReader.body(ofFile: URL(fileURLWithPath: path))) ?? ""
            }
        }
    }

    /// The article's place in the archive: date, 版次 and position. Its URL comes from this alone.
    public var slot: Slot { Slot(date: date, page: page, order: order) }

    public struct Slot: Hashable, Sendable, CustomStringConvertible {
        public var date: IssueDate
        public var page: PageLabel
        public var order: Int

        /// 2018/07/19/03/05.html, relative to the site root.
        public var path: String { "\(date.path)/\(page.path)/\(IssueDate.pad(order)).html" }
        /// 2018/07/19/03/05.md, relative to the Content folder.
        public var contentPath: String { "\(date.path)/\(page.path)/\(IssueDate.pad(order)).md" }
        public var description: String { "\(date.iso) \(page.chineseName) #\(order)" }
    }
}

extension StableHash {
    /// An article's place, which its address is made from, without making the address.
    mutating func combine(_ slot: Article.Slot) {
        combine(slot.date.year); combine(slot.date.month); combine(slot.date.day)
        combine(slot.page.prefix); combine(slot.page.number); combine(slot.order)
    }
}
