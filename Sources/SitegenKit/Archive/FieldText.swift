/// What a text field of the archive holds (a title, a name, a caption, a 版次 …): the one
/// definition ingest applies before it writes a Content file and the loader applies when it reads
/// one, so a value ingest writes is never one the build then finds missing or empty.
///
/// Characters nobody can see or type are not text: control characters, noncharacters and byte
/// order marks are dropped wherever they are; whitespace and the other invisible characters
/// (zero-width spaces and joiners, bidi marks, soft hyphens, fillers: Unicode's format and
/// default-ignorable characters) are trimmed from both ends. A value with nothing visible left
/// is empty, which for a required field means missing.
package enum FieldText {
    /// The value as the archive keeps it; empty when it shows nothing.
    package static func cleaned(_ text: String) -> String {
        let dropped = text.withoutControlCharacters.withoutByteOrderMarks
        let scalars = dropped.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isInvisible($0) }) else { return "" }
        let last = scalars.lastIndex { !isInvisible($0) }!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return dropped }
        return String(scalars[first...last])
    }

    /// Whether nothing of `text` would be seen.
    package static func isBlank(_ text: String) -> Bool {
        cleaned(text).isEmpty
    }

    /// Whitespace, controls and the characters that only steer layout.
    package static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value <= 0x20 || scalar.value == 0x7F }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default:
            return properties.isWhitespace || properties.isDefaultIgnorableCodePoint
                || properties.isNoncharacterCodePoint
        }
    }
}

extension String {
    /// U+FEFF anywhere (a byte order mark copied along with text, or the old zero-width no-break
    /// space, which U+2060 replaced): it means nothing inside a field.
    var withoutByteOrderMarks: String {
        // EF BB BF is U+FEFF's UTF-8; most text has none, so look at bytes first.
        guard utf8.contains(0xBB), unicodeScalars.contains("\u{FEFF}") else { return self }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.lazy.filter { $0 != "\u{FEFF}" })
        return String(scalars)
    }
}
