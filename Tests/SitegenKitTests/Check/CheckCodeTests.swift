import Foundation
import Testing

@testable import SitegenKit

/// The check codes are defined once (`CheckCode`); docs/check.md carries their table as
/// `sitegen check --list-codes` prints it, and these tests keep the two equal.
@Suite struct CheckCodeTests {
    static let document = TestSupport.packageRoot.appendingPathComponent("docs/check.md")
    static let begin =
        "<!-- BEGIN codes: generated from Sources/SitegenKit/Check/CheckCode.swift; do not edit by hand -->\n"
    static let end = "<!-- END codes -->\n"

    /// docs/check.md with its table replaced by the generated one.
    static func regenerated(_ text: String) throws -> String {
        let start = try #require(text.range(of: begin), "docs/check.md has lost its BEGIN marker")
        let stop = try #require(
            text.range(of: end, range: start.upperBound..<text.endIndex), "docs/check.md has lost its END marker")
        return String(text[..<start.upperBound]) + CheckCode.referenceTable + String(text[stop.lowerBound...])
    }

    /// To regenerate the table after changing a code: `SITEGEN_WRITE_DOCS=1 swift test --filter CheckCodeTests`.
    @Test func docsCheckListsEveryCodeAsTheCodeDefinesIt() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let expected = try Self.regenerated(text)
        if text != expected, ProcessInfo.processInfo.environment["SITEGEN_WRITE_DOCS"] == "1" {
            try expected.write(to: Self.document, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            text == expected,
            "docs/check.md is out of date: run `SITEGEN_WRITE_DOCS=1 swift test --filter CheckCodeTests`")
        for code in CheckCode.allCases { #expect(text.contains("| `\(code.rawValue)` |")) }
    }

    @Test func listCodesPrintsTheTable() throws {
        let scratch = try ScratchFolder()
        let (status, output) = try TestSupport.runSitegen(["check", "--list-codes"], in: scratch.url)
        #expect(status == 0)
        #expect(output == CheckCode.referenceTable)
    }

    @Test func codesPrintAndEncodeAsTheirNames() throws {
        #expect(Set(CheckCode.allCases.map(\.rawValue)).count == CheckCode.allCases.count)
        #expect(CheckCode.allCases.allSatisfy { !$0.severities.isEmpty && !$0.meaning.isEmpty && !$0.remedy.isEmpty })
        let finding = Finding(.deadLink, path: "Public/a.html", "links to b.html, which does not exist")
        #expect(finding.severity == .error)
        #expect(finding.description == "Public/a.html: error[dead-link]: links to b.html, which does not exist")
        let json = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        #expect(json.contains(#""code":"dead-link""#))
        #expect(Finding(.missingFolder, severity: .warning, path: "Public", "does not exist").severity == .warning)
    }
}
