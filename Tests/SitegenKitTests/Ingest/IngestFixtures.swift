import Foundation

@testable import SitegenIngest
@testable import SitegenKit

/// The sample pages (copied from ../shared/samples into Fixtures/ingest) and helpers to ingest them.
enum IngestFixtures {
    static let folder = TestSupport.fixtures.appendingPathComponent("ingest")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(name))) }

    static func text(_ name: String) throws -> String { try String(contentsOf: url(name), encoding: .utf8) }

    /// The address in NAME.url beside a sample, as a scraper keeps it.
    static func source(_ name: String) -> String? { Ingester.sidecarAddress(for: url(name)) }

    static func parse(_ name: String) throws -> ScrapedInput {
        IngestParser.parse(bytes: try bytes(name), source: source(name))
    }

    static func parse(text: String, source: String? = nil) -> ScrapedInput {
        IngestParser.parse(bytes: Array(text.utf8), source: source)
    }

    /// Runs ingest on paths into `content`.
    static func ingest(_ paths: [URL], content: URL, configure: (inout Ingester.Options) -> Void = { _ in })
        -> IngestReport
    {
        var options = Ingester.Options(content: content, displayContent: "Content")
        configure(&options)
        var ingester = Ingester(options: options)
        return ingester.run(paths: paths.map(\.path))
    }

    /// Re-encodes UTF-8 text with the system's iconv (as an old GBK site would serve it).
    static func encode(_ text: String, to encoding: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", encoding]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}

extension String {
    var headingCount: Int { split(separator: "\n").filter { $0.hasPrefix("## ") }.count }
}
