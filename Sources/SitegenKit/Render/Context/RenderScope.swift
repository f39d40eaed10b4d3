/// The archive as rendering sees it: shared by reference, so the many small context values the
/// templates walk through cost one retain each, not a copy of the archive's arrays.
final class RenderModel: Sendable {
    let archive: Archive
    let calendar: IssueCalendar
    /// Each article's path, made once: links to an article appear on a dozen pages.
    let articlePaths: [String]

    init(archive: Archive) {
        self.archive = archive
        self.calendar = IssueCalendar(archive: archive)
        self.articlePaths = parallelMap(archive.articles) { Paths.article($0.slot) }
    }

    var site: SiteConfig { archive.site }
}

/// What every context carries: the model and the way from the page being rendered back to the
/// site root, so links come out ready to use (`href`) with no lookup up the context stack.
struct RenderScope: Sendable {
    let model: RenderModel
    /// `../../../../` from an article, `` from the root, the base URL's path on 404.html.
    let root: String

    var archive: Archive { model.archive }

    func href(_ path: String) -> String { root + path }
}

/// A context that carries its page's `RenderScope`, so its fields can be links.
protocol ScopedContext: TemplateContext {
    var scope: RenderScope { get }
}

extension TemplateField where Context: ScopedContext {
    /// A link from the page being rendered (`href`): the way back to the root, then `path`. A
    /// fingerprint takes in only the path: it has the page's root once (every context of a page
    /// carries the page's scope).
    static func link(_ name: String, _ path: @escaping (Context) -> String?) -> Self {
        Self(name: name, type: .text, read: { context in .text(path(context).map(context.scope.href)) },
             hash: { context, _, hash in hash.combine(path(context)) })
    }
}
