extension String {
    /// Text made safe for HTML and XML element content and quoted attribute values.
    ///
    /// Works on UTF-8 bytes: the five special characters are ASCII, so no grapheme breaking is
    /// needed, and text without them (most Chinese text) is returned as it is, without a copy.
    /// Control characters are dropped (see `withoutControlCharacters`).
    var escapedForMarkup: String {
        let utf8 = self.utf8
        let (needsEscaping, hasControls) = utf8.withContiguousStorageIfAvailable(Self.scanForMarkup)
            ?? Array(utf8).withUnsafeBufferPointer(Self.scanForMarkup)
        if hasControls { return withoutControlCharacters.escapedForMarkup }
        guard needsEscaping else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes += "&amp;".utf8
            case 0x3C: bytes += "&lt;".utf8
            case 0x3E: bytes += "&gt;".utf8
            case 0x22: bytes += "&quot;".utf8
            case 0x27: bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text without characters XML 1.0 forbids and HTML calls parse errors (C0 controls other
    /// than tab and line breaks, DEL, C1 controls, U+FFFE/U+FFFF). YAML's `"\u0001"` escapes or a
    /// stray byte from a scraped page could otherwise make the feed unreadable.
    var withoutControlCharacters: String {
        let hasControls = utf8.withContiguousStorageIfAvailable { Self.scanForMarkup($0).controls }
            ?? Array(utf8).withUnsafeBufferPointer(Self.scanForMarkup).controls
        guard hasControls else { return self }
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

    /// One pass over UTF-8: is there a character to escape, and is there a control character
    /// (C0 but tab/LF/CR, DEL, C1 = C2 80…9F, U+FFFE/FFFF = EF BF BE/BF)? Stops at a control.
    private static func scanForMarkup(_ bytes: UnsafeBufferPointer<UInt8>) -> (special: Bool, controls: Bool) {
        var special = false
        var index = 0
        let count = bytes.count
        while index < count {
            switch bytes[index] {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27:
                special = true
            case 0x09, 0x0A, 0x0D:
                break
            case 0x00...0x1F, 0x7F:
                return (special, true)
            case 0xC2 where index + 1 < count && (0x80...0x9F).contains(bytes[index + 1]):
                return (special, true)
            case 0xEF where index + 2 < count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                return (special, true)
            default:
                break
            }
            index += 1
        }
        return (special, false)
    }
}
