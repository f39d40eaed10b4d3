import SitegenKit

/// One line of a text dump, trimmed of the spaces pages indent with (ASCII, no-break,
/// ideographic, zero-width), remembering whether a blank line preceded it.
struct TextLine: Equatable {
    var text: String
    /// The line follows a blank line (or starts the text): it opens a new block.
    var opensBlock: Bool
    /// Line number in the input, from 1.
    var number: Int
    /// Printed on one line with the page's 版次 and date (`标题 第A1版:封面 2021年02月23日`): by
    /// its place, a headline.
    var besidePageEntry = false

    static let spaces: Set<Character> = [
        " ", "\t", "\u{00A0}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{2002}", "\u{2003}", "\u{0009}",
    ]

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
            lines.append(TextLine(text: withoutListBullet(trimmed), opensBlock: sawBlank, number: number))
            sawBlank = false
        }
        return lines
    }

    /// `• 惊蛰过后,气温回升…`: a list bullet a page put before a paragraph is layout. Short
    /// bulleted lines (`• 时政`, `• 01`) are menus and page lists and keep it.
    static func withoutListBullet(_ text: String) -> String {
        guard text.hasPrefix("•"), text.count > 20 else { return text }
        return trim(text.dropFirst())
    }

    /// A line holding a headline, the page entry and the date run together (`… 第A1版:封面
    /// 2021年02月23日 ·A02·`, `2022年04月14日 第08版:副刊`), as lines of their own.
    static func splitRunTogether(_ line: TextLine) -> [TextLine] {
        let text = line.text
        guard text.count <= 200, !text.contains("《"), let entryStart = midLineEntry(text),
            let dateMatch = DateText.matches(in: text).first
        else { return [line] }
        let chars = Array(text)
        var cuts = Set([entryStart, dateMatch.range.lowerBound, dateMatch.range.upperBound]).filter {
            $0 > 0 && $0 < chars.count
        }.sorted()
        cuts.append(chars.count)
        var parts: [TextLine] = []
        var start = 0
        for cut in cuts {
            let piece = trim(String(chars[start..<cut]))
            if !piece.isEmpty {
                var part = TextLine(
                    text: piece, opensBlock: parts.isEmpty ? line.opensBlock : false, number: line.number)
                part.besidePageEntry = start == 0 && cut <= min(entryStart, dateMatch.range.lowerBound)
                parts.append(part)
            }
            start = cut
        }
        // The date's own line keeps what follows it (星期, ·A02·).
        return merged(parts, afterDateAt: dateMatch, in: chars)
    }

    /// Where a `第…版` entry starts after a space inside a line.
    private static func midLineEntry(_ text: String) -> Int? {
        let chars = Array(text)
        for index in chars.indices where index > 0 && chars[index] == "第" && spaces.contains(chars[index - 1]) {
            if PageText.entry(atStartOf: String(chars[index...])) != nil { return index }
        }
        return nil
    }

    private static func merged(_ parts: [TextLine], afterDateAt match: DateText.Match, in chars: [Character])
        -> [TextLine]
    {
        let dateText = String(chars[match.range])
        guard let index = parts.firstIndex(where: { $0.text == dateText }), index + 1 < parts.count,
            DateText.matches(in: parts[index + 1].text).isEmpty, PageText.entry(atStartOf: parts[index + 1].text) == nil
        else { return parts }
        var parts = parts
        parts[index].text += " " + parts[index + 1].text
        parts.remove(at: index + 1)
        return parts
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
