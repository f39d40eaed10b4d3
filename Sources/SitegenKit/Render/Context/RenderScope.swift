/// The archive as rendering sees it: shared by reference, so the many small context values the
/// templates walk through cost one retain each, not a copy of the archive's arrays.
final class RenderModel: Sendable {
    let archive: Archive
    let calendar: IssueCalendar
    /// Each article's path, made once: links to an article appear on a dozen pages.
    let articlePaths: [String]
    /// Per issue, per page: its texts, made once (every page of an issue lists its pages).
    let pageTexts: [[PageTexts]]
    /// Per issue: the number of its first page among all the archive's pages (a page's key).
    let firstPage: [Int]

    struct PageTexts: Sendable {
        /// 2018/07/19/03/index.html
        let path: String
        /// 第3版:要闻
        let heading: String
        /// 03
        let label: String
        /// 第03版
        let numberHeading: String
        /// 2018年7月19日 第03版, in the <title> of each of the page's articles.
        let dateline: String
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
                    numberHeading: page.label.chineseName,
                    dateline: issue.date.chineseDate + " " + page.label.chineseName)
            }
        }
        var first = 0
        self.firstPage = archive.issues.map { issue in
            defer { first += issue.pages.count }
            return first
        }
    }

    /// The same model in an object of its own, sharing every array (`SiteRenderer.forOneThread`).
    init(sharing model: RenderModel) {
        archive = model.archive
        calendar = model.calendar
        articlePaths = model.articlePaths
        pageTexts = model.pageTexts
        firstPage = model.firstPage
        bodiesHTML = model.bodiesHTML
    }

    /// Article `index`'s body as HTML (its Markdown read and converted, unless given beforehand),
    /// appended to `html`.
    func appendBodyHTML(_ index: Int, to html: inout [UInt8]) {
        if let given = bodiesHTML?[index] {
            html.append(contentsOf: given.utf8)
            return
        }
        let unsafeHTML = site.unsafeHTML
        archive.articles[index].withBody { Markdown.appendHTML(of: $0, allowRawHTML: unsafeHTML, to: &html) }
    }

    // Read in place (`_read`): a copy of the archive or the site settings per field read would
    // retain every array and text they hold.
    var site: SiteConfig { _read { yield archive.site } }
}

/// What every context carries: the model, the way from the page being rendered back to the
/// site root, so links come out ready to use (`href`) with no lookup up the context stack, and
/// what the page is about, so lists mark it (`current`). One per page, shared by reference: a
/// context is copied with one retain.
final class RenderScope: Sendable {
    let model: RenderModel
    /// `../../../../` from an article, `` from the root, the base URL's path on 404.html.
    let root: String
    /// The article and the page of an issue being rendered, if any: the ones lists mark `current`.
    let focus: Focus

    struct Focus: Sendable {
        var article: Int? = nil
        var page: Archive.Location? = nil
    }

    init(model: RenderModel, root: String, focus: Focus = Focus()) {
        self.model = model
        self.root = root
        self.focus = focus
    }

    /// What a page's fingerprint takes of its scope: its root and the paths of what it is about.
    func combine(into hash: inout StableHash) {
        hash.combineWords(root)
        hash.combineWords(focus.article.map { model.articlePaths[$0] })
        hash.combineWords(focus.page.map { model.pageTexts[$0.issue][$0.page].path })
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

    /// A link to a path that is the same in every build (`assets/`): fingerprints fold in nothing
    /// for it, as a state made by another sitegen binary is not used.
    static func link(_ name: String, constant path: String) -> Self {
        let link = link(name) { _ in path }
        return Self(name: name, type: .text, read: link.read, hash: { _, _, _ in }, visit: link.visit)
    }

    /// True on the article being rendered (`RenderScope.focus`): a title in 标题导航. Fingerprints
    /// take the article's path instead of the answer, so a list is the same on every page that
    /// shows it; the page's own fingerprint has its focus.
    static func current(_ name: String, article: @escaping (Context) -> Int?) -> Self {
        current(name, { context in article(context).map { $0 == context.scope.focus.article } ?? false }) { context in
            article(context).map { context.scope.model.articlePaths[$0] }
        }
    }

    /// True on the page of an issue being rendered, or whose article is (`RenderScope.focus`).
    static func current(_ name: String, page: @escaping (Context) -> Archive.Location) -> Self {
        current(name, { context in page(context) == context.scope.focus.page }) { context in
            let page = page(context)
            return context.scope.model.pageTexts[page.issue][page.page].path
        }
    }

    private static func current(
        _ name: String, _ answer: @escaping (Context) -> Bool, identity: @escaping (Context) -> String?
    ) -> Self {
        Self(
            name: name, type: .bool, read: { .bool(answer($0)) },
            hash: { context, _, hash in hash.combineWords(identity(context)) },
            visit: visitor({ Optional(answer($0)) }, FieldVisits.bool))
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
                hash.combine(IssueDate.word(date(context)))
            }, visit: visitor(made, FieldVisits.text))
    }
}
