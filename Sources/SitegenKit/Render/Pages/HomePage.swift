/// `home.mustache`: the site's front page, `index.html`: the newest issue's front page.
enum HomePage {
    static let template = "home"

    static func view(_ model: RenderModel) -> HomeView {
        guard model.issueCount > 0, model.pageCount(ofIssue: model.issueCount - 1) > 0 else {
            return HomeView(frame: FrameContext(model: model, path: Paths.home, title: []), front: nil)
        }
        // One frame for both: its scope's focus is the front page.
        let front = PageView(
            model: model, issue: model.issueCount - 1, page: 0, path: Paths.home, title: [], isHome: true)
        return HomeView(frame: front.frame, front: front)
    }
}

/// The newest issue's front page with the whole issue's contents; while the archive is empty, only
/// the frame and `latest_issue` (none), as on the 404 page.
struct HomeView: FramedView {
    let frame: FrameContext
    let front: PageView?

    static let fields = TemplateFields<HomeView>.framed(
        PageView.ownFields.map { field in
            let read = field.read
            let hash = field.hash
            return TemplateField<HomeView>(
                name: field.name, type: field.type, read: { view in view.front.map(read) ?? .null },
                hash: { view, plan, into in view.front.map { hash($0, plan, &into) } ?? into.combine(0 as UInt64) },
                visit: field.visit.map { visit in
                    TemplateField<HomeView>.visitor({ $0.front }) { front, renderer, use in
                        guard let front else { return false }
                        return withUnsafePointer(to: front) { visit(UnsafeRawPointer($0), &renderer, use) }
                    }
                })
        } + [.object("latest_issue", IssueLinkContext.self) { $0.front == nil ? $0.frame.latestIssue : nil }]
    )
}
