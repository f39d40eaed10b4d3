import Mustache

// The small link objects templates iterate over. Each has `path` (relative to the site root,
// `2018/07/19/03/05.html`) and `href` (the same, as a link from the page being rendered).

/// A page of an issue in 版面导航, 上一版/下一版 and the issue view.
struct PageLinkContext: MustacheParent {
    let scope: RenderScope
    let issue: Int
    let page: Int
    /// True on the page being shown (and on an article's own page).
    var current: Bool = false
    /// The 标题导航 entries, for views that list them (issue, page).
    var titles: [EntryContext]? = nil

    func child(named name: String) -> Any? {
        let value = scope.archive.issues[issue].pages[page]
        switch name {
        case "label": return value.label.description
        case "name": return value.name
        case "heading": return value.heading
        case "number_heading": return value.label.chineseName
        case "path": return Paths.page(scope.archive.issues[issue].date, value.label)
        case "href": return scope.href(Paths.page(scope.archive.issues[issue].date, value.label))
        case "current": return current
        case "titles": return titles
        case "article_count": return value.articleRange.count
        default: return nil
        }
    }
}

/// One title in a page's 标题导航: linked when archived, plain text when known only from issue.yml.
struct EntryContext: MustacheParent {
    let scope: RenderScope
    let entry: Archive.Entry
    var current: Bool = false
    /// Render the first paragraph under the title (page view).
    var withLead: Bool = false

    func child(named name: String) -> Any? {
        let article = entry.article.map { scope.archive.articles[$0] }
        switch name {
        case "title": return entry.title
        case "position": return entry.position
        case "path": return article.map { Paths.article($0.slot) }
        case "href": return article.map { scope.href(Paths.article($0.slot)) }
        case "archived": return article != nil
        case "current": return current
        case "lead":
            guard withLead, let article else { return nil }
            let lead = Markdown.lead(article.body)
            return lead.isEmpty ? nil : lead
        case "kicker": return article?.kicker
        case "subtitle": return article?.subtitle
        case "authors_text": return article.flatMap(ArticleContext.authorsText)
        default: return nil
        }
    }

    static func list(_ scope: RenderScope, issue: Int, page: Int, currentArticle: Int? = nil, withLead: Bool = false) -> [EntryContext] {
        scope.archive.issues[issue].pages[page].entries.map { entry in
            EntryContext(scope: scope, entry: entry,
                         current: currentArticle != nil && entry.article == currentArticle, withLead: withLead)
        }
    }
}

/// 上一篇 / 下一篇 target.
struct ArticleLinkContext: MustacheParent {
    let scope: RenderScope
    let index: Int

    func child(named name: String) -> Any? {
        let article = scope.archive.articles[index]
        switch name {
        case "title": return article.title
        case "path": return Paths.article(article.slot)
        case "href": return scope.href(Paths.article(article.slot))
        case "page_heading": return article.page.chineseName
        default: return nil
        }
    }
}

/// An issue: its date in every form templates need, and 上一期/下一期.
struct IssueContext: MustacheParent {
    let scope: RenderScope
    let issue: Int
    /// Which page to mark current in `pages` (nil on the issue view itself).
    var currentPage: Int? = nil
    /// Include each page's titles in `pages` (issue view).
    var pagesWithTitles: Bool = false

    func child(named name: String) -> Any? {
        let archive = scope.archive
        let date = archive.issues[issue].date
        switch name {
        case "date_iso", "date_display", "date_chinese", "weekday", "year", "month", "day", "path", "href":
            return IssueLinkContext(scope: scope, date: date).child(named: name)
        case "year_path": return Paths.archiveYear(date.year)
        case "year_href": return scope.href(Paths.archiveYear(date.year))
        case "pages":
            return archive.issues[issue].pages.indices.map { page in
                PageLinkContext(scope: scope, issue: issue, page: page, current: page == currentPage,
                                titles: pagesWithTitles ? EntryContext.list(scope, issue: issue, page: page) : nil)
            }
        case "page_count": return archive.issues[issue].pages.count
        case "article_count": return archive.issues[issue].articleRange.count
        case "prev_issue": return archive.previousIssue(before: issue).map { IssueLinkContext(scope: scope, date: archive.issues[$0].date) }
        case "next_issue": return archive.nextIssue(after: issue).map { IssueLinkContext(scope: scope, date: archive.issues[$0].date) }
        default: return nil
        }
    }
}

/// A link to an issue (上一期 / 下一期), and the date fields every issue shows.
struct IssueLinkContext: MustacheParent {
    let scope: RenderScope
    let date: IssueDate

    func child(named name: String) -> Any? {
        switch name {
        case "date_iso": return date.iso
        case "date_display": return date.chineseDisplay
        case "date_chinese": return date.chineseDate
        case "weekday": return date.chineseWeekday
        case "year": return date.year
        case "month": return date.month
        case "day": return date.day
        case "path": return Paths.issue(date)
        case "href": return scope.href(Paths.issue(date))
        default: return nil
        }
    }
}
