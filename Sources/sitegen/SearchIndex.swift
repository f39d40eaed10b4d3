import ArgumentParser
import Foundation
import SitegenKit

extension Sitegen {
    struct SearchIndex: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search-index",
            abstract: "Write only the search index of Content/ into a folder (to measure it; build writes it too).",
            discussion: "The folder receives search/ exactly as `sitegen build` writes it into Public/."
        )

        @Option(help: "The archive's Markdown folder.")
        var content = "Content"

        @Option(help: "The folder to write search/ into (replaced whole).")
        var output: String

        func run() throws {
            let start = Date()
            do {
                let files = try SearchIndexWriter.writeIndexOnly(
                    content: URL(fileURLWithPath: content),
                    output: URL(fileURLWithPath: output))
                print(String(format: "Wrote %d search index files in %.2f s", files, Date().timeIntervalSince(start)))
            } catch {
                Terminal.fail(error.errors, action: "search-index", keptOutput: output)
            }
        }
    }
}
