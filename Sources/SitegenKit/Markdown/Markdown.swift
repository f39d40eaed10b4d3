import CMark
import Foundation

/// CommonMark through libcmark. Safe mode unless told otherwise: raw HTML is replaced by a comment
/// and `javascript:`/`vbscript:`/`file:`/non-image `data:` links are emptied.
public enum Markdown {
    public static func html(_ markdown: String, allowRawHTML: Bool = false) -> String {
        var html: [UInt8] = []
        var markdown = markdown
        markdown.withUTF8 { appendHTML(of: $0, allowRawHTML: allowRawHTML, to: &html) }
        return String(decoding: html, as: UTF8.self)
    }

    /// The HTML of `markdown` (valid UTF-8, read as a C string: up to a NUL, as `html` reads a
    /// String) appended to `output`: an article page's body goes into the page's buffer with no
    /// String made of it. Always valid UTF-8: on the rare output that is not, each bad sequence
    /// becomes U+FFFD, as a String made of it would have it.
    static func appendHTML(of markdown: UnsafeBufferPointer<UInt8>, allowRawHTML: Bool, to output: inout [UInt8]) {
        // Raw HTML begins with `<`, which plain text never holds: the same in either mode.
        if PlainMarkdown.appendHTML(of: markdown, to: &output) { return }
        appendLibcmarkHTML(of: markdown, allowRawHTML: allowRawHTML, to: &output)
    }

