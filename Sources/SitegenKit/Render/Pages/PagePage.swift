/// `page.mustache`: a page per page of an issue, at `2018/07/19/03/`, with its 标题导航 and leads.
enum PagePage {
    static let template = "page"

    static func pages(_ model: RenderModel, issue: Int) -> [(path: String, kind: PageKind)] {
        let date = model.date(ofIssue: issue)
        return (0..<model.pageCount(ofIssue: issue)).map {
            (Paths.page(date, model.label(ofIssue: issue, page: $0)), .page(issue: issue, page: $0))
        }
    }

    static func view(_ model: RenderModel, issue: Int, page: Int) -> PageView {
        let value = model[issue: issue]
        return PageView(
            model: model, issue: issue, page: page, path: Paths.page(value.date, value.pages[page].label),
            title: [value.pages[page].heading, value.date.chineseDate])
    }
}

/// One page of an issue (the page view, and the home page's front page).
struct PageView: FramedView {
    let issue: Int
    let page: Int
    let frame: FrameContext
    let isHome: Bool

    init(model: RenderModel, issue: Int, page: Int, path: String, title: [String], isHome: Bool = false) {
        self.issue = issue
        self.page = page
        self.isHome = isHome
        frame = FrameContext(
            model: model, path: path, title: title, focus: .init(page: Archive.Location(issue: issue, page: page)))
    }

    var scope: RenderScope { frame.scope }

    /// The names of a page view (without its frame's): the home page offers them too.
    static let ownFields: [TemplateField<PageView>] = [
        // The home page also lists the whole issue (本期要目): its front page may hold no archived article.
        .object("issue", IssueContext.self) {
            IssueContext(scope: $0.scope, issue: $0.issue, pagesWithTitles: $0.isHome)
        },
        .object("page", PageLinkContext.self) { view in
            PageLinkContext(scope: view.scope, issue: view.issue, page: view.page, titles: .withLeads)
        },
        .object("prev_page", PageLinkContext.self) { view in
            view.scope.model.previousPage(issue: view.issue, page: view.page).map {
                PageLinkContext(scope: view.scope, issue: view.issue, page: $0)
            }
        },
        .object("next_page", PageLinkContext.self) { view in
            view.scope.model.nextPage(issue: view.issue, page: view.page).map {
                PageLinkContext(scope: view.scope, issue: view.issue, page: $0)
            }
        },
        .bool("is_home") { $0.isHome },
        // 历史上的今天, on the home page only: other pages must not change when an issue is added.
        .object("on_this_day", OnThisDayContext.self) { view in
            guard view.isHome else { return nil }
            let issues = view.scope.model.sameDayIssues(before: view.issue)
            return issues.isEmpty
                ? nil
                : OnThisDayContext(
                    issues: issues.map { IssueLinkContext(scope: view.scope, date: view.scope.model.date(ofIssue: $0)) }
                )
        },
    ]

    static let fields = TemplateFields<PageView>.framed(ownFields)
}

/// 历史上的今天: earlier issues of the same day and month.
struct OnThisDayContext: TemplateContext {
    let issues: [IssueLinkContext]

    static let fields = TemplateFields<OnThisDayContext>([.list("issues", of: IssueLinkContext.self) { $0.issues }])
}
