/// The archive as rendering sees it: shared by reference, so the many small context values the
/// templates walk through cost one retain each, not a copy of the archive's arrays.
///
/// Contexts read the archive only through the accessors below, which come in two groups:
/// - **contents** (an article, an issue with its pages' names and titles, a page's heading) and
///   **an issue's layout** (its pages, their articles' places, paths and neighbours): each read
///   notes its issue in `log`, so that a build can tell which pages read an edited issue, or one
///   an article was added to or taken from (`PageReads`);
/// - **the archive's layout** (issue dates and neighbours, site settings, media): fixed by the
///   inputs other than articles and the list of issues, which decide whether a build may reuse
///   fingerprints at all; the archive's article count is noted as `IssueReadLog.wholeArchive`.
///   Nothing here may expose an article's contents, or an issue's layout, without noting it.
final class RenderModel: Sendable {
    private let archive: Archive
    let calendar: IssueCalendar
    /// Each article's path, made once: links to an article appear on a dozen pages.
    private let articlePaths: [String]
    /// Per issue, per page: its texts, made once (every page of an issue lists its pages).
    private let pageTexts: [[PageTexts]]
    /// Per issue, per page: 第3版:要闻, made once; it holds the page's name, a content.
    private let pageHeadings: [[String]]
    /// Per issue: the number of its first page among all the archive's pages (a page's key).
    let firstPage: [Int]
    /// Where a thread making fingerprints notes the issues its pages read (nil: not noted).
    let log: IssueReadLog?

    /// A page's texts that its place in the archive fixes (layout).
    struct PageTexts: Sendable {
        /// 2018/07/19/03/index.html
        let path: String
        /// 03
        let label: String
        /// 第03版
        let numberHeading: String
        /// 2018年7月19日 第03版, in the <title> of each of the page's articles.
        let dateline: String
    }

    /// Each article's body as HTML when converted beforehand (the render benchmark gives both
    /// renderers the same, to time template work alone); nil in a build.
    let bodiesHTML: [String]?

    init(archive: Archive, bodiesHTML: [String]? = nil) {
        self.archive = archive
        self.bodiesHTML = bodiesHTML
        self.calendar = IssueCalendar(archive: archive)
        self.articlePaths = parallelMap(archive.articles) { Paths.article($0.slot) }
        self.pageTexts = archive.issues.map { issue in
            issue.pages.map { page in
                PageTexts(
                    path: Paths.page(issue.date, page.label), label: page.label.description,
                    numberHeading: page.label.chineseName,
                    dateline: issue.date.chineseDate + " " + page.label.chineseName)
            }
        }
        self.pageHeadings = archive.issues.map { $0.pages.map(\.heading) }
        var first = 0
        self.firstPage = archive.issues.map { issue in
            defer { first += issue.pages.count }
            return first
        }
        self.log = nil
    }

    /// The same model in an object of its own, sharing every array (`SiteRenderer.forOneThread`),
    /// noting reads in `log` when given.
    init(sharing model: RenderModel, log: IssueReadLog? = nil) {
        archive = model.archive
        calendar = model.calendar
        articlePaths = model.articlePaths
        pageTexts = model.pageTexts
        pageHeadings = model.pageHeadings
        firstPage = model.firstPage
        bodiesHTML = model.bodiesHTML
        self.log = log
    }

    /// Article `index`'s body as HTML (its Markdown read and converted, unless given beforehand),
    /// appended to `html`.
    func appendBodyHTML(_ index: Int, to html: inout [UInt8]) {
        if let given = bodiesHTML?[index] {
            html.append(contentsOf: given.utf8)
            return
        }
        let unsafeHTML = site.unsafeHTML
        self[article: index].withBody { Markdown.appendHTML(of: $0, allowRawHTML: unsafeHTML, to: &html) }
    }
}

// MARK: Contents: each read is noted
extension RenderModel {
    // Read in place (`_read`): a copy per field read would retain every array and text they hold.
    subscript(article index: Int) -> Article {
        _read {
            log?.note(archive.locations[index].issue)
            yield archive.articles[index]
        }
    }

    subscript(issue index: Int) -> Archive.Issue {
        _read {
            log?.note(index)
            yield archive.issues[index]
        }
    }

    /// 第3版:要闻: it holds the page's name.
    func heading(ofIssue issue: Int, page: Int) -> String {
        log?.note(issue)
        return pageHeadings[issue][page]
    }
}

