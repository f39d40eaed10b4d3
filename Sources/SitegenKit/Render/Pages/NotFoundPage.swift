/// `404.mustache`: `404.html`, whose links start at the site's root path so they work from any folder.
enum NotFoundPage {
    static let template = "404"

    static func view(_ model: RenderModel) -> NotFoundView {
        NotFoundView(
            frame: FrameContext(
                model: model, path: Paths.notFound, title: ["找不到该页"], absoluteRoot: true))
    }
}

struct NotFoundView: FramedView {
    let frame: FrameContext

    static let fields = TemplateFields<NotFoundView>.framed([
        .object("latest_issue", IssueLinkContext.self) { $0.frame.latestIssue }
    ])
}
