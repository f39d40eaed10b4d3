/// One HTML page of the site: which kind of page it is and which one. Each kind is a unit of its
/// own (`ArticlePage`, `PagePage`, …) that owns its template, its pages and its context.
public enum PageKind: Sendable, Hashable {
    case article(Int)
    case page(issue: Int, page: Int)
    case issue(Int)
    case home
    case archiveIndex
    case archiveYear(Int)
    case month(year: Int, month: Int)
    case search
    case notFound

    public var template: String {
        switch self {
        case .article: return ArticlePage.template
        case .page: return PagePage.template
        case .issue: return IssuePage.template
        case .home: return HomePage.template
        case .archiveIndex: return ArchivePage.template
        case .archiveYear: return ArchiveYearPage.template
        case .month: return MonthPage.template
        case .search: return SearchPage.template
        case .notFound: return NotFoundPage.template
        }
    }

    /// Every page template with the context type it is compiled for.
    static let templates: [(name: String, context: TemplateSchema)] = [
        (ArticlePage.template, ArticleView.fields.schema),
        (PagePage.template, PageView.fields.schema),
        (IssuePage.template, IssueView.fields.schema),
        (HomePage.template, HomeView.fields.schema),
        (ArchivePage.template, ArchiveIndexView.fields.schema),
        (ArchiveYearPage.template, ArchiveYearView.fields.schema),
        (MonthPage.template, MonthView.fields.schema),
        (SearchPage.template, SearchView.fields.schema),
        (NotFoundPage.template, NotFoundView.fields.schema),
    ]

    /// The context the page renders with.
    func view(_ model: RenderModel) -> any FramedView {
        switch self {
        case .article(let index): return ArticlePage.view(model, index: index)
        case .page(let issue, let page): return PagePage.view(model, issue: issue, page: page)
        case .issue(let issue): return IssuePage.view(model, issue: issue)
        case .home: return HomePage.view(model)
        case .archiveIndex: return ArchivePage.view(model)
        case .archiveYear(let year): return ArchiveYearPage.view(model, year: year)
        case .month(let year, let month): return MonthPage.view(model, year: year, month: month)
        case .search: return SearchPage.view(model)
        case .notFound: return NotFoundPage.view(model)
        }
    }
}

/// A view: a page kind's context, which offers its own names and then its frame's.
protocol FramedView: TemplateContext {
    var frame: FrameContext { get }
}

extension TemplateFields where Context: FramedView {
    /// A view's own fields, then its frame's.
    static func framed(_ own: [TemplateField<Context>]) -> TemplateFields<Context> {
        TemplateFields(own).including(FrameContext.fields, via: { $0.frame })
    }
}
