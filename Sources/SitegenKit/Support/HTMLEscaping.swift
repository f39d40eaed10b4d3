extension String {
    /// Text made safe for HTML and XML element content and quoted attribute values.
    var escapedForMarkup: String {
        let text = withoutControlCharacters
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "'" }) else {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// The text without characters XML 1.0 forbids and HTML calls parse errors (C0 controls other
    /// than tab and line breaks, DEL, C1 controls, U+FFFE/U+FFFF). YAML's `"\u0001"` escapes or a
    /// stray byte from a scraped page could otherwise make the feed unreadable.
    var withoutControlCharacters: String {
        guard unicodeScalars.contains(where: Self.isControl) else { return self }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.lazy.filter { !Self.isControl($0) })
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }
}
