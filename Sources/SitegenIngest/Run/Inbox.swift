import Foundation
import SitegenKit

/// `Content/_inbox/`: editors who do not use the command line drop saved pages here, and
/// `sitegen build` and `sitegen serve` ingest them first (`Inbox.thenBuild`), before the build
/// reads Content: the build itself never writes into its input. An ingested page moves to `_inbox/ingested/` (kept, never
/// deleted); a rejected one stays, with `NAME.rejected.txt` beside it saying why.
public enum Inbox {
    public struct Report: Sendable {
        public var ingested = 0
        public var rejected = 0
        /// The ingest lines, as `sitegen ingest` prints them.
        public var lines: [String] = []

        public var isEmpty: Bool { ingested == 0 && rejected == 0 }
        public var summary: String { "inbox: \(ingested) ingested, \(rejected) rejected" }
    }

    public static let folderName = "_inbox"

    /// What `sitegen build` and each rebuild of `sitegen serve` run: the builder's inbox, then the build.
    public struct Build: Sendable {
        public var inbox: Report
        public var build: SiteBuilder.Report

        /// The one line a build ends with, and what the inbox took in.
        public var summary: String { build.summary + (inbox.isEmpty ? "" : "; " + inbox.summary) }
    }

    public static func thenBuild(_ builder: SiteBuilder) throws(SitegenErrors) -> Build {
        let inbox = process(content: builder.options.content, displayContent: builder.options.displayContent)
        return Build(inbox: inbox, build: try builder.build())
    }

    /// Ingests every page in `content/_inbox/` (not in its subfolders) into `content`.
    public static func process(content: URL, displayContent: String) -> Report {
        var report = Report()
        let inbox = content.appendingPathComponent(folderName)
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: inbox.path) else { return report }
        let inputs = names.sorted().filter { name in
            var isFolder: ObjCBool = false
            return !name.hasPrefix(".") && !name.hasSuffix(".url") && !name.hasSuffix(".rejected.txt")
                && !name.lowercased().hasPrefix("readme")
                && fileManager.fileExists(atPath: inbox.appendingPathComponent(name).path, isDirectory: &isFolder)
                && !isFolder.boolValue
        }
        guard !inputs.isEmpty else { return report }
        var ingester = Ingester(options: .init(content: content, displayContent: displayContent))
        let displayInbox = SiteFolder(content, display: displayContent).display(folderName) + "/"
        for name in inputs {
            let file = inbox.appendingPathComponent(name)
            let outcomes =
                InputFiles.isInput(file)
                ? ingester.ingest(file: file, display: displayInbox + name)
                : [IngestOutcome(kind: .rejected, input: displayInbox + name, reason: InputFiles.notAnInput)]
            report.lines += outcomes.map(\.line)
            let note = inbox.appendingPathComponent(name + ".rejected.txt")
            let rejections = outcomes.filter { $0.kind == .rejected }
            if rejections.isEmpty {
                let done = inbox.appendingPathComponent("ingested")
                try? fileManager.createDirectory(at: done, withIntermediateDirectories: true)
                let sidecar = file.deletingPathExtension().appendingPathExtension("url")
                _ = moveKeepingBoth(file, into: done)
                if sidecar != file, fileManager.fileExists(atPath: sidecar.path) {
                    _ = moveKeepingBoth(sidecar, into: done)
                }
                try? fileManager.removeItem(at: note)
                report.ingested += 1
            } else {
                let text =
                    "sitegen could not ingest \(name):\n"
                    + rejections.map { "- " + ($0.reason ?? "") }.joined(separator: "\n")
                    + "\n\nFix the page (or add NAME.url with its address) and build again; this note is then removed.\n"
                if (try? String(contentsOf: note, encoding: .utf8)) != text {
                    try? Placer.writeAtomically(text, to: note)
                }
                report.rejected += 1
            }
        }
        return report
    }

    /// Moves `file` into `folder`, renaming (`NAME-2.txt`) rather than replacing an earlier one.
    static func moveKeepingBoth(_ file: URL, into folder: URL) -> Bool {
        let name = file.deletingPathExtension().lastPathComponent
        let ext = file.pathExtension
        var target = folder.appendingPathComponent(file.lastPathComponent)
        var attempt = 1
        while FileManager.default.fileExists(atPath: target.path) {
            attempt += 1
            target = folder.appendingPathComponent(ext.isEmpty ? "\(name)-\(attempt)" : "\(name)-\(attempt).\(ext)")
        }
        return (try? FileManager.default.moveItem(at: file, to: target)) != nil
    }
}
