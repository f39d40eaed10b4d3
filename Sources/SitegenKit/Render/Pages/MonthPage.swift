/// `month.mustache`: a page per month with issues, `2018/07/index.html`, the folder above the
/// month's issues: a reader who trims `/2018/07/19/` to `/2018/07/` finds the month's issues.
enum MonthPage {
    static let template = "month"

    /// Oldest month first, as the issues are.
    static func pages(_ model: RenderModel) -> [(path: String, kind: PageKind)] {
        model.calendar.months.map { (Paths.month($0.year, $0.month), .month(year: $0.year, month: $0.month)) }
    }

    static func view(_ model: RenderModel, year: Int, month: Int) -> MonthView {
        MonthView(model: model, month: IssueCalendar.Month(year: year, month: month))
    }
}

struct MonthView: FramedView {
    let month: IssueCalendar.Month
    let frame: FrameContext

    init(model: RenderModel, month: IssueCalendar.Month) {
        self.month = month
        frame = FrameContext(
            model: model, path: Paths.month(month.year, month.month),
            title: ["\(month.year)年\(month.month)月"])
    }

    var scope: RenderScope { frame.scope }
    var calendar: IssueCalendar { frame.scope.model.calendar }

    static let fields = TemplateFields<MonthView>.framed([
        .number("year") { $0.month.year },
        .number("month") { $0.month.month },
        .text("name") { "\($0.month.year)年\($0.month.month)月" },
        .number("issue_count") { $0.calendar.issues(in: $0.month).count },
        .text("year_path") { Paths.archiveYear($0.month.year) },
        .text("year_href") { $0.scope.href(Paths.archiveYear($0.month.year)) },
        .list("issues", of: IssueContext.self) { view in
            view.calendar.issues(in: view.month).map { IssueContext(scope: view.scope, issue: $0) }
        },
        .object("prev_month", MonthLinkContext.self) { view in
            view.calendar.neighbour(of: view.month, after: false).map { MonthLinkContext(scope: view.scope, month: $0) }
        },
        .object("next_month", MonthLinkContext.self) { view in
            view.calendar.neighbour(of: view.month, after: true).map { MonthLinkContext(scope: view.scope, month: $0) }
        },
    ])
}
