/// A kind of saved page that ingest reads: whether a decoded text is of its kind, and what it says.
///
/// `IngestParser.readers` lists them, most particular first; the first that recognises a text reads
/// it, and the text dump, which reads any text, comes last.
protocol InputReader {
    /// Whether `text` is of this reader's kind (looked at cheaply: every input asks every reader
    /// before it).
    static func recognises(_ text: String) -> Bool
    /// What the page says, its fields as printed (`IngestParser` cleans them); a page that says
    /// nothing usable sets `rejection`.
    static func parse(_ text: String, source: String?) -> ScrapedInput
}

extension FounderHTMLParser: InputReader {
    /// Markup, not a text dump: starts with a tag and closes some.
    static func recognises(_ text: String) -> Bool {
        let start = text.prefix(4096).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard start.first == "<" else { return false }
        let head = start.prefix(2048).lowercased()
        return head.hasPrefix("<!doctype") || head.hasPrefix("<html") || head.contains("</") || head.contains("<br")
            || head.hasPrefix("<div") || head.hasPrefix("<p") || head.hasPrefix("<meta") || head.hasPrefix("<head")
    }
}

extension TextDumpParser: InputReader {
    /// Any text: what no other reader recognises is read as the text a browser shows.
    static func recognises(_ text: String) -> Bool { true }
}
