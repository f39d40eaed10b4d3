import Foundation
import Synchronization

/// One article, as an editor wrote it in `Content/YYYY/MM/DD/<page>/<NN>.md`.
///
/// A value, but its fields live in one shared box, copied only when a shared article is changed:
/// a build passes every article through the cache, the loader and the archive, and copying a
/// dozen strings at each step cost a dozen reference counts per article (an eighth of an
/// incremental build).
public struct Article: Sendable, Equatable {
    private struct Fields {
        var sourcePath: String
        var title: String
        var kicker: String?
        var subtitle: String?
        var authors: [String]
        var byline: String?
        var date: IssueDate
        var weekday: String?
        var page: PageLabel
        var pageName: String?
        var order: Int
        var captions: [String]
        var source: String?
        var bodySource: BodySource
        var bodyDigest: UInt64
        var titleLine: Int
        var weekdayLine: Int?
        var oldPositionLine: Int?
    }

    /// Changed only while no other article shares it (see `fields`), hence sendable.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        /// `Article.fieldsDigest`, made with the box (or given by the build cache, which saved it).
        var fieldsDigest: UInt64
        /// Set when the body could not be read from its file (see `body`).
        let bodyUnreadable = Atomic<Bool>(false)
        init(_ fields: Fields, fieldsDigest: UInt64? = nil) {
            self.fields = fields
            self.fieldsDigest = fieldsDigest ?? Article.digest(of: fields)
        }
    }

    private var box: Box

    /// For changing a field: the box, first copied if another article shares it.
    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
            box.fieldsDigest = Self.digest(of: box.fields)
        }
    }

    /// Identifies what the article shows wherever it is shown (its texts, place, captions, source,
    /// and its body by `bodyDigest`), not where it was read from: equal digests, equal articles
    /// to every list, record and page. Made once per article read, and saved with the build cache.
    public var fieldsDigest: UInt64 { box.fieldsDigest }

    /// Texts as digests of their words (`combineWords`): byte by byte, the 10,000 articles'
    /// fields cost a one-article build several milliseconds.
    private static func digest(of fields: Fields) -> UInt64 {
        StableHash.of {
            $0.combineWords(fields.title)
            $0.combineWords(fields.kicker)
            $0.combineWords(fields.subtitle)
            $0.combineWords(fields.authors)
            $0.combineWords(fields.byline)
            $0.combine(Slot(date: fields.date, page: fields.page, order: fields.order))
            $0.combineWords(fields.weekday)
            $0.combineWords(fields.pageName)
            $0.combineWords(fields.captions)
            $0.combineWords(fields.source)
            $0.mix(fields.bodyDigest)
        }
    }

    /// Where the article came from, relative to the Content folder (for messages).
    public var sourcePath: String {
        get { box.fields.sourcePath }
        set { fields.sourcePath = newValue }
    }
    public var title: String {
        get { box.fields.title }
        set { fields.title = newValue }
    }
    /// 引题, printed above the title.
    public var kicker: String? {
        get { box.fields.kicker }
        set { fields.kicker = newValue }
    }
    /// 副题, printed below the title (stored without the leading ——).
    public var subtitle: String? {
        get { box.fields.subtitle }
        set { fields.subtitle = newValue }
    }
    public var authors: [String] {
        get { box.fields.authors }
        set { fields.authors = newValue }
    }
    /// The byline as printed, when it says more than the names (本报讯 记者 …).
    public var byline: String? {
        get { box.fields.byline }
        set { fields.byline = newValue }
    }
    public var date: IssueDate {
        get { box.fields.date }
        set { fields.date = newValue }
    }
    /// The weekday the source printed beside the date (星期四, 周四), as written in front matter;
    /// empty when `weekday` is not text. The site prints the weekday computed from `date`;
    /// `sitegen check` reports a disagreement.
    public var weekday: String? {
        get { box.fields.weekday }
        set { fields.weekday = newValue }
    }
    public var page: PageLabel {
        get { box.fields.page }
        set { fields.page = newValue }
    }
    /// 版名, such as 要闻.
    public var pageName: String? {
        get { box.fields.pageName }
        set { fields.pageName = newValue }
    }
    /// Position on the page, from 1.
    public var order: Int {
        get { box.fields.order }
        set { fields.order = newValue }
    }
    public var captions: [String] {
        get { box.fields.captions }
        set { fields.captions = newValue }
    }
    /// Address the article was scraped from.
    public var source: String? {
        get { box.fields.source }
        set { fields.source = newValue }
    }
    /// Markdown. An article restored from the build cache reads it from its file when asked
    /// (only the pages being re-rendered ask), so an unchanged archive is not read again.
    ///
    /// A file that can no longer be read gives an empty body and marks the article
    /// (`bodyWasUnreadable`): the build then stops, naming the file, instead of publishing an
    /// empty article.
    public var body: String {
        get {
            switch box.fields.bodySource {
            case .text(let text): return text
            case .file: return withBody { String(checkedUTF8: $0) }
            }
        }
        set {
            fields.bodySource = .text(newValue)
            fields.bodyDigest = Self.digest(ofBody: newValue)
        }
    }

    /// Calls `use` with the body's UTF-8 (`body`, read from its file if it is there: always valid,
    /// and empty when the file can no longer be read).
    func withBody<Result>(_ use: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch box.fields.bodySource {
        case .text(let text):
            var text = text
            return text.withUTF8(use)
        case .file(let path):
            do {
                return try ArticleReader.withBody(ofFile: path, use)
            } catch {
                box.bodyUnreadable.store(true, ordering: .relaxed)
                return use(UnsafeBufferPointer(start: nil, count: 0))
            }
        }
    }

    /// Whether reading the body from its file failed since the article was loaded.
    var bodyWasUnreadable: Bool { box.bodyUnreadable.load(ordering: .relaxed) }

    /// Identifies the body's text; equal digests, equal bodies.
    public var bodyDigest: UInt64 { box.fields.bodyDigest }

    /// Made of the body's bytes eight at a time (`combineWords`): the bodies are most of what the
    /// load reads, and byte-by-byte FNV-1a was the biggest part of a cold build's load.
    static func digest(ofBody body: String) -> UInt64 { StableHash.of { $0.combineWords(body) } }
    /// Line of `title:` in the source file, for messages about the article.
    public var titleLine: Int {
        get { box.fields.titleLine }
        set { fields.titleLine = newValue }
    }
    /// Line of `weekday:`, when there is one.
    public var weekdayLine: Int? {
        get { box.fields.weekdayLine }
        set { fields.weekdayLine = newValue }
    }
    /// Line of `order:`, the old name of `position:`, when the file still uses it.
    public var oldPositionLine: Int? {
        get { box.fields.oldPositionLine }
        set { fields.oldPositionLine = newValue }
    }

    public init(
        sourcePath: String, title: String, kicker: String? = nil, subtitle: String? = nil,
        authors: [String] = [], byline: String? = nil, date: IssueDate, weekday: String? = nil, page: PageLabel,
        pageName: String? = nil, order: Int, captions: [String] = [], source: String? = nil,
        body: String, titleLine: Int = 2, weekdayLine: Int? = nil, oldPositionLine: Int? = nil
    ) {
        box = Box(
            Fields(
                sourcePath: sourcePath, title: title, kicker: kicker, subtitle: subtitle, authors: authors,
                byline: byline,
                date: date, weekday: weekday, page: page, pageName: pageName, order: order, captions: captions,
                source: source, bodySource: .text(body), bodyDigest: Self.digest(ofBody: body),
                titleLine: titleLine, weekdayLine: weekdayLine, oldPositionLine: oldPositionLine))
    }

    /// An article whose body stays in its file until needed.
    init(metadataOf article: Article, bodyIn file: String, bodyDigest: UInt64) {
        var fields = article.box.fields
        fields.bodySource = .file(file)
        fields.bodyDigest = bodyDigest
        box = Box(fields)
    }

    /// An article the build cache restores, its body in its file until needed.
    init(
        sourcePath: String, title: String, kicker: String?, subtitle: String?, authors: [String], byline: String?,
        date: IssueDate, weekday: String?, page: PageLabel, pageName: String?, order: Int, captions: [String],
        source: String?, bodyIn file: String, bodyDigest: UInt64, titleLine: Int, weekdayLine: Int?,
        oldPositionLine: Int?, fieldsDigest: UInt64
    ) {
        box = Box(
            Fields(
                sourcePath: sourcePath, title: title, kicker: kicker, subtitle: subtitle, authors: authors,
                byline: byline,
                date: date, weekday: weekday, page: page, pageName: pageName, order: order, captions: captions,
                source: source, bodySource: .file(file), bodyDigest: bodyDigest, titleLine: titleLine,
                weekdayLine: weekdayLine, oldPositionLine: oldPositionLine),
            fieldsDigest: fieldsDigest)
    }

    public static func == (a: Article, b: Article) -> Bool {
        if a.box === b.box { return true }
        let a = a.box.fields
        let b = b.box.fields
        return a.sourcePath == b.sourcePath && a.title == b.title && a.kicker == b.kicker && a.subtitle == b.subtitle
            && a.authors == b.authors && a.byline == b.byline && a.date == b.date && a.weekday == b.weekday
            && a.page == b.page
            && a.pageName == b.pageName && a.order == b.order && a.captions == b.captions && a.source == b.source
            && a.bodyDigest == b.bodyDigest
    }

    private enum BodySource: Sendable {
        case text(String)
        case file(String)
    }

    /// The article's place in the archive: date, 版次 and position. Its URL comes from this alone.
    public var slot: Slot { Slot(date: date, page: page, order: order) }

    public struct Slot: Hashable, Sendable, CustomStringConvertible {
        public var date: IssueDate
        public var page: PageLabel
        public var order: Int

        package init(date: IssueDate, page: PageLabel, order: Int) {
            self.date = date
            self.page = page
            self.order = order
        }

        /// 2018/07/19/03/05.html, relative to the site root.
        public var path: String { ArchivePath.article(self, in: .site) }
        /// 2018/07/19/03/05.md, relative to the Content folder.
        public var contentPath: String { ArchivePath.article(self, in: .content) }
        public var description: String { "\(date.iso) \(page.chineseName) #\(order)" }
    }
}

extension StableHash {
    /// An article's place, which its address is made from, without making the address.
    mutating func combine(_ slot: Article.Slot) {
        combine(slot.date.year)
        combine(slot.date.month)
        combine(slot.date.day)
        combine(slot.page.prefix)
        combine(slot.page.number)
        combine(slot.order)
    }
}
