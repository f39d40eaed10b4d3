import Foundation
import Testing

@testable import SitegenKit

/// The inputs libFuzzer found interesting (Fuzz/run.sh keeps them minimised in
/// Fixtures/fuzz/front-matter/) as regression tests: each gives an article or a SitegenError.
@Suite struct FuzzCorpusTests {
    static let corpus = TestSupport.fixtures.appendingPathComponent("fuzz/front-matter")

    static func inputs() throws -> [(String, Data)] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted().map {
            ($0, try Data(contentsOf: corpus.appendingPathComponent($0)))
        }
    }

    @Test func everyCorpusInputReadsOrFailsWithAMessage() throws {
        let inputs = try Self.inputs()
        #expect(inputs.count >= 100, "the committed corpus is missing")
        var read = 0
        var refused = 0
        for (name, bytes) in inputs {
            do {
                let article = try ArticleReader.read(bytes: bytes, path: name)
                #expect(!article.title.isEmpty && (1...IssueListing.maximumPosition).contains(article.order))
                read += 1
            } catch {
                #expect(error.path == name && !error.message.isEmpty, "\(name): \(error)")
                refused += 1
            }
        }
        // The corpus covers both outcomes, or it tests little.
        #expect(read > 0 && refused > 0)
    }

    /// Wherever the anchor scanner sees no anchor, Yams sees none either: the billion-laughs guard
    /// has no hole on any input the fuzzer found.
    @Test func theAnchorScannerAgreesWithYams() throws {
        for (name, bytes) in try Self.inputs() {
            guard let text = try? TextFile.decode(bytes, displayPath: name),
                let yaml = try? FrontMatter.split(text, path: name).yaml,
                YAMLLimits.firstAnchorLine(yaml) == nil
            else { continue }
            #expect(ResourceLimitTests.hasAnchors(yaml) != true, "\(name): Yams sees an anchor the scanner missed")
        }
    }
}
