/// The archive's issues by year and month, for the 往期 calendars. Built once per build.
struct IssueCalendar: Sendable {
    /// Years with at least one issue, newest first.
    let years: [Int]
    /// year → month → day → issue index.
    let days: [Int: [Int: [Int: Int]]]
    /// Months with at least one issue, oldest first.
    let months: [Month]

    init(archive: Archive) {
        var days: [Int: [Int: [Int: Int]]] = [:]
        for (index, issue) in archive.issues.enumerated() {
            days[issue.date.year, default: [:]][issue.date.month, default: [:]][issue.date.day] = index
        }
        self.days = days
        self.years = days.keys.sorted(by: >)
        months = years.reversed().flatMap { year in
            days[year, default: [:]].keys.sorted().map { Month(year: year, month: $0) }
        }
    }

    func issueCount(year: Int) -> Int { days[year]?.values.reduce(0) { $0 + $1.count } ?? 0 }

    /// The month's issues by day, earliest first.
    func issues(in month: Month) -> [Int] {
        (days[month.year]?[month.month] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
    }

    /// The nearest month before (or after) `month` that has issues.
    func neighbour(of month: Month, after: Bool) -> Month? {
        after ? months.first { $0 > month } : months.last { $0 < month }
    }

    struct Month: Hashable, Comparable, Sendable {
        let year: Int
        let month: Int

        static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
    }
}

struct YearSummaryContext: ScopedContext {
    let scope: RenderScope
    let year: Int

    static let fields = TemplateFields<YearSummaryContext>([
        .number("year") { $0.year },
        .text("path") { Paths.archiveYear($0.year) },
        .link("href") { Paths.archiveYear($0.year) },
        .number("issue_count") { $0.scope.model.calendar.issueCount(year: $0.year) },
        .list("months", of: MonthSummaryContext.self) { context in
            (1...12).map { month in
                MonthSummaryContext(
                    scope: context.scope, year: context.year, month: month,
                    count: context.scope.model.calendar.days[context.year]?[month]?.count ?? 0)
            }
        },
    ])
}

struct MonthSummaryContext: ScopedContext {
    let scope: RenderScope
    let year: Int
    let month: Int
    let count: Int

    /// The month's own page (`2018/07/`); a month without issues has none, so its place in the year.
    var path: String {
        count > 0 ? Paths.month(year, month) : Paths.archiveYear(year) + "#m\(ArchivePath.padded(month))"
    }

    static let fields = TemplateFields<MonthSummaryContext>([
        .number("month") { $0.month },
        .text("name") { "\($0.month)月" },
        .number("count") { $0.count },
        .bool("has_issues") { $0.count > 0 },
        .text("path") { $0.path },
        .link("href") { $0.path },
    ])
}

/// A month with issues (上一月 / 下一月 on the month page).
struct MonthLinkContext: ScopedContext {
    let scope: RenderScope
    let month: IssueCalendar.Month

    static let fields = TemplateFields<MonthLinkContext>([
        .number("year") { $0.month.year },
        .number("month") { $0.month.month },
        .text("name") { "\($0.month.year)年\($0.month.month)月" },
        .text("path") { Paths.month($0.month.year, $0.month.month) },
        .link("href") { Paths.month($0.month.year, $0.month.month) },
    ])
}

struct YearLinkContext: ScopedContext {
    let scope: RenderScope
    let year: Int

    static let fields = TemplateFields<YearLinkContext>([
        .number("year") { $0.year },
        .text("path") { Paths.archiveYear($0.year) },
        .link("href") { Paths.archiveYear($0.year) },
    ])
}

/// A month as weeks of seven cells, Sunday first (as Chinese wall calendars print them).
struct MonthGridContext: TemplateContext {
    let scope: RenderScope
    let year: Int
    let month: Int
    /// day → issue index
    let issues: [Int: Int]

    static let fields = TemplateFields<MonthGridContext>([
        .number("month") { $0.month },
        .text("name") { "\($0.month)月" },
        .text("anchor") { "m\(ArchivePath.padded($0.month))" },
        .number("count") { $0.issues.count },
        .bool("has_issues") { !$0.issues.isEmpty },
        // Not `path`/`href`: a day cell without an issue has none, and would find the month's.
        .text("month_path") { $0.issues.isEmpty ? nil : Paths.month($0.year, $0.month) },
        .text("month_href") { $0.issues.isEmpty ? nil : $0.scope.href(Paths.month($0.year, $0.month)) },
        TemplateField(name: "weeks", type: .list(.list(.object(DayCellContext.fields.schema)))) { context in
            .list(context.weeks.map { week in .list(week.map { .object($0) }) })
        },
    ])

    var weeks: [[DayCellContext]] {
        let leading = IssueDate.weekday(year: year, month: month, day: 1)
        let days = IssueDate.daysIn(month: month, year: year)
        var cells = Array(repeating: DayCellContext(day: nil, path: nil, href: nil), count: leading)
        for day in 1...days {
            let path = issues[day].map { Paths.issue(scope.model.date(ofIssue: $0)) }
            cells.append(DayCellContext(day: day, path: path, href: path.map(scope.href)))
        }
        while cells.count % 7 != 0 { cells.append(DayCellContext(day: nil, path: nil, href: nil)) }
        return stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<$0 + 7]) }
    }
}

struct DayCellContext: TemplateContext {
    let day: Int?
    let path: String?
    let href: String?

    static let fields = TemplateFields<DayCellContext>([
        .number("day") { $0.day },
        .text("path") { $0.path },
        .text("href") { $0.href },
        .bool("blank") { $0.day == nil },
    ])
}
