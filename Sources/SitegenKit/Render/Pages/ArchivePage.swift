/// `archive.mustache`: the 往期 index, `archive/index.html`: every year with its months and issue counts.
enum ArchivePage {
    static let template = "archive"

    static func view(_ model: RenderModel) -> ArchiveIndexView { ArchiveIndexView(model: model) }
}

struct ArchiveIndexView: FramedView {
    let frame: FrameContext

    init(model: RenderModel) {
        frame = FrameContext(model: model, path: Paths.archive, title: ["往期"])
    }

    var scope: RenderScope { frame.scope }

    static let fields = TemplateFields<ArchiveIndexView>.framed([
        .list("years", of: YearSummaryContext.self) { view in
            view.scope.model.calendar.years.map { YearSummaryContext(scope: view.scope, year: $0) }
        },
        .number("issue_count") { $0.scope.model.issueCount },
        .number("article_count") { $0.scope.model.articleCount },
        .object("first_issue", IssueLinkContext.self) { view in
            view.scope.model.issueCount == 0
                ? nil : IssueLinkContext(scope: view.scope, date: view.scope.model.date(ofIssue: 0))
        },
        .object("latest_issue", IssueLinkContext.self) { $0.frame.latestIssue },
    ])
}
