/// `issue.mustache`: a page per issue, at `2018/07/19/`, with all its pages and their titles.
enum IssuePage {
    static let template = "issue"

    static func page(_ model: RenderModel, issue: Int) -> (path: String, kind: PageKind) {
        (Paths.issue(model.date(ofIssue: issue)), .issue(issue))
    }

    static func view(_ model: RenderModel, issue: Int) -> IssueView { IssueView(model: model, issue: issue) }
}

struct IssueView: FramedView {
    let issue: Int
    let frame: FrameContext

    init(model: RenderModel, issue: Int) {
        self.issue = issue
        let date = model.date(ofIssue: issue)
        frame = FrameContext(
            model: model, path: Paths.issue(date), title: [date.chineseDisplay])
    }

    static let fields = TemplateFields<IssueView>.framed([
        .object("issue", IssueContext.self) {
            IssueContext(scope: $0.frame.scope, issue: $0.issue, pagesWithTitles: true)
        }
    ])
}
