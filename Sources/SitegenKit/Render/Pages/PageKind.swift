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
    func view(_ model: RenderModel) -> any FramedView { visitView(model, ViewOf()) }

    /// Hands the page's view to `visitor` as its own type, so that what the visitor does with it
    /// (render it, fingerprint it) is compiled for that type rather than reached through
    /// `any FramedView`.
    func visitView<Visitor: ViewVisitor>(_ model: RenderModel, _ visitor: Visitor) -> Visitor.Result {
        switch self {
        case .article(let index): return visitor.visit(ArticlePage.view(model, index: index))
        case .page(let issue, let page): return visitor.visit(PagePage.view(model, issue: issue, page: page))
        case .issue(let issue): return visitor.visit(IssuePage.view(model, issue: issue))
        case .home: return visitor.visit(HomePage.view(model))
        case .archiveIndex: return visitor.visit(ArchivePage.view(model))
        case .archiveYear(let year): return visitor.visit(ArchiveYearPage.view(model, year: year))
        case .month(let year, let month): return visitor.visit(MonthPage.view(model, year: year, month: month))
        case .search: return visitor.visit(SearchPage.view(model))
        case .notFound: return visitor.visit(NotFoundPage.view(model))
        }
    }
}

/// What is done with a page's view, for every view type (`PageKind.visitView`).
protocol ViewVisitor {
    associatedtype Result
    func visit<View: FramedView>(_ view: View) -> Result
}

/// The view itself.
private struct ViewOf: ViewVisitor {
    func visit<View: FramedView>(_ view: View) -> any FramedView { view }
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
