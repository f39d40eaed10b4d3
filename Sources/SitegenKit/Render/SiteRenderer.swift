import Foundation

/// Turns the archive into the site's files. Knows every output path and how to render each one;
/// writing them is the build stage's job.
public struct SiteRenderer: Sendable {
    public let archive: Archive
    let templates: TemplateSet
    let model: RenderModel

    /// One HTML page of the site and the template that renders it.
    public enum PageKind: Sendable, Hashable {
        case article(Int)
        case page(issue: Int, page: Int)
        case issue(Int)
        case home
        case archiveIndex
        case archiveYear(Int)
        case search
        case notFound

        var template: String {
            switch self {
            case .article: return "article"
            case .page: return "page"
            case .issue: return "issue"
            case .home: return "home"
            case .archiveIndex: return "archive"
            case .archiveYear: return "archive-year"
            case .search: return "search"
            case .notFound: return "404"
            }
        }
    }

    public init(archive: Archive, templates: TemplateSet) {
        self.archive = archive
        self.templates = templates
        self.model = RenderModel(archive: archive)
    }

    /// Every HTML page with its path, in a stable order.
    public func pages() -> [(path: String, kind: PageKind)] {
        var pages: [(String, PageKind)] = []
        pages.reserveCapacity(archive.articles.count + archive.issues.count * 6 + 16)
        for (index, path) in model.articlePaths.enumerated() {
            pages.append((path, .article(index)))
        }
        for (issueIndex, issue) in archive.issues.enumerated() {
            pages.append((Paths.issue(issue.date), .issue(issueIndex)))
            for (pageIndex, page) in issue.pages.enumerated() {
                pages.append((Paths.page(issue.date, page.label), .page(issue: issueIndex, page: pageIndex)))
            }
        }
        pages.append((Paths.home, .home))
        pages.append((Paths.archive, .archiveIndex))
        for year in model.calendar.years.reversed() {
            pages.append((Paths.archiveYear(year), .archiveYear(year)))
        }
        pages.append((Paths.search, .search))
        pages.append((Paths.notFound, .notFound))
        return pages
    }

    public func render(_ kind: PageKind) -> String {
        templates.render(context(for: kind), with: kind.template)
    }

    func context(for kind: PageKind) -> Any {
        switch kind {
        case .article(let index):
            return ArticleView(model: model, index: index)
        case .page(let issue, let page):
            return PageView(model: model, issue: issue, page: page,
                            path: Paths.page(archive.issues[issue].date, archive.issues[issue].pages[page].label))
        case .issue(let issue):
            return IssueView(model: model, issue: issue)
        case .home:
            guard let latest = archive.issues.indices.last, !archive.issues[latest].pages.isEmpty else {
                return NotFoundView(frame: FrameContext(model: model, path: Paths.home, title: archive.site.title))
            }
            return PageView(model: model, issue: latest, page: 0, path: Paths.home, isHome: true)
        case .archiveIndex:
            return ArchiveIndexView(model: model)
        case .archiveYear(let year):
            return ArchiveYearView(model: model, year: year)
        case .search:
            return SearchView(frame: FrameContext(model: model, path: Paths.search, title: "搜索 - \(archive.site.title)"))
        case .notFound:
            return NotFoundView(frame: FrameContext(model: model, path: Paths.notFound,
                                                    title: "找不到该页 - \(archive.site.title)", absoluteRoot: true))
        }
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
        return [SyndicationFiles.feed(archive)] + SyndicationFiles.sitemaps(urls: sitemapURLs, base: archive.site.baseURL)
            + [SyndicationFiles.robots(base: archive.site.baseURL)]
    }
}
