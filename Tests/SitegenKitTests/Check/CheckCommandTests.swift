import Foundation
import Testing

@testable import SitegenKit

/// `sitegen check` as an editor runs it: the real binary, its output and its exit status.
@Suite struct CheckCommandTests {
    func builtFixture() throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        _ = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        _ = try scratch.copy(TestSupport.templates, to: "Templates")
        #expect(try TestSupport.runSitegen(["build"], in: scratch.url).status == 0)
        return scratch
    }

    @Test func warningsAloneDoNotFailUnlessStrict() throws {
        let scratch = try builtFixture()
        let (status, output) = try TestSupport.runSitegen(["check"], in: scratch.url)
        #expect(status == 0)
        #expect(
            output.hasPrefix(
                "Content/2018/07/19/issue.yml:7: warning[unarchived-title]: 第3版 title 1 「登报作废」 has no article\n  fix: ")
        )
        #expect(output.hasSuffix("check: 0 errors, 4 warnings\n"))
        #expect(try TestSupport.runSitegen(["check", "--strict"], in: scratch.url).status == 1)
    }

    @Test func errorsFailAndJSONListsThem() throws {
        let scratch = try builtFixture()
        try FileManager.default.removeItem(at: scratch.path("Public/2018/07/19/03/06.html"))
        try articleFile(date: "2018-13-01").write(
            to: scratch.path("Content/broken.md"), atomically: true, encoding: .utf8)
        let (status, output) = try TestSupport.runSitegen(["check", "--format", "json"], in: scratch.url)
        #expect(status == 1)
        let report = try JSONDecoder().decode(CheckReport.self, from: Data(output.utf8))
        #expect(report.warnings == 4)
        #expect(report.findings.contains { $0.code == .content && $0.path == "Content/broken.md" && $0.line == 3 })
        #expect(report.findings.contains { $0.code == .deadLink && $0.path == "Public/2018/07/19/03/05.html" })
        #expect(report.findings.contains { $0.code == .invalidSitemap })
        #expect(report.errors == report.findings.count { $0.severity == .error } && report.errors >= 4)
    }

    @Test func aWrongPrintedWeekdayIsAWarningWithItsLineInTextAndJSON() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        _ = try scratch.copy(TestSupport.templates, to: "Templates")
        // 2018-07-19 was a Thursday and 2018-07-18 a Wednesday: one wrong, one right.
        for (file, date) in ["2018/07/19/01/01.md": "2018-07-19", "2018/07/18/01/01.md": "2018-07-18"] {
            let url = content.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains("\ndate: \(date)\n"))
            try text.replacingOccurrences(of: "\ndate: \(date)\n", with: "\ndate: \(date)\nweekday: 星期三\n")
                .write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try TestSupport.runSitegen(["build"], in: scratch.url).status == 0, "a weekday never stops the build")
        let (status, output) = try TestSupport.runSitegen(["check"], in: scratch.url)
        #expect(status == 0)
        #expect(
            output.contains(
                "Content/2018/07/19/01/01.md:4: warning[weekday-mismatch]: printed weekday 星期三 but 2018-07-19 was a 星期四\n  fix: correct the date or the weekday\n"
            ))
        #expect(!output.contains("2018/07/18/01/01.md"))
        #expect(output.hasSuffix("check: 0 errors, 5 warnings\n"))
        let json = try TestSupport.runSitegen(["check", "--format", "json"], in: scratch.url)
        let report = try JSONDecoder().decode(CheckReport.self, from: Data(json.output.utf8))
        #expect(
            report.findings.filter { $0.code == .weekdayMismatch } == [
                Finding(
                    .weekdayMismatch, path: "Content/2018/07/19/01/01.md", line: 4,
                    "printed weekday 星期三 but 2018-07-19 was a 星期四", fix: "correct the date or the weekday")
            ])
        #expect(try TestSupport.runSitegen(["check", "--strict"], in: scratch.url).status == 1)
    }

    @Test func aMissingFolderIsAWarningByDefaultAndAnErrorWhenGiven() throws {
        let scratch = try ScratchFolder()
        _ = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        _ = try scratch.copy(TestSupport.templates, to: "Templates")
        let (status, output) = try TestSupport.runSitegen(["check"], in: scratch.url)
        #expect(status == 0)
        #expect(
            output.contains(
                "Public: warning[missing-folder]: does not exist, so it was not checked\n  fix: build the site first with `sitegen build`"
            ))
        #expect(try TestSupport.runSitegen(["check", "--output", "Site"], in: scratch.url).status == 1)
    }
}
