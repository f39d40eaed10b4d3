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
        hash.combineWords(focus.article.map { model.path(ofArticle: $0) })
        hash.combineWords(focus.page.map { model.pageTexts(issue: $0.issue, page: $0.page).path })
    }

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
            article(context).map { context.scope.model.path(ofArticle: $0) }
        }
    }

    /// True on the page of an issue being rendered, or whose article is (`RenderScope.focus`).
    static func current(_ name: String, page: @escaping (Context) -> Archive.Location) -> Self {
        current(name, { context in page(context) == context.scope.focus.page }) { context in
            let page = page(context)
            return context.scope.model.pageTexts(issue: page.issue, page: page.page).path
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
