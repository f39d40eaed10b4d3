import ArgumentParser
import Foundation
import SitegenKit

extension Sitegen {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Report what is wrong with Content/, Templates/ and the built Public/.",
            discussion: """
                Prints one finding per line (path:line: error[code]: message, then the fix) and exits 1 when \
                there is an error, or any finding at all with --strict. A folder left at its default that does \
                not exist is skipped with a warning; one given explicitly must exist. --list-codes lists every code \
                (docs/check.md holds the same table).
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Option(help: "The archive's Markdown folder (default: Content).")
        var content: String?

        @Option(help: "The Mustache templates folder (default: Templates).")
        var templates: String?

        @Option(help: "The built site to check: links, orphans, pager chains, sitemap, feed (default: Public).")
        var output: String?

        @Option(help: "text (one finding per line) or json (for tools).")
        var format: Format = .text

        @Flag(help: "Fail on warnings too.")
        var strict = false

        @Flag(
            help: "Print every finding code with its severity, meaning and fix (a Markdown table), and check nothing.")
        var listCodes = false

        func run() throws {
            if listCodes {
                print(CheckCode.referenceTable, terminator: "")
                return
            }
            var findings: [Finding] = []
            if let folder = existing(content, default: "Content", into: &findings) {
                findings += ContentChecker(content: URL(fileURLWithPath: folder), displayContent: folder).findings()
            }
            if let folder = existing(templates, default: "Templates", into: &findings) {
                findings += TemplateChecker.findings(directory: URL(fileURLWithPath: folder), displayRoot: folder)
            }
            if let folder = existing(output, default: "Public", into: &findings) {
                findings += SiteChecker(root: URL(fileURLWithPath: folder), displayRoot: folder).findings()
            }
            let report = CheckReport(findings)
            switch format {
            case .json:
                print(report.json)
            case .text:
                for finding in report.findings { print(finding) }
                print("check: \(report.summary)")
            }
            if !report.passes(strict: strict) { throw ExitCode(1) }
        }

        /// The folder to check: the given one (which must exist), or the default when it exists.
        func existing(_ given: String?, default name: String, into findings: inout [Finding]) -> String? {
            let folder = given ?? name
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
            if exists && isFolder.boolValue { return folder }
            findings.append(
                Finding(
                    .missingFolder, severity: given == nil ? .warning : .error, path: folder,
                    "\(exists ? "is not a folder" : "does not exist"), so it was not checked",
                    fix: name == "Public"
                        ? "build the site first with `sitegen build`" : "pass the folder with --\(name.lowercased())"))
            return nil
        }
    }
}
