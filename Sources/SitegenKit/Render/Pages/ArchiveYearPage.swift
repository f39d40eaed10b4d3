/// `archive-year.mustache`: a page per year with issues, `archive/2018/index.html`: twelve month
/// grids, days with an issue linked.
enum ArchiveYearPage {
    static let template = "archive-year"

    /// Newest year first.
    static func pages(_ model: RenderModel) -> [(path: String, kind: PageKind)] {
        model.calendar.years.reversed().map { (Paths.archiveYear($0), .archiveYear($0)) }
    }

    static func view(_ model: RenderModel, year: Int) -> ArchiveYearView { ArchiveYearView(model: model, year: year) }
}

struct ArchiveYearView: FramedView {
    let year: Int
    let frame: FrameContext

    init(model: RenderModel, year: Int) {
        self.year = year
        frame = FrameContext(model: model, path: Paths.archiveYear(year), title: ["\(year)年往期"])
    }

    var scope: RenderScope { frame.scope }
    var calendar: IssueCalendar { frame.scope.model.calendar }

    static let fields = TemplateFields<ArchiveYearView>.framed([
        .number("year") { $0.year },
        .number("issue_count") { $0.calendar.issueCount(year: $0.year) },
        .list("months", of: MonthGridContext.self) { view in
            (1...12).map {
                MonthGridContext(
                    scope: view.scope, year: view.year, month: $0, issues: view.calendar.days[view.year]?[$0] ?? [:])
            }
        },
        .texts("weekday_names") { _ in ["日", "一", "二", "三", "四", "五", "六"] },
        .object("prev_year", YearLinkContext.self) { view in
            view.calendar.years.first { $0 < view.year }.map { YearLinkContext(scope: view.scope, year: $0) }
        },
        .object("next_year", YearLinkContext.self) { view in
            view.calendar.years.last { $0 > view.year }.map { YearLinkContext(scope: view.scope, year: $0) }
        },
    ])
}
