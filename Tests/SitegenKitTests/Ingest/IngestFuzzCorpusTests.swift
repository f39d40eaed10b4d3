import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// The scraped pages libFuzzer found interesting (Fuzz/run.sh FuzzIngest keeps them minimised in
/// Fixtures/fuzz/ingest/), replayed: each parses, and every article it gives reads back as written.
@Suite struct IngestFuzzCorpusTests {
    static let corpus = TestSupport.fixtures.appendingPathComponent("fuzz/ingest")
    /// The harness parses odd-sized inputs with this address and even-sized ones without; here
    /// every input is parsed both ways.
    static let address = "http://x.example/pc/202401/05/content_1.html"

    @Test func everyCorpusInputParsesAndReadsBack() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.count >= 20, "the committed corpus is missing")
        var articles = 0
        var rejected = 0
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            for source in [nil, Self.address] {
                let result = IngestParser.parse(bytes: bytes, source: source)
                if result.rejection != nil { rejected += 1 }
                for scraped in result.articles {
                    let article = scraped.draftArticle()
                    let back = try ArticleReader.read(text: ArticleFile.text(for: article), path: name)
                    #expect(back.title == article.title, "\(name)")
                    #expect(
                        back.authors.count == article.authors.count && back.captions.count == article.captions.count,
                        "\(name)")
                    articles += 1
                }
            }
        }
        #expect(articles > 0 && rejected > 0, "the corpus covers both outcomes")
    }

    /// The whole corpus through `sitegen ingest` into one Content folder (as `--url` and
    /// `--page 1` give them a place), which must then load without a complaint: ingest never
    /// writes a file the build refuses. The fuzzer's U+FEFF title is among the inputs.
    @Test func ingestingTheCorpusNeverWritesAFileTheLoaderRefuses() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.contains("d3b29e35ed0eb7c6c2f33cc182d393ff3f633663"), "the U+FEFF title finding")
        let scratch = try ScratchFolder()
        var options = Ingester.Options(content: scratch.path("Content"))
        options.url = Self.address
        options.page = PageLabel(number: 1)
        var ingester = Ingester(options: options)
        var written = 0
        for name in names {
            let outcomes = ingester.ingest(file: Self.corpus.appendingPathComponent(name), display: name)
            written += outcomes.filter { $0.kind == .written || $0.kind == .updated }.count
        }
        #expect(written > 0)
        let loaded = try ContentLoader(root: scratch.path("Content")).load()
        #expect(loaded.articles.count > 0)
    }
}
