import SitegenKit

/// What one scraped input says, before it is placed in Content: zero or more articles and,
/// for page and issue views, the issue's page list and the page's title list.
///
/// Fields the input does not show stay nil; `IngestRun` fills them from options, the source
/// address and what Content already holds, and refuses the article when a required one is missing.
public struct ScrapedInput: Sendable, Equatable {
    public var articles: [ScrapedArticle] = []
    public var listing = ScrapedListing()
    /// The input is a page (版面) or issue view: it updates issue.yml and writes no article.
    public var isListingOnly = false
    /// The paper the input names itself (《光明日报》 in a source line, the masthead by the date).
    public var publication: String?
    /// Why nothing can be taken from the input (not text, no title …), when that is so.
    public var rejection: String?

    public init() {}
}

public struct ScrapedArticle: Sendable, Equatable {
    public var title: String
    public var kicker: String?
    public var subtitle: String?
    public var authors: [String] = []
    public var byline: String?
    public var date: IssueDate?
    /// The weekday printed beside `date` (星期四), when one was.
    public var weekday: String?
    public var page: PageLabel?
    public var pageName: String?
    /// Position in the page's printed title list, when the input shows one.
    public var order: Int?
    public var captions: [String] = []
    public var source: String?
    /// The story's photos in order, as the page links them (`../../../pic/…/x.jpg`).
    public var photos: [String] = []
    /// Markdown.
    public var body: String

    public init(title: String, body: String) {
        self.title = title
        self.body = body
    }
}

/// The issue structure an input shows: its pages (版面导航) and the current page's titles (标题导航).
public struct ScrapedListing: Sendable, Equatable {
    public var date: IssueDate?
    /// The weekday printed beside `date` (星期四), when one was.
    public var weekday: String?
    public var pages: [IssueListing.ListedPage] = []
    /// The page the input is on (its 版次 and 版名), when it says.
    public var currentPage: PageLabel?
    public var currentPageName: String?
    /// The current page's titles in printed order.
    public var titles: [String] = []
    /// Where each title links to (`content_48233.html`, as the page view wrote it), when it does.
    public var titleLinks: [String] = []
    /// The page's scan, the regions of its image map and its PDF, as the page view links them.
    public var scan: String?
    public var areas: [ScrapedArea] = []
    public var pdf: String?
    /// The areas as zones of the articles they open (by position in `titles`).
    public var zones: [IssueListing.Zone] = []

    public init() {}

    public var isEmpty: Bool { pages.isEmpty && titles.isEmpty && currentPageName == nil }

    /// Adds a page entry, keeping the first position and filling a missing name.
    mutating func addPage(_ label: PageLabel, name: String?) {
        if let index = pages.firstIndex(where: { $0.page == label }) {
            if pages[index].name == nil { pages[index].name = name }
        } else {
            pages.append(.init(page: label, name: name))
        }
    }
}

extension ScrapedArticle {
    /// The article ingest writes for this story, once its place is known. The printed weekday
    /// goes with the printed date only: given another date (`--date`), it would contradict it.
    func article(date: IssueDate, page: PageLabel, pageName: String?, order: Int, source: String?) -> Article {
        Article(
            sourcePath: "", title: title, kicker: kicker, subtitle: subtitle, authors: authors, byline: byline,
            date: date, weekday: date == self.date ? weekday : nil, page: page, pageName: pageName, order: order,
            captions: captions, source: source, body: body)
    }

    /// The article with the story's own place, or a placeholder where it has none (for tests and
    /// the fuzzer, which check what is written, not where).
    func draftArticle() -> Article {
        article(
            date: date ?? IssueDate(year: 2020, month: 1, day: 1)!, page: page ?? PageLabel(number: 1)!,
            pageName: pageName, order: order ?? 1, source: source)
    }
}
