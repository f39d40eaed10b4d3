import SitegenKit

/// Turns an article's body lines into Markdown: each line a paragraph, a short line introducing
/// a longer one a `##` heading, a run of short lines (a poem, a signature block) one paragraph
/// with hard line breaks. Text is kept as printed; only characters Markdown would read as
/// formatting are escaped.
enum BodyComposer {
    static let headingLimit = 30
    static let verseLineLimit = 20

    static func markdown(_ lines: [String]) -> String {
        var blocks: [String] = []
        var index = 0
        while index < lines.count {
            var runEnd = index
            while runEnd < lines.count, lines[runEnd].count <= verseLineLimit { runEnd += 1 }
            if runEnd - index >= 3 {
                blocks.append(lines[index..<runEnd].map(MarkdownText.escape).joined(separator: "\\\n"))
                index = runEnd
                continue
            }
            let line = lines[index]
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            if isHeading(line, next: next) {
                blocks.append("## " + MarkdownText.escape(line, atLineStart: false))
            } else {
                blocks.append(MarkdownText.escape(line))
            }
            index += 1
        }
        return blocks.joined(separator: "\n\n")
    }

    /// A short line without closing punctuation, followed by a longer paragraph.
    static func isHeading(_ line: String, next: String?) -> Bool {
        guard line.count <= headingLimit, !line.endsSentence, let next else { return false }
        return next.count >= max(30, line.count * 2) || (next.endsSentence && next.count > line.count + 10)
    }
}

/// Escapes what CommonMark would otherwise read as formatting, so text renders as printed.
enum MarkdownText {
    static func escape(_ line: String) -> String { escape(line, atLineStart: true) }

    static let special = Set("\\`*_[]<>|".utf8)
    static let lineStartSpecial = Set("#-+=~".utf8)

    static func escape(_ line: String, atLineStart: Bool) -> String {
        var result = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if scalar.isASCII, special.contains(UInt8(scalar.value)) { result.append("\\") }
            result.append(scalar)
        }
        var escaped = String(result)
        guard atLineStart, let first = escaped.unicodeScalars.first else { return escaped }
        if first.isASCII, lineStartSpecial.contains(UInt8(first.value)) { return "\\" + escaped }
        // `1. ` and `1) ` open ordered lists.
        let digits = escaped.prefix { $0.isASCIIDigit }
        if !digits.isEmpty, digits.count <= 9 {
            let after = escaped.dropFirst(digits.count)
            if let mark = after.first, mark == "." || mark == ")", after.dropFirst().first?.isWhitespace ?? true {
                let markIndex = escaped.index(escaped.startIndex, offsetBy: digits.count)
                escaped.insert("\\", at: markIndex)
            }
        }
        return escaped
    }
}
