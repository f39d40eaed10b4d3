/// What every template can use, whatever it renders: the site, the way back to the root, the
/// page's own title and address. Views declare their own names first, then these.
///
/// It deliberately offers nothing that changes with the rest of the archive (such as the latest
/// issue), so that adding an issue does not change every page of the site. One per page, shared by
/// reference: every field of the frame a template reads goes through the view that holds it.
final class FrameContext: ScopedContext {
    let scope: RenderScope
    /// The file being written, relative to the root.
    let path: String
    /// The <title> text.
    let title: String

    init(model: RenderModel, path: String, title: String, absoluteRoot: Bool = false) {
        // Links on the 404 page must work from any folder, so they start at the site's root path.
        let root = absoluteRoot ? Paths.rootPath(of: model.site.baseURL) : Paths.root(from: path)
        self.scope = RenderScope(model: model, root: root)
        self.path = path
        self.title = title
    }

    static let fields = TemplateFields<FrameContext>([
        .object("site", SiteContext.self) { SiteContext(config: $0.scope.model.site) },
        .text("root") { $0.scope.root },
        .text("title") { $0.title },
        .text("canonical_url") { Paths.url($0.path, base: $0.scope.model.site.baseURL) },
        .text("archive_path") { _ in Paths.archive },
        .link("archive_href") { _ in Paths.archive },
        .text("home_path") { _ in Paths.home },
        .link("home_href") { _ in Paths.home },
        .text("feed_path") { _ in Paths.feed },
        .link("feed_href") { _ in Paths.feed },
        .link("assets_href") { _ in "assets/" },
        .text("search_path") { _ in Paths.search },
        .link("search_href") { _ in Paths.search },
    ])

    /// The newest issue, for the views that show it (home, 404, 往期).
    var latestIssue: IssueLinkContext? {
        scope.archive.latestIssue.map { IssueLinkContext(scope: scope, date: $0.date) }
    }
}

struct SiteContext: TemplateContext {
    let config: SiteConfig

    static let fields = TemplateFields<SiteContext>([
        .text("title") { $0.config.title },
        .text("base_url") { $0.config.baseURL },
        .text("language") { $0.config.language },
        .text("description") { $0.config.description },
        .text("footer") { $0.config.footer },
    ])
}

/// The article itself: headline block, body and captions.
struct ArticleContext: TemplateContext {
    let scope: RenderScope
    let index: Int

    var article: Article { scope.model.archive.articles[index] }

    static let fields = TemplateFields<ArticleContext>([
        .text("title") { $0.article.title },
        .text("kicker") { $0.article.kicker },
        .text("subtitle") { $0.article.subtitle },
        .texts("authors") { $0.article.authors.isEmpty ? nil : $0.article.authors },
        .text("authors_text") { authorsText($0.article.authors) },
        .text("byline") { $0.article.byline },
        // Made from the body's Markdown (read from its file): fingerprints take the body's digest.
        .text(
            "body_html",
            standIn: { context in
                StableHash.of {
                    $0.combine(context.article.bodyDigest)
                    $0.combine(context.scope.model.site.unsafeHTML)
                }
            }
        ) { $0.scope.model.bodyHTML($0.index) },
        .texts("captions") { $0.article.captions.isEmpty ? nil : $0.article.captions },
        .bool("has_captions") { !$0.article.captions.isEmpty },
        .list("photos", of: PhotoContext.self) { PhotoContext.list($0.scope, article: $0.article) },
        .texts("unpictured_captions") { context in
            let captions = PhotoContext.unpictured(context.scope, article: context.article)
            return captions.isEmpty ? nil : captions
        },
        .bool("has_unpictured_captions") { !PhotoContext.unpictured($0.scope, article: $0.article).isEmpty },
        .text("source") { $0.article.source },
        .number("position") { $0.article.order },
        .text("path") { $0.scope.model.articlePaths[$0.index] },
        .text("url") { Paths.url($0.scope.model.articlePaths[$0.index], base: $0.scope.model.site.baseURL) },
        .text("reference") { Citation.reference(for: $0.article, publication: $0.scope.model.site.title) },
    ])

    /// 陈义、张三 — names as the paper joins them.
    static func authorsText(_ authors: [String]) -> String? {
        authors.isEmpty ? nil : authors.joined(separator: "、")
    }
}
