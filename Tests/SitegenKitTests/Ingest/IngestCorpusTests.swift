import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// The labelled corpus (../shared/samples/corpus: real pages of 29 papers and what a careful
/// reader takes from each) ingested by the built binary and scored by Benchmarks/ingest_fidelity.py,
/// the one definition of the scoring. Every field pinned right in Fixtures/ingest-corpus-pins.json
/// must stay right: a change that breaks one page fails here. When a change gets more right,
/// update the pins (`Benchmarks/ingest_fidelity.py --json > Tests/SitegenKitTests/Fixtures/ingest-corpus-pins.json`).
@Suite(.timeLimit(.minutes(3))) struct IngestCorpusTests {
    static let corpus = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/samples/corpus")
    static let pins = TestSupport.fixtures.appendingPathComponent("ingest-corpus-pins.json")

    @Test func corpusFieldsStayRight() throws {
        #expect(
            FileManager.default.fileExists(atPath: Self.corpus.appendingPathComponent("expected.json").path),
            "the corpus belongs beside the clone, at \(Self.corpus.path)")
        let binary = try #require(TestSupport.sitegenBinary, "the sitegen binary is not built beside the tests")
        let python = try #require(TestSupport.which("python3"), "python3 runs the fidelity benchmark")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            TestSupport.packageRoot.appendingPathComponent("Benchmarks/ingest_fidelity.py").path,
            "--binary", binary.path, "--corpus", Self.corpus.path, "--json",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let results = try JSONDecoder().decode([String: [String: Bool]].self, from: data)
        let pinned = try JSONDecoder().decode([String: [String: Bool]].self, from: Data(contentsOf: Self.pins))
        #expect(results.count == pinned.count, "pages in the corpus: \(results.keys.sorted())")
        for (page, fields) in pinned.sorted(by: { $0.key < $1.key }) {
            for (field, right) in fields.sorted(by: { $0.key < $1.key }) where right {
                #expect(results[page]?[field] == true, "\(page): \(field) was right and is not any more")
            }
        }
    }
}
