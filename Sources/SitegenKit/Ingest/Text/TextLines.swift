/// One line of a text dump, trimmed of the spaces pages indent with (ASCII, no-break,
/// ideographic, zero-width), remembering whether a blank line preceded it.
struct TextLine: Equatable {
    var text: String
    /// The line follows a blank line (or starts the text): it opens a new block.
    var opensBlock: Bool
    /// Line number in the input, from 1.
    var number: Int

    static let spaces: Set<Character> = [" ", "\t", "\u{00A0}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{2002}", "\u{2003}", "\u{0009}"]

    /// The non-blank lines of `text`.
    static func split(_ text: String) -> [TextLine] {
        var lines: [TextLine] = []
        var sawBlank = true
        var number = 0
        for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let trimmed = trim(String(decoding: raw, as: UTF8.self))
            if trimmed.isEmpty {
                sawBlank = true
                continue
            }
            lines.append(TextLine(text: trimmed, opensBlock: sawBlank, number: number))
            sawBlank = false
        }
        return lines
    }

    static func trim<S: StringProtocol>(_ text: S) -> String {
        guard let first = text.firstIndex(where: { !spaces.contains($0) && !$0.isNewline }) else { return "" }
        let last = text.lastIndex(where: { !spaces.contains($0) && !$0.isNewline })!
        return String(text[first...last])
    }
}

extension StringProtocol {
    /// Ends in sentence punctuation (closing quotes aside): prose, not a headline or heading.
    var endsSentence: Bool {
        let core = reversed().drop { ["”", "」", "』", "\"", "’", "）", ")"].contains($0) }
        guard let last = core.first else { return false }
        return ["。", "！", "？", "!", "?", "…", "；", ";", "：", ":", "，", ","].contains(last)
    }
}
