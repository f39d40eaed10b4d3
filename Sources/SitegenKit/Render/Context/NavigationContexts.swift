// The small link objects templates iterate over. Each has `path` (relative to the site root,
// `2018/07/19/03/05.html`) and `href` (the same, as a link from the page being rendered).

/// A page of an issue in 版面导航, 上一版/下一版 and the issue view.
struct PageLinkContext: ScopedContext, KeyedContext {
    let scope: RenderScope
    let issue: Int
    let page: Int
    /// Which 标题导航 entries `titles` lists, for views that list them (issue, page, article).
    var titles = Titles.none

    enum Titles: Int {
        case none, plain, withLeads
    }

    var memoKey: Int { (scope.model.firstPage[issue] + page) * 3 + titles.rawValue }

    // Fields are read in place: copying a Page per read costs more than the read. Its texts are
    // made once per build (`RenderModel.pageTexts`): every article page shows its issue's pages.
    static let fields = TemplateFields<PageLinkContext>([
        .text("label") { $0.scope.model.pageTexts(issue: $0.issue, page: $0.page).label },
        .text("name") { $0.scope.model[issue: $0.issue].pages[$0.page].name },
        .text("heading") { $0.scope.model.heading(ofIssue: $0.issue, page: $0.page) },
        .text("number_heading") { $0.scope.model.pageTexts(issue: $0.issue, page: $0.page).numberHeading },
        .text("path") { $0.path },
        .link("href") { $0.path },
        // The page being shown (and an article's own page).
        .current("current", page: { Archive.Location(issue: $0.issue, page: $0.page) }),
        .list("titles", of: EntryContext.self) { context in
            context.titles == .none
                ? nil
                : EntryContext.list(
                    context.scope, issue: context.issue, page: context.page, withLead: context.titles == .withLeads)
        },
        .number("article_count") { $0.scope.model.articleCount(ofIssue: $0.issue, page: $0.page) },
        .object("scan", ScanContext.self) { ScanContext(scope: $0.scope, issue: $0.issue, page: $0.page) },
        .link("pdf_href") { context in
            let model = context.scope.model
            return model.media.page(
                model.date(ofIssue: context.issue), model.label(ofIssue: context.issue, page: context.page))?
                .pdf?.path
        },
    ])

    var path: String { scope.model.pageTexts(issue: issue, page: page).path }
}

/// One title in a page's 标题导航: linked when archived, plain text when known only from issue.yml.
struct EntryContext: ScopedContext {
    let scope: RenderScope
    let entry: Archive.Entry
    /// Render the first paragraph under the title (page view).
    var withLead: Bool = false

    static let fields = TemplateFields<EntryContext>([
        .text("title") { $0.entry.title },
        .number("position") { $0.entry.position },
        .bool("archived") { $0.entry.article != nil },
        // The article being shown.
        .current("current", article: { $0.entry.article }),
        .text("path") { context in context.entry.article.map { context.scope.model.path(ofArticle: $0) } },
        .link("href") { context in context.entry.article.map { context.scope.model.path(ofArticle: $0) } },
        // The first paragraph of the body (read from its file): fingerprints take the body's digest.
        .text(
            "lead",
            standIn: { context in
                context.withLead
                    ? context.entry.article.map { context.scope.model[article: $0].bodyDigest } : nil
            }
        ) { context in
            guard context.withLead, let index = context.entry.article else { return nil }
            let lead = context.scope.model[article: index].withBody { Markdown.lead(of: $0) }
            return lead.isEmpty ? nil : lead
        },
        .text("kicker") { context in context.entry.article.flatMap { context.scope.model[article: $0].kicker } },
        .text("subtitle") { context in context.entry.article.flatMap { context.scope.model[article: $0].subtitle } },
        .text("authors_text") { context in
            context.entry.article.flatMap { ArticleContext.authorsText(context.scope.model[article: $0].authors) }
        },
    ])

    static func list(_ scope: RenderScope, issue: Int, page: Int, withLead: Bool) -> [EntryContext] {
        scope.model[issue: issue].pages[page].entries.map {
            EntryContext(scope: scope, entry: $0, withLead: withLead)
        }
    }
}

/// 上一篇 / 下一篇 target.
struct ArticleLinkContext: ScopedContext {
    let scope: RenderScope
    let index: Int

    static let fields = TemplateFields<ArticleLinkContext>([
        .text("title") { $0.scope.model[article: $0.index].title },
        .text("path") { $0.scope.model.path(ofArticle: $0.index) },
        .link("href") { $0.scope.model.path(ofArticle: $0.index) },
        .text("page_heading") { $0.scope.model.pageName(ofArticle: $0.index) },
    ])
}

/// An issue: its date in every form templates need, and 上一期/下一期.
struct IssueContext: ScopedContext, KeyedContext {
    let scope: RenderScope
    let issue: Int
    /// Include each page's titles in `pages` (issue view).
    var pagesWithTitles: Bool = false

    var memoKey: Int { issue * 2 + (pagesWithTitles ? 1 : 0) }

    var link: IssueLinkContext { IssueLinkContext(scope: scope, date: scope.model.date(ofIssue: issue)) }
    var monthPath: String {
        let date = scope.model.date(ofIssue: issue)
        return Paths.month(date.year, date.month)
    }

    static let fields = TemplateFields<IssueContext>([
        .text("year_path") { Paths.archiveYear($0.scope.model.date(ofIssue: $0.issue).year) },
        .link("year_href") { Paths.archiveYear($0.scope.model.date(ofIssue: $0.issue).year) },
        .text("month_path") { $0.monthPath },
        .link("month_href") { $0.monthPath },
        .list("pages", of: PageLinkContext.self) { context in
            (0..<context.scope.model.pageCount(ofIssue: context.issue)).map { page in
                PageLinkContext(
                    scope: context.scope, issue: context.issue, page: page,
                    titles: context.pagesWithTitles ? .plain : .none)
            }
        },
        .number("page_count") { $0.scope.model.pageCount(ofIssue: $0.issue) },
        .number("article_count") { $0.scope.model.articleCount(ofIssue: $0.issue) },
        .object("prev_issue", IssueLinkContext.self) { context in
            context.scope.model.previousIssue(before: context.issue).map {
                IssueLinkContext(scope: context.scope, date: context.scope.model.date(ofIssue: $0))
            }
        },
        .object("next_issue", IssueLinkContext.self) { context in
            context.scope.model.nextIssue(after: context.issue).map {
                IssueLinkContext(scope: context.scope, date: context.scope.model.date(ofIssue: $0))
            }
        },
    ]).including(IssueLinkContext.fields, via: { $0.link })
}

/// A link to an issue (上一期 / 下一期), and the date fields every issue shows.
struct IssueLinkContext: ScopedContext {
    let scope: RenderScope
    let date: IssueDate

    static let fields = TemplateFields<IssueLinkContext>([
        .dated("date_iso", { $0.date }) { $0.iso },
        .dated("date_display", { $0.date }) { $0.chineseDisplay },
        .dated("date_chinese", { $0.date }) { $0.chineseDate },
        .dated("weekday", { $0.date }) { $0.chineseWeekday },
        .number("year") { $0.date.year },
        .number("month") { $0.date.month },
        .number("day") { $0.date.day },
        .dated("path", { $0.date }) { Paths.issue($0) },
        .dated("href", link: true, { $0.date }) { Paths.issue($0) },
    ])
}
