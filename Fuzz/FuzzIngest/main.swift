import Foundation

@testable import SitegenIngest
@testable import SitegenKit

/// libFuzzer entry point: one scraped file's bytes through the ingest parser, as `sitegen ingest`
/// reads it (encoding detection, HTML or text-dump parsing, field extraction). Every input must
/// give articles, a listing or a rejection; a crash, a hang or a leak is a bug.
///
/// Oracle: every article the parser finds must survive being written as a Content file and read
/// back by the front matter reader with the same title, authors and captions — ingest must never
/// write a file the build then refuses or misreads.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIngest(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let result = IngestParser.parse(
        bytes: bytes, source: count % 2 == 0 ? nil : "http://x.example/pc/202401/05/content_1.html")
    for scraped in result.articles {
        let article = scraped.draftArticle()
        let text = ArticleFile.text(for: article)
        guard let back = try? ArticleReader.read(text: text, path: "fuzz.md") else {
            fatalError("ingest wrote a file the reader refuses:\n\(text)")
        }
        if back.title != article.title || back.authors != article.authors || back.captions != article.captions {
            fatalError("ingest wrote a file the reader reads differently:\n\(text)")
        }
    }
    return 0
}
