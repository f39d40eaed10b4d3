import Mustache

// The small link objects templates iterate over. Each `path` is relative to the site root
// (`2018/07/19/03/05.html`); templates prefix it with `{{root}}`, which leads from the page being
// rendered back to the root, so links work on any server path and from `file://`.

/// A page of an issue in 版面导航, 上一版/下一版 and the issue view.
struct PageLinkContext: MustacheParent {
    let archive: Archive
    let issue: Int
    let page: Int
    /// True on the page being shown (and on an article's own page).
    var current: Bool = false
    /// The 标题导航 entries, for views that list them (issue, page).
    var titles: [EntryContext]? = nil

    func child(named name: String) -> Any? {
        let value = archive.issues[issue].pages[page]
        switch name {
        case "label": return value.label.description
        case "name": return value.name
        case "heading": return value.heading
        case "number_heading": return value.label.chineseName
        case "path": return Paths.page(archive.issues[issue].date, value.label)
        case "current": return current
        case "titles": return titles
        case "article_count": return value.articleRange.count
        default: return nil
        }
    }
}

/// One title in a page's 标题导航: linked when archived, plain text when known only from issue.yml.
struct EntryContext: MustacheParent {
    let archive: Archive
    let entry: Archive.Entry
    var current: Bool = false
    /// Render the first paragraph under the title (page view).
    var withLead: Bool = false

    func child(named name: String) -> Any? {
        switch name {
        case "title": return entry.title
        case "position": return entry.position
        case "path": return entry.article.map { Paths.article(archive.articles[$0].slot) }
        case "archived": return entry.article != nil
        case "current": return current
        case "lead":
            guard withLead, let index = entry.article else { return nil }
            let lead = Markdown.lead(archive.articles[index].body)
            return lead.isEmpty ? nil : lead
        case "kicker": return entry.article.flatMap { archive.articles[$0].kicker }
        case "subtitle": return entry.article.flatMap { archive.articles[$0].subtitle }
        case "authors_text": return entry.article.flatMap { ArticleContext.authorsText(archive.articles[$0]) }
        default: return nil
        }
    }
}

/// 上一篇 / 下一篇 target.
struct ArticleLinkContext: MustacheParent {
    let article: Article

    func child(named name: String) -> Any? {
        switch name {
        case "title": return article.title
        case "path": return Paths.article(article.slot)
        case "page_heading": return article.page.chineseName
        default: return nil
        }
    }
}

/// An issue: its date in every form templates need, and 上一期/下一期.
struct IssueContext: MustacheParent {
    let archive: Archive
    let issue: Int
    /// Which page to mark current in `pages` (nil on the issue view itself).
    var currentPage: Int? = nil
    /// Include each page's titles in `pages` (issue view).
    var pagesWithTitles: Bool = false

    func child(named name: String) -> Any? {
        let date = archive.issues[issue].date
        switch name {
        case "date_iso": return date.iso
        case "date_display": return date.chineseDisplay
        case "date_chinese": return date.chineseDate
        case "weekday": return date.chineseWeekday
        case "year": return date.year
        case "month": return date.month
        case "day": return date.day
        case "path": return Paths.issue(date)
        case "year_path": return Paths.archiveYear(date.year)
        case "pages":
            return archive.issues[issue].pages.indices.map { page in
                PageLinkContext(archive: archive, issue: issue, page: page, current: page == currentPage,
                                titles: pagesWithTitles ? EntryContext.list(archive, issue: issue, page: page) : nil)
            }
        case "page_count": return archive.issues[issue].pages.count
        case "article_count": return archive.issues[issue].articleRange.count
        case "prev_issue": return archive.previousIssue(before: issue).map { IssueLinkContext(date: archive.issues[$0].date) }
        case "next_issue": return archive.nextIssue(after: issue).map { IssueLinkContext(date: archive.issues[$0].date) }
        default: return nil
        }
    }
}

/// A link to another issue (上一期 / 下一期).
struct IssueLinkContext: MustacheParent {
    let date: IssueDate

    func child(named name: String) -> Any? {
        switch name {
        case "date_display": return date.chineseDisplay
        case "date_chinese": return date.chineseDate
        case "date_iso": return date.iso
        case "path": return Paths.issue(date)
        default: return nil
        }
    }
}

extension EntryContext {
    static func list(_ archive: Archive, issue: Int, page: Int, currentArticle: Int? = nil, withLead: Bool = false) -> [EntryContext] {
        archive.issues[issue].pages[page].entries.map { entry in
            EntryContext(archive: archive, entry: entry,
                         current: currentArticle != nil && entry.article == currentArticle, withLead: withLead)
        }
    }
}
