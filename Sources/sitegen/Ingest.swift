import ArgumentParser
import Foundation
import SitegenIngest
import SitegenKit

extension Sitegen {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ingest",
            abstract: "Turn scraped e-paper pages (text dumps or HTML) into Content files.",
            discussion: """
                Prints one line per file: written, updated, unchanged, kept (edited by hand) or rejected (why), \
                then a summary. Exits 0 when every input was ingested or unchanged, 1 when any was rejected \
                (the others are still written). Inputs are never moved, changed or deleted.
                """
        )

        @Argument(
            help: ArgumentHelp(
                "Saved pages: files, or folders to search (for \(InputFiles.listed)).",
                discussion: "In a folder, page views (版面) go first, so the articles they list are placed by them."))
        var paths: [String]

        @Option(help: "The archive's Markdown folder.")
        var content = "Content"

        @Option(help: "The address the page was saved from (otherwise read from NAME.url beside it).")
        var url: String?

        @Option(help: "The issue date, YYYY-MM-DD (overrides what the page says).")
        var date: String?

        @Option(help: "The 版次, such as 3 or A10 (overrides what the page says).")
        var page: String?

        @Option(name: .customLong("page-name"), help: "The 版名, such as 要闻 (overrides what the page says).")
        var pageName: String?

        @Option(help: "The paper's name, such as 迪庆日报: pages naming another paper are rejected.")
        var publication: String?

        @Flag(name: .customLong("dry-run"), help: "Show what would be written, write nothing.")
        var dryRun = false

        @Flag(help: "Overwrite files edited by hand since ingest wrote them.")
        var force = false

        /// `ingest 1200/5000` on a terminal (standard error), for folders large enough to wait on.
        static func progressLine() -> ((Int, Int) -> Void)? {
            guard isatty(STDERR_FILENO) != 0 else { return nil }
            return { done, total in
                guard total >= 200, done % 50 == 0 || done == total else { return }
                FileHandle.standardError.write(Data("\ringest \(done)/\(total)\(done == total ? "\n" : "")".utf8))
            }
        }

        func validate() throws {
            if let date, IssueDate(iso: date) == nil {
                throw ValidationError("--date \(date) is not a date like 2018-07-19")
            }
            if let page, PageLabel(page) == nil { throw ValidationError("--page \(page) is not a 版次 like 3 or A10") }
        }

        func run() throws {
            var options = Ingester.Options(content: URL(fileURLWithPath: content), displayContent: content)
            options.url = url
            options.date = date.flatMap(IssueDate.init(iso:))
            options.page = page.flatMap(PageLabel.init)
            options.pageName = pageName
            options.publication = publication
            options.dryRun = dryRun
            options.force = force
            var ingester = Ingester(options: options)
            let report = ingester.run(paths: paths, progress: Self.progressLine())
            for outcome in report.outcomes { print(outcome.line) }
            print((dryRun ? "Dry run, nothing written. " : "") + report.summary)
            if !report.succeeded { throw ExitCode(1) }
        }
    }
}
