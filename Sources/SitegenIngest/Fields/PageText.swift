import SitegenKit

/// 版次 and 版名 as e-paper pages print them: `第3版:要闻`, `03版:要 闻`, `第A01版：要闻`,
/// `第 02 版` and `06版` in a source line, and in addresses (`_20121027_2-06.htm`, `layout/…/node_01`).
enum PageText {
    struct Entry: Equatable {
        var label: PageLabel
        var name: String?
        /// What follows the entry on its line (navigation such as 上一版 …).
        var rest: String
    }

    /// A line that starts with a page entry: `第3版:要闻 上一版…`, `01版:头版`, `第1版`, also
    /// after a label (`当前版:04版`) or an issue number (`3538 期 / 第3版: 地方报道`).
    static func entry(atStartOf line: String) -> Entry? {
        // Cheap test first: 版 within the first few characters.
        guard line.unicodeScalars.prefix(16).contains("版") else { return nil }
        let chars = Array(line)
        var cursor = leadIn(chars)
        if cursor < chars.count, chars[cursor] == "第" { cursor += 1 }
        guard let (label, end) = label(chars, from: cursor) else { return nil }
        cursor = end
        var hasSeparator = false
        while cursor < chars.count, [":", "：", " ", "\u{3000}"].contains(chars[cursor]) {
            hasSeparator = true
            cursor += 1
        }
        let rest = String(chars[cursor...])
        guard hasSeparator || rest.isEmpty else { return nil }
        let (name, after) = pageName(rest)
        return Entry(label: label, name: name, rest: after)
    }

    /// Where the entry starts after a lead-in that only says "this page": `当前版:`, `当前版面：`,
    /// an issue number `3538 期 /`.
    static func leadIn(_ chars: [Character]) -> Int {
        for label in ["当前版面", "当前版"] where chars.starts(with: label) {
            var cursor = label.count
            while cursor < chars.count, [":", "：", " ", "\u{3000}"].contains(chars[cursor]) { cursor += 1 }
            return cursor
        }
        let digits = chars.prefix { $0.isASCIIDigit }.count
        guard digits > 0 else { return 0 }
        var cursor = digits
        while cursor < chars.count, chars[cursor] == " " { cursor += 1 }
        guard cursor < chars.count, chars[cursor] == "期" else { return 0 }
        cursor += 1
        while cursor < chars.count, [" ", "/", "／", "|", "\u{3000}"].contains(chars[cursor]) { cursor += 1 }
        return cursor
    }

    /// An issue's page list printed as numbers: `本期共4版(1-2-3-4)`, `共8版`.
    static func numberedList(in line: String) -> [PageLabel]? {
        guard line.count <= 40, let range = line.range(of: "共") else { return nil }
        let after = line[range.upperBound...]
        let count = after.prefix { $0.isASCIIDigit }
        guard let total = Int(count), (2...200).contains(total), after.dropFirst(count.count).first == "版" else {
            return nil
        }
        let rest = after.dropFirst(count.count + 1)
        // 共12版次, 共3版本: words, not a page list.
        if let next = rest.first, next.isHan { return nil }
        if let open = rest.firstIndex(where: { "(（".contains($0) }),
            let close = rest.firstIndex(where: { ")）".contains($0) }), open < close
        {
            let labels = rest[rest.index(after: open)..<close].split(whereSeparator: { "-、,， ".contains($0) })
                .compactMap { PageLabel(String($0)) }
            if labels.count == total { return labels }
        }
        return (1...total).compactMap { PageLabel(number: $0) }
    }

    /// `• 01` in a layout page's list of 版 (a bullet and a 版次, nothing else).
    static func bulletedNumber(_ line: String) -> PageLabel? {
        guard let first = line.first, ["•", "·", "▪"].contains(first) else { return nil }
        let rest = line.dropFirst().drop { TextLine.spaces.contains($0) }
        guard rest.count <= 4, rest.last?.isASCIIDigit == true else { return nil }
        return PageLabel(String(rest))
    }

    /// A 版次 mentioned anywhere (`… 06版)`, `第 02 版`), for source lines.
    static func mention(in text: String) -> PageLabel? {
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            if chars[index].isASCIIDigit || (chars[index].isASCII && chars[index].isLetter) {
                let start = index > 0 && chars[index - 1] == "第" ? index - 1 : index
                let precededByDigit =
                    index > 0
                    && (chars[index - 1].isASCIIDigit || (chars[index - 1].isASCII && chars[index - 1].isLetter))
                if !precededByDigit, let (label, _) = label(chars, from: start) { return label }
            }
            index += 1
        }
        return nil
    }

    /// `[第] [A-Z]{0,2} digits [spaces] 版` from `start`; the label and the index after 版.
    private static func label(_ chars: [Character], from start: Int) -> (PageLabel, Int)? {
        var cursor = start
        if cursor < chars.count, chars[cursor] == "第" { cursor += 1 }
        while cursor < chars.count, chars[cursor] == " " { cursor += 1 }
        var text = ""
        while cursor < chars.count, text.count < 3, chars[cursor].isASCII, chars[cursor].isLetter {
            text.append(chars[cursor])
            cursor += 1
        }
        var digits = 0
        while cursor < chars.count, digits < 4, chars[cursor].isASCIIDigit {
            text.append(chars[cursor])
            digits += 1
            cursor += 1
        }
        guard digits > 0 else { return nil }
        while cursor < chars.count, chars[cursor] == " " { cursor += 1 }
        guard cursor < chars.count, chars[cursor] == "版", let label = PageLabel(text) else { return nil }
        // 版权, 版本, 版面 are words, not 版次 (3版面 is not a page).
        if cursor + 1 < chars.count, ["权", "本", "面", "式", "税"].contains(chars[cursor + 1]) { return nil }
        return (label, cursor + 1)
    }

    /// The 版名 at the start of `text`, cut before navigation words, spaced-out letters closed
    /// up (`要 闻` → `要闻`); and what follows it.
    static func pageName(_ text: String) -> (String?, String) {
        var name = text
        var rest = ""
        if let cut = ChromeText.firstNavigationWord(in: text) {
            name = String(text[..<cut])
            rest = String(text[cut...])
            // The pager's numbers go with its words: `头版 4下一版` is 头版 and `4下一版`.
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            let digits = trimmed.reversed().prefix { $0.isASCIIDigit }.count
            if digits > 0, digits < trimmed.count, trimmed.dropLast(digits).last?.isWhitespace == true {
                name = String(trimmed.dropLast(digits))
            }
        }
        let closed = closeUpSpaces(name.trimmingCharacters(in: .whitespaces))
        guard !closed.isEmpty, closed.count <= 16 else { return (nil, rest) }
        return (closed, rest)
    }

    /// `要 闻` → `要闻`, `卫生 与 健康` → `卫生与健康`: spaces between Han characters are layout.
    static func closeUpSpaces(_ text: String) -> String {
        let chars = Array(text)
        var result = ""
        for (index, char) in chars.enumerated() {
            if char == " " || char == "\u{3000}" || char == "\u{00A0}" {
                let before = result.last
                let after = chars[(index + 1)...].first { $0 != " " && $0 != "\u{3000}" && $0 != "\u{00A0}" }
                if before?.isHan == true, after?.isHan == true { continue }
                if before == " " { continue }
                result.append(" ")
            } else {
                result.append(char)
            }
        }
        return result
    }
}
