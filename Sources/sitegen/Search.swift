import ArgumentParser
import Foundation
import SitegenKit

extension Sitegen {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search a built site's index the way its search page does.",
            discussion: """
                Reads Public/search/ exactly as the browser does and prints the number of articles \
                containing the phrase, the bytes of index read, and the first results.
                """
        )

        @Argument(help: "The phrase to look for (any length, Chinese, Latin or digits).")
        var query: String

        @Option(help: "The built site's folder.")
        var site = "Public"

        @Option(help: "Result order: new (newest first) or best (title matches, then most occurrences).")
        var sort = "new"

        @Option(help: "Only articles from this month on (YYYY-MM).")
        var from: String?

        @Option(help: "Only articles up to this month (YYYY-MM).")
        var to: String?

        @Option(name: .customLong("page-name"), help: "Only articles on pages of this 版名.")
        var pageName: String?

        @Option(help: "Only articles by this author.")
        var author: String?

        @Option(
            help: "Stop before the index read exceeds this many bytes, as the browser's first round does (0: read all)."
        )
        var budget = 0

        @Option(help: "How many results to print.")
        var limit = 10

        func run() throws {
            let search: SearchQuery
            do {
                search = try SearchQuery(site: URL(fileURLWithPath: site))
            } catch let error as SitegenError {
                Terminal.fail([error], action: "search")
            }
            guard let order = SearchQuery.Order(rawValue: sort) else {
                throw ValidationError("--sort must be new or best")
            }
            let filters = SearchQuery.Filters(from: from, to: to, pageName: pageName, author: author)
            let outcome = search.run(query, filters: filters, budget: budget > 0 ? budget : nil)
            print(
                "\(outcome.matches.count) articles\(outcome.complete ? "" : " so far (budget reached)"); "
                    + "index read: \(outcome.bytesRead) bytes in \(outcome.filesRead) files; "
                    + "first page download: \(search.firstPageBytes(outcome, order: order)) bytes")
            for match in SearchQuery.sorted(outcome.matches, by: order).prefix(limit) {
                guard let record = search.record(match.article) else { continue }
                print("\(record.date)  \(record.page)  \(record.title)  \(record.path)")
            }
        }
    }
}
