import ArgumentParser
import Foundation
import SitegenKit

@main
struct Sitegen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Builds a newspaper's e-paper archive into a fast static site.",
        subcommands: [Build.self, Ingest.self, Check.self, Search.self, SearchIndex.self, Serve.self]
    )
}
