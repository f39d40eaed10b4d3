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
