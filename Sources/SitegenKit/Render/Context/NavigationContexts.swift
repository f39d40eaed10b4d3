import Mustache

// The small link objects templates iterate over. Each has `path` (relative to the site root,
// `2018/07/19/03/05.html`) and `href` (the same, as a link from the page being rendered).

/// A page of an issue in 版面导航, 上一版/下一版 and the issue view.
struct PageLinkContext: TemplateContext {
    let scope: RenderScope
    let issue: Int
    let page: Int
    /// True on the page being shown (and on an article's own page).
    var current: Bool = false
    /// The 标题导航 entries, for views that list them (issue, page).
    var titles: [EntryContext]? = nil

    func value(named name: String) -> Any? {
        // Read fields in place: copying a Page or an Article per lookup costs more than the lookup.
        let issues = scope.model.archive.issues
        switch name {
        case "label": return issues[issue].pages[page].label.description
        case "name": return issues[issue].pages[page].name
        case "heading": return issues[issue].pages[page].heading
        case "number_heading": return issues[issue].pages[page].label.chineseName
        case "path": return Paths.page(issues[issue].date, issues[issue].pages[page].label)
        case "href": return scope.href(Paths.page(issues[issue].date, issues[issue].pages[page].label))
        case "current": return current
        case "titles": return titles
        case "article_count": return issues[issue].pages[page].articleRange.count
        default: return nil
        }
    }
}

/// One title in a page's 标题导航: linked when archived, plain text when known only from issue.yml.
struct EntryContext: TemplateContext {
    let scope: RenderScope
    let entry: Archive.Entry
    var current: Bool = false
    /// Render the first paragraph under the title (page view).
    var withLead: Bool = false

    func value(named name: String) -> Any? {
        switch name {
        case "title": return entry.title
        case "position": return entry.position
        case "archived": return entry.article != nil
        case "current": return current
        default: break
        }
        guard let index = entry.article else { return nil }
        let articles = scope.model.archive.articles
        switch name {
        case "path": return scope.model.articlePaths[index]
        case "href": return scope.href(scope.model.articlePaths[index])
        case "lead":
            guard withLead else { return nil }
            let lead = Markdown.lead(articles[index].body)
            return lead.isEmpty ? nil : lead
        case "kicker": return articles[index].kicker
        case "subtitle": return articles[index].subtitle
        case "authors_text": return ArticleContext.authorsText(articles[index].authors)
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
struct ArticleLinkContext: TemplateContext {
    let scope: RenderScope
    let index: Int

    func value(named name: String) -> Any? {
        let articles = scope.model.archive.articles
        switch name {
        case "title": return articles[index].title
        case "path": return scope.model.articlePaths[index]
        case "href": return scope.href(scope.model.articlePaths[index])
        case "page_heading": return articles[index].page.chineseName
        default: return nil
        }
    }
}

/// An issue: its date in every form templates need, and 上一期/下一期.
struct IssueContext: TemplateContext {
    let scope: RenderScope
    let issue: Int
    /// Which page to mark current in `pages` (nil on the issue view itself).
    var currentPage: Int? = nil
    /// Include each page's titles in `pages` (issue view).
    var pagesWithTitles: Bool = false

    func value(named name: String) -> Any? {
        let archive = scope.model.archive
        let date = archive.issues[issue].date
        switch name {
        case "date_iso", "date_display", "date_chinese", "weekday", "year", "month", "day", "path", "href":
            return IssueLinkContext(scope: scope, date: date).value(named: name)
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
struct IssueLinkContext: TemplateContext {
    let scope: RenderScope
    let date: IssueDate

    func value(named name: String) -> Any? {
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
