/// Reads the front matter nearly every article has — `key: value` lines of plain text and `- item`
/// lists under a key — straight into the values Yams' nodes give (same text, style, lines and
/// order), at a fraction of Yams' cost: it runs for every article of a cold build. Anything else,
/// and anything it is not sure of, gives nil and Yams reads it: Yams stays the authority on YAML,
/// its values and its error messages.
enum SimpleYAML {
    /// The mapping, or nil when the text is not in the simple form (then ask Yams).
    static func mapping(_ yaml: String) -> YAMLValue? {
        var text = yaml
        return text.withUTF8 { bytes -> YAMLValue? in
            guard hasOnlyPlainCharacters(bytes) else { return nil }
            var reader = Reader(bytes: bytes)
            return reader.mapping()
        }
    }

    /// False for bytes libyaml refuses or reads specially: control characters (tabs and CR
    /// included), DEL, C1 controls (NEL is a line break to YAML), the line and paragraph
    /// separators, a byte order mark and the non-characters U+FFFE/U+FFFF.
    static func hasOnlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return false }
                index += 1
                continue
            }
            // The input is valid UTF-8 (a String), so a lead byte has its continuation bytes.
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            switch byte {
            case 0xC2 where next < 0xA0: return false
            case 0xE2 where next == 0x80 && (third == 0xA8 || third == 0xA9): return false
            case 0xEF where (next == 0xBB && third == 0xBF) || (next == 0xBF && third >= 0xBE): return false
            default: index += 1
            }
        }
        return true
    }

    /// A line-by-line reader of the simple form. Lines are cut at `\n` and counted from 1, as Yams'
    /// marks count them.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var entries: [YAMLEntry] = []
        var keys: Set<String> = []
        /// The last key when it had no text on its line: its value is the list that follows, or empty.
        var open: (key: String, line: Int)?
        var list: (indent: Int, line: Int, items: [YAMLValue])?

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func mapping() -> YAMLValue? {
            var start = 0
            var line = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                line += 1
                if end > start {
                    let first = bytes[start]
                    let read =
                        first == .space || first == .dash ? item(start..<end, line: line) : key(start..<end, line: line)
                    guard read else { return nil }
                }
                start = end + 1
            }
            closeKey()
            // Empty text is no mapping at all to Yams; it reads that quickly.
            guard let first = entries.first else { return nil }
            return .mapping(entries, line: first.line)
        }

        /// `key: value` or `key:` at the start of a line.
        mutating func key(_ line: Range<Int>, line number: Int) -> Bool {
            closeKey()
            var index = line.lowerBound
            guard SimpleYAML.isKeyStart(bytes[index]) else { return false }
            while index < line.upperBound, SimpleYAML.isKeyCharacter(bytes[index]) { index += 1 }
            // libyaml gives up on keys over 1,024 characters; real ones are a word.
            guard index < line.upperBound, bytes[index] == .colon, index - line.lowerBound <= 256 else { return false }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[line.lowerBound..<index]), as: UTF8.self)
            guard keys.insert(name).inserted else { return false }  // Yams names duplicates itself
            var valueStart = index + 1
            guard valueStart == line.upperBound || bytes[valueStart] == .space else { return false }
            while valueStart < line.upperBound, bytes[valueStart] == .space { valueStart += 1 }
            if valueStart == line.upperBound {
                open = (name, number)
                return true
            }
            guard let value = text(valueStart..<line.upperBound, line: number) else { return false }
            entries.append(YAMLEntry(key: name, line: number, value: value))
            return true
        }

        /// `- item` under a key that had no text, every item at the same indentation.
        mutating func item(_ line: Range<Int>, line number: Int) -> Bool {
            guard open != nil else { return false }
            var dash = line.lowerBound
            while dash < line.upperBound, bytes[dash] == .space { dash += 1 }
            let indent = dash - line.lowerBound
            guard dash + 1 < line.upperBound, bytes[dash] == .dash, bytes[dash + 1] == .space else { return false }
            if let list, list.indent != indent { return false }
            var valueStart = dash + 1
            while valueStart < line.upperBound, bytes[valueStart] == .space { valueStart += 1 }
            guard valueStart < line.upperBound, let value = text(valueStart..<line.upperBound, line: number) else {
                return false
            }
            if list == nil { list = (indent, number, []) }
            list?.items.append(value)
            return true
        }

        /// Puts the open key's value (its list, or empty text) into the mapping.
        mutating func closeKey() {
            guard let open else { return }
            let value: YAMLValue =
                if let list { .list(list.items, line: list.line) } else { .text("", plain: true, line: open.line) }
            entries.append(YAMLEntry(key: open.key, line: open.line, value: value))
            self.open = nil
            self.list = nil
        }

        /// A plain scalar that ends its line; nil when it starts with an indicator or holds `: `,
        /// ` #` or a final `:`, which YAML reads as something other than text.
        func text(_ range: Range<Int>, line: Int) -> YAMLValue? {
            var end = range.upperBound
            while end > range.lowerBound, bytes[end - 1] == .space { end -= 1 }
            guard end > range.lowerBound, !SimpleYAML.isIndicator(bytes[range.lowerBound]) else { return nil }
            for index in range.lowerBound..<end {
                switch bytes[index] {
                case .colon where index + 1 == end || bytes[index + 1] == .space: return nil
                case .hash where bytes[index - 1] == .space: return nil  // never the first: that is an indicator
                default: continue
                }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<end]), as: UTF8.self)
            return .text(text, plain: true, line: line)
        }
    }

    /// Keys are ASCII words (`page_name`, `ingest-digest`, `v1.2`); anything else goes to Yams.
    static func isKeyStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    static func isKeyCharacter(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || byte == .dash || byte == UInt8(ascii: ".")
    }

    /// The characters that make a value's first character mean something other than text (YAML's
    /// indicators), with a few that are only sometimes (`-`, `?`, `:`) refused as well.
    static let indicators = Array("-?:,[]{}#&*!|>'\"%@`".utf8)

    static func isIndicator(_ byte: UInt8) -> Bool { indicators.contains(byte) }
}

extension UInt8 {
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let dash = UInt8(ascii: "-")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let hash = UInt8(ascii: "#")
}
