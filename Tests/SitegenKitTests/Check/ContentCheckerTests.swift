import Foundation
import Testing

@testable import SitegenKit

/// `sitegen check` on Content: what the build refuses, and the warnings it tolerates.
@Suite struct ContentCheckerTests {
    func findings(_ files: [String: String]) throws -> [Finding] {
        let scratch = try ScratchFolder()
        let content = try scratch.write(files, under: "Content")
        return ContentChecker(content: content, displayContent: "Content").findings()
    }

    func codes(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.severity.rawValue)[\($0.code)] \($0.path ?? ""):\($0.line ?? 0)" }.sorted()
    }

    @Test func theFixtureArchiveHasOnlyItsKnownWarnings() throws {
        let found = ContentChecker(content: TestSupport.fixtureContent, displayContent: "Content").findings()
        // issue.yml lists four titles on 第3版 whose articles are not archived; 第3版 #6 is listed shortened.
        #expect(codes(found) == Array(repeating: "warning[unarchived-title] Content/2018/07/19/issue.yml:7", count: 4))
        #expect(
            found.first?.description.hasPrefix(
                "Content/2018/07/19/issue.yml:7: warning[unarchived-title]: 第3版 title 1 「登报作废」 has no article\n  fix: add Content/2018/07/19/03/01.md"
            ) == true)
    }

    @Test func everyErrorTheBuildRefusesIsReportedWithItsLine() throws {
        let found = try findings([
            "2018/07/19/03/01.md": articleFile(date: "2018-02-30"),
            "2018/07/19/03/02.md": "no front matter",
            "2018/07/19/03/03.md": articleFile(position: "3"),
            "elsewhere/copy.md": articleFile(position: "3"),
        ])
        #expect(
            codes(found) == [
                "error[content] Content/2018/07/19/03/01.md:3",
                "error[content] Content/2018/07/19/03/02.md:1",
                "error[content] Content/elsewhere/copy.md:0",
            ])
    }

    @Test func warnsAboutWhatTheBuildTolerates() throws {
        let found = try findings([
            "2018/07/19/issue.yml": "pages:\n  - page: 3\n    titles:\n      - 第一篇\n      - 没有文章的标题\n",
            "2018/07/19/03/01.md": articleFile(title: "第一篇", position: "1"),
            "2018/07/19/03/03.md": articleFile(title: "不在目录里", position: "3"),
            "2018/07/19/04/01.md": articleFile(title: "第四版", page: "4", position: "1", body: "  \n"),
            "2018/07/19/04/02.md": articleFile(title: "第 四版", page: "4", position: "2"),
            "2018/07/17/01/01.md": articleFile(title: "前天", date: "2018-07-17", page: "1"),
        ])
        #expect(
            codes(found) == [
                "warning[calendar-gap] Content/2018/07/18:0",
                "warning[duplicate-title] Content/2018/07/19/04/02.md:2",
                "warning[empty-body] Content/2018/07/19/04/01.md:2",
                "warning[unarchived-title] Content/2018/07/19/issue.yml:2",
                "warning[unlisted-article] Content/2018/07/19/03/03.md:2",
                "warning[unlisted-article] Content/2018/07/19/04/01.md:2",
                "warning[unlisted-article] Content/2018/07/19/04/02.md:2",
            ])
    }

    @Test func thePositionUnderItsOldNameIsAWarning() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            [
                "2018/07/19/03/01.md": articleFile(position: "1"),
                "2018/07/19/03/02.md": "---\ntitle: 旧名\ndate: 2018-07-19\npage: 3\norder: 2\n---\n\n正文。\n",
                "2018/07/19/03/03.md": articleFile(title: "两个都有", position: "3", extra: "order: 3"),
            ], under: "Content")
        let found = ContentChecker(content: content, displayContent: "Content").findings()
        #expect(
            codes(found) == [
                "warning[old-field-name] Content/2018/07/19/03/02.md:5",
                "warning[old-field-name] Content/2018/07/19/03/03.md:6",
            ])
        #expect(found.first?.message == "「旧名」 gives its position as `order: 2`, the field's old name")
        #expect(found.first?.fix == "rename `order:` to `position:` (or remove it, when the file has `position:` too)")
    }

    @Test func anArticleDatedAfterTodayIsAWarning() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            [
                "2018/07/19/03/01.md": articleFile(position: "1"),
                "2081/07/19/03/02.md": articleFile(title: "年份错了", date: "2081-07-19", position: "2"),
            ], under: "Content")
        let today = try #require(IssueDate(year: 2026, month: 12, day: 6))
        let found = ContentChecker(content: content, displayContent: "Content", today: today).findings()
        #expect(codes(found) == ["warning[future-date] Content/2081/07/19/03/02.md:2"])
        #expect(found.first?.message == "「年份错了」 is dated 2081-07-19, which has not come yet (today is 2026-12-06)")
        // The day itself is not the future, and today is wherever it is latest (UTC+14).
        let sameDay = ContentChecker(
            content: content, displayContent: "Content", today: try #require(IssueDate(year: 2081, month: 7, day: 19)))
        #expect(sameDay.findings().isEmpty)
        let lateInUTC = try #require(ISO8601DateFormatter().date(from: "2081-07-18T11:00:00Z"))
        #expect(ContentChecker.today(at: lateInUTC) == IssueDate(year: 2081, month: 7, day: 19))
    }

    @Test func aPrintedWeekdayTheCalendarContradictsIsNamedWithItsLine() throws {
        let found = try findings([
            "2018/07/19/03/01.md": articleFile(position: "1", extra: "weekday: 星期三"),
            "2018/07/19/03/02.md": articleFile(position: "2", extra: "weekday: 星期四"),
            "2018/07/19/03/03.md": articleFile(position: "3", extra: "page_name: 要闻\nweekday: 周四"),
            "2018/07/22/01/01.md": articleFile(date: "2018-07-22", page: "1", extra: "weekday: 星期天"),
            "2018/07/19/03/04.md": articleFile(position: "4", extra: "weekday: 礼拜八"),
            "2018/07/19/03/05.md": articleFile(position: "5", extra: "weekday: [星期四]"),
            "2018/07/19/03/06.md": articleFile(position: "6", extra: "page_name: 要闻\nweekday: 周二"),
        ]).filter { $0.code == .weekdayMismatch }
        #expect(
            codes(found) == [
                "warning[weekday-mismatch] Content/2018/07/19/03/01.md:6",
                "warning[weekday-mismatch] Content/2018/07/19/03/04.md:6",
                "warning[weekday-mismatch] Content/2018/07/19/03/05.md:6",
                "warning[weekday-mismatch] Content/2018/07/19/03/06.md:7",
            ])
        let messages = Dictionary(uniqueKeysWithValues: found.map { ($0.path ?? "", $0.description) })
        #expect(
            messages["Content/2018/07/19/03/01.md"]
                == "Content/2018/07/19/03/01.md:6: warning[weekday-mismatch]: printed weekday 星期三 but 2018-07-19 was a 星期四\n  fix: correct the date or the weekday"
        )
        #expect(
            messages["Content/2018/07/19/03/06.md"]?.contains("printed weekday 周二 but 2018-07-19 was a 星期四") == true)
        #expect(messages["Content/2018/07/19/03/04.md"]?.contains("printed weekday 礼拜八 is not a weekday") == true)
        #expect(messages["Content/2018/07/19/03/05.md"]?.contains("`weekday` is not text") == true)
    }

    @Test func twoDaysWithoutAnIssueAreNotAGap() throws {
        let found = try findings([
            "2018/07/19/01/01.md": articleFile(page: "1"),
            "2018/07/16/01/01.md": articleFile(date: "2018-07-16", page: "1"),
        ])
        #expect(found.isEmpty)
    }

    @Test func templateErrorsAreReported() throws {
        let scratch = try ScratchFolder()
        let templates = try scratch.copy(TestSupport.templates, to: "Templates")
        try "{{#article}}\n{{/page}}".write(
            to: templates.appendingPathComponent("article.mustache"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("404.mustache"))
        let found = TemplateChecker.findings(directory: templates, displayRoot: "Templates")
        #expect(
            codes(found) == [
                "error[template] Templates/404.mustache:0", "error[template] Templates/article.mustache:2",
            ])
        #expect(TemplateChecker.findings(directory: TestSupport.templates, displayRoot: "Templates").isEmpty)
    }

    @Test func reportsSortAndPrintAsDocumented() throws {
        let report = CheckReport([
            Finding(.emptyBody, path: "b.md", line: 2, "has no text", fix: "add text"),
            Finding(.content, path: "a.md", line: 9, "is broken"),
        ])
        #expect(
            report.findings.map(\.description) == [
                "a.md:9: error[content]: is broken", "b.md:2: warning[empty-body]: has no text\n  fix: add text",
            ])
        #expect(report.summary == "1 error, 1 warning")
        #expect(!report.passes(strict: false))
        let warningsOnly = CheckReport([report.findings[1]])
        #expect(warningsOnly.passes(strict: false) && !warningsOnly.passes(strict: true))
        let decoded = try JSONDecoder().decode(CheckReport.self, from: Data(report.json.utf8))
        #expect(decoded.findings == report.findings && decoded.errors == 1 && decoded.warnings == 1)
    }
}
