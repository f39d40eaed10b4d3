import Mustache

/// The archive's issues by year and month, for the 往期 calendars. Built once per build.
struct IssueCalendar: Sendable {
    /// Years with at least one issue, newest first.
    let years: [Int]
    /// year → month → day → issue index.
    let days: [Int: [Int: [Int: Int]]]

    init(archive: Archive) {
        var days: [Int: [Int: [Int: Int]]] = [:]
        for (index, issue) in archive.issues.enumerated() {
            days[issue.date.year, default: [:]][issue.date.month, default: [:]][issue.date.day] = index
        }
        self.days = days
        self.years = days.keys.sorted(by: >)
    }

    func issueCount(year: Int) -> Int { days[year]?.values.reduce(0) { $0 + $1.count } ?? 0 }
}

/// `archive.mustache`: every year, each with its months and issue counts.
struct ArchiveIndexView: TemplateContext {
    let frame: FrameContext

    init(model: RenderModel) {
        frame = FrameContext(model: model, path: Paths.archive, title: "往期 - \(model.site.title)")
    }

    func value(named name: String) -> Any? {
        let scope = frame.scope
        switch name {
        case "years": return scope.model.calendar.years.map { YearSummaryContext(scope: scope, year: $0) }
        case "issue_count": return scope.archive.issues.count
        case "article_count": return scope.archive.articles.count
        case "first_issue": return scope.archive.issues.first.map { IssueLinkContext(scope: scope, date: $0.date) }
        case "latest_issue": return frame.latestIssue
        default: return frame.value(named: name)
        }
    }
}

struct YearSummaryContext: TemplateContext {
    let scope: RenderScope
    let year: Int

    func value(named name: String) -> Any? {
        let calendar = scope.model.calendar
        switch name {
        case "year": return year
        case "path": return Paths.archiveYear(year)
        case "href": return scope.href(Paths.archiveYear(year))
        case "issue_count": return calendar.issueCount(year: year)
        case "months":
            return (1...12).map { month in
                MonthSummaryContext(scope: scope, year: year, month: month, count: calendar.days[year]?[month]?.count ?? 0)
            }
        default: return nil
        }
    }
}

struct MonthSummaryContext: TemplateContext {
    let scope: RenderScope
    let year: Int
    let month: Int
    let count: Int

    func value(named name: String) -> Any? {
        switch name {
        case "month": return month
        case "name": return "\(month)月"
        case "count": return count
        case "has_issues": return count > 0
        case "path": return Paths.archiveYear(year) + "#m\(IssueDate.pad(month))"
        case "href": return scope.href(Paths.archiveYear(year) + "#m\(IssueDate.pad(month))")
        default: return nil
        }
    }
}

/// `archive-year.mustache`: one year as twelve month grids, days with an issue linked.
struct ArchiveYearView: TemplateContext {
    let year: Int
    let frame: FrameContext

    init(model: RenderModel, year: Int) {
        self.year = year
        frame = FrameContext(model: model, path: Paths.archiveYear(year), title: "\(year)年往期 - \(model.site.title)")
    }

    func value(named name: String) -> Any? {
        let scope = frame.scope
        let calendar = scope.model.calendar
        switch name {
        case "year": return year
        case "issue_count": return calendar.issueCount(year: year)
        case "months":
            return (1...12).map { MonthGridContext(scope: scope, year: year, month: $0, issues: calendar.days[year]?[$0] ?? [:]) }
        case "weekday_names": return ["日", "一", "二", "三", "四", "五", "六"]
        case "prev_year": return calendar.years.first { $0 < year }.map { YearLinkContext(scope: scope, year: $0) }
        case "next_year": return calendar.years.last { $0 > year }.map { YearLinkContext(scope: scope, year: $0) }
        default: return frame.value(named: name)
        }
    }
}

struct YearLinkContext: TemplateContext {
    let scope: RenderScope
    let year: Int

    func value(named name: String) -> Any? {
        switch name {
        case "year": return year
        case "path": return Paths.archiveYear(year)
        case "href": return scope.href(Paths.archiveYear(year))
        default: return nil
        }
    }
}

/// A month as weeks of seven cells, Sunday first (as Chinese wall calendars print them).
struct MonthGridContext: TemplateContext {
    let scope: RenderScope
    let year: Int
    let month: Int
    /// day → issue index
    let issues: [Int: Int]

    func value(named name: String) -> Any? {
        switch name {
        case "month": return month
        case "name": return "\(month)月"
        case "anchor": return "m\(IssueDate.pad(month))"
        case "count": return issues.count
        case "has_issues": return !issues.isEmpty
        case "weeks": return weeks
        default: return nil
        }
    }

    var weeks: [[DayCellContext]] {
        let leading = IssueDate.weekday(year: year, month: month, day: 1)
        let days = IssueDate.daysIn(month: month, year: year)
        var cells = Array(repeating: DayCellContext(day: nil, path: nil, href: nil), count: leading)
        for day in 1...days {
            let path = issues[day].map { Paths.issue(scope.archive.issues[$0].date) }
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

    func value(named name: String) -> Any? {
        switch name {
        case "day": return day
        case "path": return path
        case "href": return href
        case "blank": return day == nil
        default: return nil
        }
    }
}
