import ArgumentParser
import Foundation
import SitegenKit

@main
struct Sitegen: AsyncParsableCommand {
    // Every command names itself (`commandName`): a name derived from the type is made with
    // `String(describing:)`, a run-time conformance lookup on every run (2 ms of an edit).
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Builds a newspaper's e-paper archive into a fast static site.",
        subcommands: [Build.self, Ingest.self, Check.self, Search.self, SearchIndex.self, Serve.self]
    )
}
