import Foundation
import Testing
@testable import SitegenIngest
@testable import SitegenKit

/// The scraped pages libFuzzer found interesting (Fuzz/run.sh FuzzIngest keeps them minimised in
/// Fixtures/fuzz/ingest/), replayed: each parses, and every article it gives reads back as written.
@Suite struct IngestFuzzCorpusTests {
    static let corpus = TestSupport.fixtures.appendingPathComponent("fuzz/ingest")

    @Test func everyCorpusInputParsesAndReadsBack() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.count >= 20, "the committed corpus is missing")
        var articles = 0, rejected = 0
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            let result = IngestParser.parse(bytes: bytes, source: nil)
            if result.rejection != nil { rejected += 1 }
            for scraped in result.articles {
                let article = scraped.draftArticle()
                let back = try ArticleReader.read(text: ArticleFile.text(for: article), path: name)
                #expect(back.authors.count == article.authors.count && back.captions.count == article.captions.count, "\(name)")
                articles += 1
            }
        }
        #expect(articles > 0 && rejected > 0, "the corpus covers both outcomes")
    }
}
