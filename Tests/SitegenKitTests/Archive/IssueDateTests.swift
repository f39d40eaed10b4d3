import Testing

@testable import SitegenKit

@Suite struct IssueDateTests {
    @Test func parsesISODates() throws {
        let date = try #require(IssueDate(iso: "2018-07-19"))
        #expect((date.year, date.month, date.day) == (2018, 7, 19))
        #expect(date.path == "2018/07/19")
        #expect(date.iso == "2018-07-19")
    }

    @Test(arguments: [
        "2018-02-30", "2018-13-01", "2018-00-10", "2019-02-29", "18-07-19", "2018-7-19", "2018/07/19", "",
        "2018-07-19x",
    ])
    func refusesImpossibleOrMalformedDates(_ text: String) {
        #expect(IssueDate(iso: text) == nil)
    }

    @Test func acceptsLeapDays() {
        #expect(IssueDate(iso: "2020-02-29") != nil)
        #expect(IssueDate(iso: "2000-02-29") != nil)
        #expect(IssueDate(iso: "1900-02-29") == nil)
    }

    /// The dump prints "2018年7月19日 星期" with the weekday missing; the site computes it.
    @Test(arguments: [
        ("2018-07-19", "2018年7月19日 星期四"),
        ("2024-09-12", "2024年9月12日 星期四"),
        ("2012-10-27", "2012年10月27日 星期六"),
        ("2025-12-22", "2025年12月22日 星期一"),
        ("2000-01-01", "2000年1月1日 星期六"),
        ("2026-02-15", "2026年2月15日 星期日"),
    ])
    func computesTheChineseWeekday(_ iso: String, _ expected: String) throws {
        #expect(try #require(IssueDate(iso: iso)).chineseDisplay == expected)
    }

    /// Weekdays as papers print them, numbered like `weekday` (0 = Sunday).
    @Test func readsPrintedWeekdays() throws {
        #expect(IssueDate.weekday(printed: "星期四") == 4)
        #expect(IssueDate.weekday(printed: "周四") == 4)
        #expect(IssueDate.weekday(printed: "礼拜四") == 4)
        #expect(
            IssueDate.weekday(printed: "星期日") == 0 && IssueDate.weekday(printed: "星期天") == 0
                && IssueDate.weekday(printed: "周日") == 0)
        #expect(IssueDate.weekday(printed: " 星期 六 ") == 6)
        for text in ["星期", "星期八", "星期四五", "四", "Thursday", "", "周年"] {
            #expect(IssueDate.weekday(printed: text) == nil, "\(text)")
        }
        let date = try #require(IssueDate(iso: "2018-07-19"))
        #expect(IssueDate.weekday(printed: date.chineseWeekday) == date.weekday)
    }

    @Test func stepsToTheNextDayAcrossMonthsAndYears() throws {
        #expect(try #require(IssueDate(iso: "2018-02-28")).next.iso == "2018-03-01")
        #expect(try #require(IssueDate(iso: "2018-12-31")).next.iso == "2019-01-01")
        #expect(try #require(IssueDate(iso: "2020-02-28")).next.iso == "2020-02-29")
    }
}
