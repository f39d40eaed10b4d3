import SitegenKit

/// Writes YAML scalars so the loader (`YAMLFields`, through Yams) reads back exactly the same
/// text: plain when that is unambiguous, double-quoted with escapes otherwise.
enum YAMLText {
    static func scalar(_ value: String) -> String {
        isPlainSafe(value) ? value : quoted(value)
    }

    static let indicators: Set<Character> = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", ".",
    ]
    static let reserved: Set<String> = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"]

    static func isPlainSafe(_ value: String) -> Bool {
        guard let first = value.first, let last = value.last,
            !indicators.contains(first), !first.isWhitespace, !last.isWhitespace, last != ":",
            value.utf8.count > 5 || !reserved.contains(value.lowercased())
        else { return false }
        var previous: Unicode.Scalar = " "
        for scalar in value.unicodeScalars {
            // `: ` starts a mapping value and ` #` a comment inside a plain scalar.
            if (previous == ":" && (scalar == " " || scalar == "\t")) || (previous == " " && scalar == "#") {
                return false
            }
            let code = scalar.value
            if code < 0x20 || code == 0x7F || (0x80...0x9F).contains(code) || code == 0x2028 || code == 0x2029
                || code == 0xFEFF
            {
                return false
            }
            if code >= 0xE000,
                scalar.properties.generalCategory == .unassigned || scalar.properties.generalCategory == .privateUse
            {
                return false
            }
            previous = scalar
        }
        return true
    }

    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
                    || [0x2028, 0x2029, 0xFEFF].contains(value)
                    || scalar.properties.generalCategory == .unassigned
                    || scalar.properties.generalCategory == .privateUse
                {
                    result += value > 0xFFFF ? "\\U" + hex(value, 8) : "\\u" + hex(value, 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A digest of a file's text (64-bit FNV-1a, hex): enough to tell whether a file changed since
/// ingest wrote it (not a security measure). It is written into editors' files
/// (`ingest_digest:`), so it must never change: it is not `StableHash`, which may.
enum ContentDigest {
    static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return YAMLText.hex(UInt32(hash >> 32), 8).lowercased()
            + YAMLText.hex(UInt32(hash & 0xFFFF_FFFF), 8).lowercased()
    }
}
