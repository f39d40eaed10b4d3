import CMark
import Foundation

/// CommonMark through libcmark. Safe mode unless told otherwise: raw HTML is replaced by a comment
/// and `javascript:`/`vbscript:`/`file:`/non-image `data:` links are emptied.
public enum Markdown {
    public static func html(_ markdown: String, allowRawHTML: Bool = false) -> String {
        let options = allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        return markdown.withCString { pointer in
            guard let rendered = cmark_markdown_to_html(pointer, strlen(pointer), options) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// The plain text of every leaf block (paragraph, heading, code block), in reading order: what
    /// a reader sees of the body, for the search index. Raw HTML is left out, as safe mode drops it.
    public static func textBlocks(_ markdown: String) -> [String] {
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return []
        }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        var blocks: [String] = []
        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            switch (cmark_node_get_type(node), event) {
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_EXIT), (CMARK_NODE_HEADING, CMARK_EVENT_EXIT):
                blocks.append(text)
                text = ""
            case (CMARK_NODE_CODE_BLOCK, _):
                if let literal = cmark_node_get_literal(node) { blocks.append(String(cString: literal)) }
            case (CMARK_NODE_TEXT, _), (CMARK_NODE_CODE, _):
                if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
            case (CMARK_NODE_SOFTBREAK, _), (CMARK_NODE_LINEBREAK, _):
                text += " "
            default:
                break
            }
        }
        return blocks
    }

    /// The plain text of the first paragraph, cut to `limit` characters (with …): the 导读 lead
    /// shown under a title in a page's title list.
    public static func lead(_ markdown: String, limit: Int = 90) -> String {
        let markdown = leadingBlocks(of: markdown)
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return ""
        }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
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
        return exceeds(text, limit) ? String(text.prefix(limit)) + "…" : text
    }

    /// `text.count > limit`, counting no further than `limit` characters, and not at all while the
    /// bytes alone say no (a character is at least one byte).
    private static func exceeds(_ text: String, _ limit: Int) -> Bool {
        guard text.utf8.count > limit else { return false }
        return text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex).map { $0 != text.endIndex }
            ?? false
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

    /// The text up to the end of the first paragraph that is not a heading: all `lead` needs,
    /// and a page view asks for the lead of every article on the page.
    static func leadingBlocks(of markdown: String) -> String {
        let bytes = markdown.utf8
        var index = bytes.startIndex
        var sawText = false
        var lineStart = true
        var previousNewline = false
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                if previousNewline && sawText { return String(markdown[..<index]) }
                previousNewline = true
                lineStart = true
            } else {
                if lineStart && byte != 0x23 && byte != 0x20 { sawText = true }  // not `#` heading, not indent
                previousNewline = false
                lineStart = false
            }
            index = bytes.index(after: index)
        }
        return markdown
    }
}
