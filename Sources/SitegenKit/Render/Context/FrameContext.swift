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
    /// What the <title> says before the site's title, most particular first (`title`).
    let heading: [String]

    /// `heading: ["往期"]`: the <title> 往期 - 迪庆日报.
    init(
        model: RenderModel, path: String, title heading: [String], focus: RenderScope.Focus = .init(),
        absoluteRoot: Bool = false
    ) {
        // Links on the 404 page must work from any folder, so they start at the site's root path.
        let root = absoluteRoot ? Paths.rootPath(of: model.site.baseURL) : Paths.root(from: path)
        self.scope = RenderScope(model: model, root: root, focus: focus)
        self.path = path
        self.heading = heading
    }

    /// The <title>: the heading's parts, then the site's title, between dashes. Made when a page
    /// is rendered; a fingerprint takes the parts.
    var title: String { (heading + [scope.model.site.title]).joined(separator: " - ") }

    static let fields = TemplateFields<FrameContext>([
        .object("site", SiteContext.self) { SiteContext(scope: $0.scope) },
        .text("root") { $0.scope.root },
        .text("title", standIn: { titleStandIn($0) }) { $0.title },
        .text("canonical_url", standIn: { urlStandIn($0.path, $0.scope) }) {
            Paths.url($0.path, base: $0.scope.model.site.baseURL)
        },
        .constant("archive_path", Paths.archive),
        .link("archive_href", constant: Paths.archive),
        .constant("home_path", Paths.home),
        .link("home_href", constant: Paths.home),
        .constant("feed_path", Paths.feed),
        .link("feed_href", constant: Paths.feed),
        .link("assets_href", constant: "assets/"),
        .constant("search_path", Paths.search),
        .link("search_href", constant: Paths.search),
    ])

    /// What the <title> is made from, for fingerprints.
    static func titleStandIn(_ frame: FrameContext) -> UInt64 {
        StableHash.of {
            $0.combineWords(frame.heading)
            $0.combineWords(frame.scope.model.site.title)
        }
    }

    /// What a page's public address is made from (`Paths.url`), for fingerprints.
    static func urlStandIn(_ path: String, _ scope: RenderScope) -> UInt64 {
        StableHash.of {
            $0.combineWords(path)
            $0.combineWords(scope.model.site.baseURL)
        }
    }

    /// The newest issue, for the views that show it (home, 404, 往期).
    var latestIssue: IssueLinkContext? {
        scope.model.issueCount == 0
            ? nil : IssueLinkContext(scope: scope, date: scope.model.date(ofIssue: scope.model.issueCount - 1))
    }
}

/// The site settings, read in place through the page's scope.
struct SiteContext: KeyedContext {
    let scope: RenderScope

    /// One site per build.
    var memoKey: Int { 0 }

    static let fields = TemplateFields<SiteContext>([
        .text("title") { $0.scope.model.site.title },
        .text("base_url") { $0.scope.model.site.baseURL },
        .text("language") { $0.scope.model.site.language },
        .text("description") { $0.scope.model.site.description },
        .text("footer") { $0.scope.model.site.footer },
    ])
}

/// The article itself: headline block, body and captions.
struct ArticleContext: TemplateContext {
    let scope: RenderScope
    let index: Int

    var article: Article { scope.model[article: index] }

    static let fields = TemplateFields<ArticleContext>([
        .text("title") { $0.article.title },
        .text("kicker") { $0.article.kicker },
        .text("subtitle") { $0.article.subtitle },
        .texts("authors") { $0.article.authors.isEmpty ? nil : $0.article.authors },
        .text("authors_text", standIn: { $0.article.authors.isEmpty ? nil : words($0.article.authors) }) {
            authorsText($0.article.authors)
        },
        .text("byline") { $0.article.byline },
        // Made from the body's Markdown (read from its file): fingerprints take the body's digest.
        .html(
            "body_html",
            standIn: { context in
                StableHash.of {
                    $0.combine(context.article.bodyDigest)
                    $0.combine(context.scope.model.site.unsafeHTML)
                }
            }
        ) { context, html in context.scope.model.appendBodyHTML(context.index, to: &html) },
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
        .text("path") { $0.scope.model.path(ofArticle: $0.index) },
        .text("url", standIn: { FrameContext.urlStandIn($0.scope.model.path(ofArticle: $0.index), $0.scope) }) {
            Paths.url($0.scope.model.path(ofArticle: $0.index), base: $0.scope.model.site.baseURL)
        },
        // Made from the authors, title, subtitle, date and 版次 and the site's title.
        .text(
            "reference",
            standIn: { context in
                let article = context.article
                return StableHash.of {
                    $0.combineWords(article.authors)
                    $0.combineWords(article.title)
                    $0.combineWords(article.subtitle)
                    $0.combine(article.slot)
                    $0.combineWords(context.scope.model.site.title)
                }
            }
        ) { Citation.reference(for: $0.article, publication: $0.scope.model.site.title) },
    ])

    /// A digest of texts, for a stand-in.
    static func words(_ texts: [String]) -> UInt64 { StableHash.of { $0.combineWords(texts) } }

    /// 陈义、张三 — names as the paper joins them.
    static func authorsText(_ authors: [String]) -> String? {
        authors.isEmpty ? nil : authors.joined(separator: "、")
    }
}
