import CLibXML2
import SitegenKit

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
        let parsed = looksLikeHTML(text) ? FounderHTMLParser.parse(text, source: source) : TextDumpParser.parse(text, source: source)
        return withoutControlCharacters(parsed)
    }

    /// Control characters never reach Content (the loader drops them too): a story whose title is
    /// nothing else is no story (found by the FuzzIngest target).
    static func withoutControlCharacters(_ input: ScrapedInput) -> ScrapedInput {
        var input = input
        input.articles = input.articles.compactMap { story in
            var story = story
            story.title = story.title.withoutControlCharacters.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !story.title.isEmpty else { return nil }
            story.kicker = story.kicker.map(\.withoutControlCharacters)
            story.subtitle = story.subtitle.map(\.withoutControlCharacters)
            story.byline = story.byline.map(\.withoutControlCharacters)
            story.authors = story.authors.map(\.withoutControlCharacters).filter { !$0.isEmpty }
            story.captions = story.captions.map(\.withoutControlCharacters).filter { !$0.isEmpty }
            story.body = story.body.withoutControlCharacters
            return story
        }
        if input.articles.isEmpty && !input.isListingOnly && input.rejection == nil {
            input.rejection = "has no headline: its title line holds only control characters"
        }
        return input
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
