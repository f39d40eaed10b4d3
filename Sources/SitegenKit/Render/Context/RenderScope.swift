/// The archive as rendering sees it: shared by reference, so the many small context values the
/// templates walk through cost one retain each, not a copy of the archive's arrays.
final class RenderModel: Sendable {
    let archive: Archive
    let calendar: IssueCalendar
    /// Each article's path, made once: links to an article appear on a dozen pages.
    let articlePaths: [String]
    /// Per issue, per page: its texts, made once (every page of an issue lists its pages).
    let pageTexts: [[PageTexts]]

    struct PageTexts: Sendable {
        /// 2018/07/19/03/index.html
        let path: String
        /// 第3版:要闻
        let heading: String
        /// 03
        let label: String
        /// 第03版
        let numberHeading: String
    }

    /// Each article's body as HTML when converted beforehand (the render benchmark gives both
    /// renderers the same, to time template work alone); nil in a build.
    let bodiesHTML: [String]?

    init(archive: Archive, bodiesHTML: [String]? = nil) {
        self.archive = archive
        self.bodiesHTML = bodiesHTML
        self.calendar = IssueCalendar(archive: archive)
        self.articlePaths = parallelMap(archive.articles) { Paths.article($0.slot) }
        self.pageTexts = archive.issues.map { issue in
            issue.pages.map { page in
                PageTexts(
                    path: Paths.page(issue.date, page.label), heading: page.heading, label: page.label.description,
                    numberHeading: page.label.chineseName)
            }
        }
    }

    /// Article `index`'s body as HTML (its Markdown read and converted, unless given beforehand).
    func bodyHTML(_ index: Int) -> String {
        bodiesHTML?[index] ?? Markdown.html(archive.articles[index].body, allowRawHTML: site.unsafeHTML)
    }

    // Read in place (`_read`): a copy of the archive or the site settings per field read would
    // retain every array and text they hold.
    var site: SiteConfig { _read { yield archive.site } }
}

/// What every context carries: the model and the way from the page being rendered back to the
/// site root, so links come out ready to use (`href`) with no lookup up the context stack. One per
/// page, shared by reference: a context is copied with one retain.
final class RenderScope: Sendable {
    let model: RenderModel
    /// `../../../../` from an article, `` from the root, the base URL's path on 404.html.
    let root: String

    init(model: RenderModel, root: String) {
        self.model = model
        self.root = root
    }

    var archive: Archive { _read { yield model.archive } }

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
        Self(
            name: name, type: .text, read: { context in .text(path(context).map(context.scope.href)) },
            hash: { context, _, hash in hash.combineWords(path(context)) },
            visit: visitor({ $0 }) { context, renderer, use in
                guard let path = path(context) else { return false }
                guard case .write(let escaped) = use else {
                    return FieldVisits.text(context.scope.href(path), &renderer, use)
                }
                // Written as two texts: the link is not made.
                _ = FieldVisits.text(context.scope.root, &renderer, .write(escaped: escaped))
                return FieldVisits.text(path, &renderer, use)
            })
    }

    /// A text made from an issue's date (`2018年7月19日`, `2018/07/19/index.html`; a link to that
    /// path when `link`): fingerprints take the date instead of making the text.
    static func dated(
        _ name: String, link: Bool = false, _ date: @escaping (Context) -> IssueDate?,
        _ text: @escaping (IssueDate) -> String
    ) -> Self {
        let made = { (context: Context) in date(context).map { link ? context.scope.href(text($0)) : text($0) } }
        return Self(
            name: name, type: .text, read: { .text(made($0)) },
            hash: { context, _, hash in
                hash.combine(date(context).map { UInt64($0.year * 10_000 + $0.month * 100 + $0.day) } ?? 0)
            }, visit: visitor(made, FieldVisits.text))
    }
}
