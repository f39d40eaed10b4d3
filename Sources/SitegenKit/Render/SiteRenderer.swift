import Foundation

/// Turns the archive into the site's files. Knows every output path and how to render each one;
/// writing them is the build stage's job.
public struct SiteRenderer: Sendable {
    public let archive: Archive
    let templates: TemplateSet
    let model: RenderModel

    public init(archive: Archive, templates: TemplateSet) {
        self.init(archive: archive, templates: templates, bodiesHTML: nil)
    }

    /// With every article's body given as HTML (`bodiesHTML[index]`), converted beforehand: the
    /// render benchmark's template-only figure.
    package init(archive: Archive, templates: TemplateSet, bodiesHTML: [String]?) {
        self.archive = archive
        self.templates = templates
        self.model = RenderModel(archive: archive, bodiesHTML: bodiesHTML)
    }

    /// Every HTML page with its path, in a stable order.
    public func pages() -> [(path: String, kind: PageKind)] {
        var pages: [(path: String, kind: PageKind)] = []
        pages.reserveCapacity(archive.articles.count + archive.issues.count * 6 + 16)
        pages += ArticlePage.pages(model)
        for issue in archive.issues.indices {
            pages.append(IssuePage.page(model, issue: issue))
            pages += PagePage.pages(model, issue: issue)
        }
        pages.append((Paths.home, .home))
        pages.append((Paths.archive, .archiveIndex))
        pages += ArchiveYearPage.pages(model)
        pages += MonthPage.pages(model)
        pages.append((Paths.search, .search))
        pages.append((Paths.notFound, .notFound))
        return pages
    }

    /// The page's HTML, rendered into `renderer`'s buffer (reused page after page on a thread).
    public func render(_ kind: PageKind, into renderer: inout TemplateRenderer) {
        withUnsafeMutablePointer(to: &renderer) { renderer in
            kind.visitView(model, Rendering(templates: templates, template: kind.template, renderer: renderer))
        }
    }

    private struct Rendering: ViewVisitor {
        let templates: TemplateSet
        let template: String
        let renderer: UnsafeMutablePointer<TemplateRenderer>

        func visit<View: FramedView>(_ view: View) {
            templates.render(view, with: template, into: &renderer.pointee)
        }
    }

    /// The page's fingerprint: its templates and every value they read (see `TemplateSet.fingerprint`).
    func fingerprint(_ kind: PageKind, memo: ReadMemo? = nil) -> UInt64 {
        templates.fingerprint(of: kind.template, values: values(kind, memo: memo))
    }

    /// The digest of every value the page's templates read (see `TemplateSet.values`).
    func values(_ kind: PageKind, memo: ReadMemo? = nil) -> UInt64 {
        kind.visitView(model, Valuing(templates: templates, template: kind.template, memo: memo))
    }

    private struct Valuing: ViewVisitor {
        let templates: TemplateSet
        let template: String
        let memo: ReadMemo?

        func visit<View: FramedView>(_ view: View) -> UInt64 {
            templates.values(view, scope: view.frame.scope, with: template, memo: memo)
        }
    }

    /// The pages' fingerprints, on every core: each thread takes a run of neighbouring pages with a
    /// memo of its own, so the articles of a page walk their shared 版面导航 and 标题导航 once.
    package func fingerprints(_ pages: [(path: String, kind: PageKind)]) -> [UInt64] {
        pageReads(pages, layout: 0, earlier: nil, changedIssues: nil).fingerprints
    }

    /// This renderer with a model of its own that shares every array (`RenderModel(sharing:)`), for
    /// one thread's run of pages: each page's contexts take a reference to the model, and counting
    /// them in one object from every core at once made each count a trip between the cores' caches.
    /// `log`: where the model notes the issues the pages read.
    package func forOneThread(log: IssueReadLog? = nil) -> SiteRenderer {
        SiteRenderer(archive: archive, templates: templates, model: RenderModel(sharing: model, log: log))
    }

    private init(archive: Archive, templates: TemplateSet, model: RenderModel) {
        self.archive = archive
        self.templates = templates
        self.model = model
    }

    /// The context a page renders with (for the oracle tests and the render benchmark).
    public func view(for kind: PageKind) -> any TemplateContext { kind.view(model) }

    /// The page's HTML as text.
    public func render(_ kind: PageKind) -> String {
        var renderer = TemplateRenderer()
        render(kind, into: &renderer)
        return String(decoding: renderer.output, as: UTF8.self)
    }

    /// The feed, the sitemap(s) and robots.txt, given the pages being published.
    func dataFiles(pages: [(path: String, kind: PageKind)]) -> [DataFile] {
        let sitemapURLs = pages.compactMap { entry -> (path: String, date: IssueDate?)? in
            switch entry.kind {
            case .notFound, .search: return nil
            case .article(let index): return (entry.path, archive.articles[index].date)
            case .issue(let issue), .page(let issue, _): return (entry.path, archive.issues[issue].date)
            default: return (entry.path, nil)
            }
        }
        return [SyndicationFiles.feed(archive)]
            + SyndicationFiles.sitemaps(urls: sitemapURLs, base: archive.site.baseURL)
            + [SyndicationFiles.robots(base: archive.site.baseURL)]
    }
}
