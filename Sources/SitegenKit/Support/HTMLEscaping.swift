extension String {
    /// Text made safe for HTML and XML element content and quoted attribute values.
    ///
    /// Works on UTF-8 bytes: the five special characters are ASCII, so no grapheme breaking is
    /// needed, and text without them (most Chinese text) is returned as it is, without a copy.
    public var escapedForMarkup: String {
        let text = withoutControlCharacters
        let utf8 = text.utf8
        let needsEscaping =
            utf8.withContiguousStorageIfAvailable { bytes in
                bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
            } ?? utf8.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard needsEscaping else { return text }
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
    package var withoutControlCharacters: String {
        // Byte check first, exact, since most text has none: C0 controls and DEL are single
        // bytes, C1 controls are C2 80–C2 9F, U+FFFE/U+FFFF are EF BF BE/BF (a bare 0xEF test
        // would flag every full-width comma, EF BC 8C).
        // Eight bytes at a time: most words hold no byte below 0x20 and no 7F, C2 or EF, and
        // are passed whole (every article body is checked each time it is read).
        var copy = self
        let hasControl = copy.withUTF8 { bytes -> Bool in
            var index = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= bytes.count {
                    if Self.mayStartControl(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)),
                        Self.startsControl(bytes, from: index, to: index + 8)
                    {
                        return true
                    }
                    index += 8
                }
            }
            return Self.startsControl(bytes, from: index, to: bytes.count)
        }
        guard hasControl else { return self }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.lazy.filter { !Self.isControl($0) })
        return String(scalars)
    }

    /// Whether a control character starts at one of `bytes[start..<end]` (it may end past `end`).
    private static func startsControl(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        for index in start..<end {
            switch bytes[index] {
            case 0x09, 0x0A, 0x0D: continue
            case 0x00...0x1F, 0x7F: return true
            case 0xC2: if index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
            case 0xEF: if index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return true }
            default: continue
            }
        }
        return false
    }

    /// False when none of the eight bytes of `word` is below 0x20 or is 7F, C2 or EF (so no
    /// control character starts in it); true means: look byte by byte.
    @inline(__always)
    private static func mayStartControl(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below20 || hasZeroByte(word ^ (ones &* 0x7F)) || hasZeroByte(word ^ (ones &* 0xC2))
            || hasZeroByte(word ^ (ones &* 0xEF))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }
}
