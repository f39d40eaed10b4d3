import CLibXML2

/// The ingest stage's pure entry point: one scraped file's bytes (and the address it was saved
/// from, if known) → what it says. No file system, no global state: safe to call concurrently
/// and to point a fuzzer at. Any bytes give a result; bad input gives a `rejection`.
public enum IngestParser {
    public static func parse(bytes: [UInt8], source: String?) -> ScrapedInput {
        _ = libxmlReady
        let text: String
        switch InputDecoder.decode(bytes) {
        case .success(let decoded):
            text = decoded
        case .failure(.binary):
            return rejected("is not text (it holds NUL bytes); save the page's text or HTML")
        case .failure(.unknownEncoding(let declared)):
            return rejected(declared.map { "is not valid \($0) text, as its <meta charset> declares" }
                            ?? "is neither UTF-8 nor GB18030 (GBK) text")
        }
        if looksLikeHTML(text) {
            return FounderHTMLParser.parse(text, source: source)
        }
        return TextDumpParser.parse(text, source: source)
    }

    /// libxml2 sets up its global tables once, before any concurrent use.
    private static let libxmlReady: Void = { xmlInitParser() }()

    static func rejected(_ reason: String) -> ScrapedInput {
        var input = ScrapedInput()
        input.rejection = reason
        return input
    }

    /// Markup, not a text dump: starts with a tag and closes some.
    static func looksLikeHTML(_ text: String) -> Bool {
        let start = text.prefix(4096).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard start.first == "<" else { return false }
        let head = start.prefix(2048).lowercased()
        return head.hasPrefix("<!doctype") || head.hasPrefix("<html") || head.contains("</") || head.contains("<br")
            || head.hasPrefix("<div") || head.hasPrefix("<p") || head.hasPrefix("<meta") || head.hasPrefix("<head")
    }
}