    /// `appendHTML` by libcmark, whatever the text.
    static func appendLibcmarkHTML(
        of markdown: UnsafeBufferPointer<UInt8>, allowRawHTML: Bool, to output: inout [UInt8]
    ) {
        let options = allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        MarkdownArena.withMemory { memory in
            var hasReference = false
            let document = withCString(markdown) { text, length in
                hasReference = memchr(text, Int32(UInt8(ascii: "&")), length) != nil
                return parse(text, length, options: options, memory: memory)
            }
            guard let document else { return }
            defer { MarkdownArena.release { cmark_node_free(document) } }
            guard let rendered = cmark_render_html(document, options) else { return }
            defer { MarkdownArena.release { memory.pointee.free(rendered) } }
            let html = UnsafeBufferPointer(
                start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered))
            // libcmark copies UTF-8 through whole and adds ASCII; only what it decodes from a
            // character reference can break it (`&#xFFFF;` becomes the single byte FF): without
            // an `&`, no check.
            if !hasReference || TextFile.survey(html).isUTF8 {
                output.append(contentsOf: html)
            } else {
                output.append(contentsOf: String(decoding: html, as: UTF8.self).utf8)
            }
        }
    }

    /// The document libcmark makes of `length` bytes of `text`, in `memory`.
    private static func parse(
        _ text: UnsafePointer<CChar>, _ length: Int, options: Int32, memory: UnsafeMutablePointer<cmark_mem>
    ) -> OpaquePointer? {
        guard let parser = cmark_parser_new_with_mem(options, memory) else { return nil }
        defer { MarkdownArena.release { cmark_parser_free(parser) } }
        cmark_parser_feed(parser, text, length)
        return cmark_parser_finish(parser)
    }

    /// Calls `body` with `markdown` as libcmark takes it: a pointer (never nil) and the length up
    /// to the first NUL, if any.
    private static func withCString<Result>(
        _ markdown: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<CChar>, Int) -> Result
    ) -> Result {
        guard let base = markdown.baseAddress else { return body("", 0) }
        let length = memchr(base, 0, markdown.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
        return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: markdown.count) {
            body($0, length ?? markdown.count)
        }
    }

    /// Calls `body` with an iterator over the document libcmark makes of `markdown`; nil when it
    /// cannot make one. The document and iterator live in `MarkdownArena`'s memory while `body` runs.
    private static func withIterator<Result>(
        over markdown: UnsafeBufferPointer<UInt8>, _ body: (OpaquePointer) -> Result
    ) -> Result? {
        MarkdownArena.withMemory { memory in
            guard let document = withCString(markdown, { parse($0, $1, options: CMARK_OPT_DEFAULT, memory: memory) })
            else { return nil }
            defer { MarkdownArena.release { cmark_node_free(document) } }
            guard let iterator = cmark_iter_new(document) else { return nil }
            defer { MarkdownArena.release { cmark_iter_free(iterator) } }
            return body(iterator)
        }
    }

    /// Walks the plain text of every leaf block (paragraph, heading, code block), in reading order:
    /// what a reader sees of the body, for the search index; raw HTML is left out, as safe mode
    /// drops it. `text` takes each piece of a block in order (a text node's or inline code's
    /// literal, a space for a line break, a code block's literal whole, as libcmark gives them:
    /// UTF-8 but for rare bad sequences), and `endBlock` follows a block's last piece. No String is
    /// made of a piece.
    static func forEachTextBlock(
        in markdown: UnsafeBufferPointer<UInt8>, text: (UnsafeBufferPointer<UInt8>) -> Void, endBlock: () -> Void
    ) {
        if PlainMarkdown.forEachTextBlock(in: markdown, text: text, endBlock: endBlock) { return }
        forEachLibcmarkTextBlock(in: markdown, text: text, endBlock: endBlock)
    }

    /// `forEachTextBlock` by libcmark, whatever the text.
    static func forEachLibcmarkTextBlock(
        in markdown: UnsafeBufferPointer<UInt8>, text: (UnsafeBufferPointer<UInt8>) -> Void, endBlock: () -> Void
    ) {
        _ = withIterator(over: markdown) { iterator in eachTextBlock(iterator, text: text, endBlock: endBlock) }
    }

    private static func eachTextBlock(
        _ iterator: OpaquePointer, text: (UnsafeBufferPointer<UInt8>) -> Void, endBlock: () -> Void
    ) {
        func literal(_ node: OpaquePointer) {
            guard let literal = cmark_node_get_literal(node) else { return }
            text(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal)))
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            switch (cmark_node_get_type(node), event) {
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_EXIT), (CMARK_NODE_HEADING, CMARK_EVENT_EXIT):
                endBlock()
            case (CMARK_NODE_CODE_BLOCK, _):
                // A leaf: no paragraph's text is pending (text nodes live in paragraphs and headings).
                literal(node)
                endBlock()
            case (CMARK_NODE_TEXT, _), (CMARK_NODE_CODE, _):
                literal(node)
            case (CMARK_NODE_SOFTBREAK, _), (CMARK_NODE_LINEBREAK, _):
                withUnsafeBytes(of: UInt8(ascii: " ")) { text($0.bindMemory(to: UInt8.self)) }
            default:
                break
            }
        }
    }

    /// The plain text of the first paragraph, cut to `limit` characters (with …): the 导读 lead
    /// shown under a title in a page's title list.
    public static func lead(_ markdown: String, limit: Int = 90) -> String {
        var markdown = markdown
        return markdown.withUTF8 { lead(of: $0, limit: limit) }
    }

    /// `lead` of UTF-8 `markdown` (read as a C string).
    static func lead(of markdown: UnsafeBufferPointer<UInt8>, limit: Int = 90) -> String {
        withIterator(over: UnsafeBufferPointer(rebasing: markdown[..<leadingBlocks(of: markdown)])) {
            lead(from: $0, limit: limit)
        } ?? ""
    }

    private static func lead(from iterator: OpaquePointer, limit: Int) -> String {
        var text = ""
        var inParagraph = false
        loop: while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch (type, event) {
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_ENTER):
                inParagraph = true
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_EXIT):
                if !text.isEmpty { break loop }
                inParagraph = false
            case (CMARK_NODE_TEXT, _), (CMARK_NODE_CODE, _):
                if inParagraph, let literal = cmark_node_get_literal(node) {
                    text += String(cString: literal)
                    if exceeds(text, limit) { break loop }
                }
            case (CMARK_NODE_SOFTBREAK, _), (CMARK_NODE_LINEBREAK, _):
                if inParagraph {
                    text += " "
                    if exceeds(text, limit) { break loop }
                }
            default:
                break
            }
        }
        text = trimmed(text)
        return exceeds(text, limit) ? String(text[..<prefixEnd(text, limit)]) + "…" : text
    }

    /// `text.count > limit`, counting no further than `limit` characters, and not at all while the
    /// bytes alone say no (a character is at least one byte).
    private static func exceeds(_ text: String, _ limit: Int) -> Bool {
        guard text.utf8.count > limit else { return false }
        return prefixEnd(text, limit) != text.endIndex
    }

    /// The end of `text`'s first `limit` characters (`text.prefix(limit).endIndex`). Counted by code
    /// points while each is a character by itself whatever follows it (nearly all of a Chinese
    /// lead): grapheme breaking, a third of a page view's leads, only past any other.
    static func prefixEnd(_ text: String, _ limit: Int) -> String.Index {
        var copy = text
        // Byte offset of the end, or nil: count characters.
        let end = copy.withUTF8 { bytes -> Int? in
            guard let base = bytes.baseAddress else { return 0 }
            var index = 0
            var count = 0
            // The code point after the last one counted is looked at too: it must not join that one.
            while index < bytes.count {
                let (value, length) = SearchText.scalar(at: index, in: base)
                guard isCharacterAlone(value) else { return nil }
                if count == limit { return index }
                count += 1
                index += length
            }
            return index
        }
        guard let end else {
            return text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex) ?? text.endIndex
        }
        return text.utf8.index(text.utf8.startIndex, offsetBy: end)
    }

    /// Code points that never join a neighbour into one character (grapheme cluster break
    /// property Other, neither Extend, SpacingMark, Prepend nor Hangul; no CR): printable ASCII
    /// and Latin-1, general punctuation, CJK punctuation (up to U+3029: U+302A–302F are marks),
    /// CJK ideographs and full-width forms.
    private static func isCharacterAlone(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x7E, 0xA0...0xFF, 0x2010...0x2027, 0x3000...0x3029, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xFF01...0xFF5E:
            return true
        default:
            return false
        }
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation when both ends
    /// are plainly not space (ASCII letters, digits and marks; CJK, kana, full-width forms): a
    /// page view asks this of every article it lists, and Foundation's trim was a third of it.
    static func trimmed(_ text: String) -> String {
        func plain(_ scalar: Unicode.Scalar?) -> Bool {
            guard let value = scalar?.value else { return true }
            return (0x21...0x7E).contains(value) || (0x3001...0xFEFE).contains(value)
        }
        let scalars = text.unicodeScalars
        if plain(scalars.first) && plain(scalars.last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// How many bytes of `markdown` make the text up to the end of the first paragraph that is
    /// not a heading: all `lead` needs, and a page view asks for the lead of every article on it.
    static func leadingBlocks(of markdown: UnsafeBufferPointer<UInt8>) -> Int {
        var sawText = false
        var lineStart = true
        var previousNewline = false
        for (index, byte) in markdown.enumerated() {
            if byte == 0x0A {
                if previousNewline && sawText { return index }
                previousNewline = true
                lineStart = true
            } else {
                if lineStart && byte != 0x23 && byte != 0x20 { sawText = true }  // not `#` heading, not indent
                previousNewline = false
                lineStart = false
            }
        }
        return markdown.count
    }
}