// MARK: An issue's layout: noted as a read of the issue
extension RenderModel {
    func location(ofArticle index: Int) -> Archive.Location {
        let location = archive.locations[index]
        log?.note(location.issue)
        return location
    }

    /// 2018/07/19/03/05.html
    func path(ofArticle index: Int) -> String {
        log?.note(archive.locations[index].issue)
        return articlePaths[index]
    }

    func pageCount(ofIssue issue: Int) -> Int {
        log?.note(issue)
        return archive.issues[issue].pages.count
    }

    func articleCount(ofIssue issue: Int) -> Int {
        log?.note(issue)
        return archive.issues[issue].articleRange.count
    }

    func articleCount(ofIssue issue: Int, page: Int) -> Int {
        log?.note(issue)
        return archive.issues[issue].pages[page].articleRange.count
    }

    func label(ofIssue issue: Int, page: Int) -> PageLabel {
        log?.note(issue)
        return archive.issues[issue].pages[page].label
    }

    func pageTexts(issue: Int, page: Int) -> PageTexts {
        log?.note(issue)
        return pageTexts[issue][page]
    }

    /// 第03版, the page an article is on.
    func pageName(ofArticle index: Int) -> String {
        log?.note(archive.locations[index].issue)
        return archive.articles[index].page.chineseName
    }

    func previousArticle(before index: Int) -> Int? {
        log?.note(archive.locations[index].issue)
        return archive.previousArticle(before: index)
    }

    func nextArticle(after index: Int) -> Int? {
        log?.note(archive.locations[index].issue)
        return archive.nextArticle(after: index)
    }

    func previousPage(issue: Int, page: Int) -> Int? {
        log?.note(issue)
        return archive.previousPage(issue: issue, page: page)
    }

    func nextPage(issue: Int, page: Int) -> Int? {
        log?.note(issue)
        return archive.nextPage(issue: issue, page: page)
    }

    /// Every article's path in the archive's order, for the list of pages (noting nothing).
    var articlePathsInOrder: [String] { articlePaths }
}

// MARK: The archive's layout: fixed by the inputs other than articles and the list of issues
extension RenderModel {
    var site: SiteConfig { _read { yield archive.site } }
    var media: SiteMedia { _read { yield archive.media } }
    var issueCount: Int { archive.issues.count }

    var articleCount: Int {
        log?.note(Int(IssueReadLog.wholeArchive))
        return archive.articles.count
    }

    func date(ofIssue issue: Int) -> IssueDate { archive.issues[issue].date }
    func previousIssue(before issue: Int) -> Int? { archive.previousIssue(before: issue) }
    func nextIssue(after issue: Int) -> Int? { archive.nextIssue(after: issue) }
    func sameDayIssues(before issue: Int) -> [Int] { archive.sameDayIssues(before: issue) }
}

/// The issues one thread's pages read while their fingerprints are made: each read of an issue's
/// contents or layout (`RenderModel[article:]`, `[issue:]`, `pageTexts`, …) appends it, and each
/// page takes its own once made (`takePage`). A keyed context walked once for several pages
/// (`ReadMemo`) hands the next pages what it noted (`noted(since:)`, `replay`).
package final class IssueReadLog: @unchecked Sendable {
    /// Noted by what changes with the number of articles in the archive (`article_count`).
    static let wholeArchive = Int32.max

    private var issues: [Int32] = []
    /// The issue noted last since the log was last handled as a whole: a read of the same issue
    /// again is not noted twice. Reset where a walk starts, ends or is replayed, so that a walk's
    /// own notes hold every issue it read.
    private var last: Int32 = -1

    @inline(__always)
    func note(_ issue: Int) {
        let issue = Int32(truncatingIfNeeded: issue)
        guard issue != last else { return }
        issues.append(issue)
        last = issue
    }

    /// A keyed context's walk begins: where its notes will start.
    func start() -> Int {
        last = -1
        return issues.count
    }

    func noted(since start: Int) -> [Int32] {
        last = -1
        return Array(issues[start...])
    }

    func replay(_ noted: [Int32]) {
        issues.append(contentsOf: noted)
        last = -1
    }

    /// The issues the page just made read, each once and in order; the log is empty again after.
    func takePage() -> [Int32] {
        defer {
            issues.removeAll(keepingCapacity: true)
            last = -1
        }
        if issues.count < 2 { return issues }
        var page = issues.sorted()
        var kept = 1
        for issue in page.dropFirst() where issue != page[kept - 1] {
            page[kept] = issue
            kept += 1
        }
        page.removeLast(page.count - kept)
        return page
    }
}
