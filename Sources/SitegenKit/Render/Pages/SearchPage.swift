/// `search.mustache`: the reader search page, `search/index.html`; search.js fills it from the index.
enum SearchPage {
    static let template = "search"

    static func view(_ model: RenderModel) -> SearchView {
        SearchView(frame: FrameContext(model: model, path: Paths.search, title: ["搜索"]))
    }
}

struct SearchView: FramedView {
    let frame: FrameContext

    static let fields = TemplateFields<SearchView>.framed([
        .text("manifest_path") { _ in SearchIndexLayout.manifest }
    ])
}
