import CLibXML2
import SitegenKit

/// The ingest stage's pure entry point: one scraped file's bytes (and the address it was saved
/// from, if known) → what it says. No file system, no global state: safe to call concurrently
/// and to point a fuzzer at. Any bytes give a result; bad input gives a `rejection`.
public enum IngestParser {
    /// The kinds of saved page ingest reads, most particular first (`InputReader`).
    static let readers: [any InputReader.Type] = [FounderHTMLParser.self, TextDumpParser.self]

    public static func parse(bytes: [UInt8], source: String?) -> ScrapedInput {
        parse(bytes: bytes, source: source, readers: readers)
    }

    static func parse(bytes: [UInt8], source: String?, readers: [any InputReader.Type]) -> ScrapedInput {
        _ = libxmlReady
        let text: String
        switch InputDecoder.decode(bytes) {
        case .success(let decoded):
            text = decoded
        case .failure(.binary):
            return rejected("is not text (it holds NUL bytes); save the page's text or HTML")
        case .failure(.unknownEncoding(let declared)):
            return rejected(
                declared.map { "is not valid \($0) text, as its <meta charset> declares" }
                    ?? "is neither UTF-8 nor GB18030 (GBK) text")
        }
        guard let reader = readers.first(where: { $0.recognises(text) }) else {
            return rejected("is of no kind of saved page sitegen reads; save the page's text or HTML")
        }
        return cleaned(reader.parse(text, source: source))
    }

    /// Every field as the loader will read it (`FieldText`): control and invisible characters
    /// never reach Content, and a story whose title shows nothing is no story (found by the
    /// FuzzIngest target: a title of one U+FEFF was written, then refused by the build).
    static func cleaned(_ input: ScrapedInput) -> ScrapedInput {
        var input = input
        input.articles = input.articles.compactMap { story in
            var story = story
            story.title = FieldText.cleaned(story.title)
            guard !story.title.isEmpty else { return nil }
            story.kicker = optional(story.kicker)
            story.subtitle = optional(story.subtitle)
            story.byline = optional(story.byline)
            story.weekday = optional(story.weekday)
            story.pageName = optional(story.pageName)
            story.source = optional(story.source)
            story.authors = story.authors.map(FieldText.cleaned).filter { !$0.isEmpty }
            story.captions = story.captions.map(FieldText.cleaned).filter { !$0.isEmpty }
            story.body = story.body.withoutControlCharacters
            return story
        }
        input.listing.weekday = optional(input.listing.weekday)
        input.listing.currentPageName = optional(input.listing.currentPageName)
        input.listing.titles = input.listing.titles.map(FieldText.cleaned).filter { !$0.isEmpty }
        for index in input.listing.pages.indices {
            input.listing.pages[index].name = optional(input.listing.pages[index].name)
        }
        if input.articles.isEmpty && !input.isListingOnly && input.rejection == nil {
            input.rejection = "has no headline: its title line holds only invisible or control characters"
        }
        return input
    }

    private static func optional(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = FieldText.cleaned(text)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// libxml2 sets up its global tables once, before any concurrent use.
    private static let libxmlReady: Void = { xmlInitParser() }()

    static func rejected(_ reason: String) -> ScrapedInput {
        var input = ScrapedInput()
        input.rejection = reason
        return input
    }
}
