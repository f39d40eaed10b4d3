import Foundation

/// A 版次: a page number (3) or a label with a letter prefix (A10).
///
/// Numbers sort before labels; labels sort by prefix, then number (A2 < A10 < B1). Labels are
/// canonical: upper-case prefix and at least two digits, so `a1`, `A1` and `A01` are one page.
public struct PageLabel: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Empty for plain page numbers.
    public let prefix: String
    public let number: Int

    /// Accepts `3`, `03`, `A10`, `a1`, `AB2`; refuses anything else (spaces, `..`, slashes, `3A`).
    public init?(_ text: String) {
        if let label = Self.compact(text) {
            self = label
            return
        }
        let text = text.trimmingCharacters(in: .whitespaces)
        let letters = text.prefix { $0.isASCII && $0.isLetter }
        let digits = text.dropFirst(letters.count)
        guard letters.count <= 3, (1...4).contains(digits.count),
            digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(digits), number > 0
        else { return nil }
        self.prefix = letters.uppercased()
        self.number = number
    }

    /// The label of a text that is only ASCII letters then digits (a folder name, a front matter
    /// `page:`), read from its bytes: every article's file and front matter give one, and the
    /// general reading above trims with Foundation and walks Characters. Nil for anything else,
    /// which the general reading then decides.
    private static func compact(_ text: String) -> PageLabel? {
        var letters = 0
        var digits = 0
        var number = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 4 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                letters += 1
                guard digits == 0, letters <= 3 else { return nil }
            default:
                return nil
            }
        }
        guard digits > 0, number > 0 else { return nil }
        return PageLabel(prefix: letters == 0 ? "" : String(text.utf8.prefix(letters))!.uppercased(), number: number)
    }

    public init?(number: Int) {
        self.init(String(number))
    }

    /// The label with these parts, nil unless they are canonical (what `prefix` and `number` of a
    /// label hold): how the build state stores a label without parsing text again.
    init?(prefix: String, number: Int) {
        guard prefix.utf8.count <= 3, prefix.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }),
            (1...9999).contains(number)
        else { return nil }
        self.prefix = prefix
        self.number = number
    }

    public static func < (a: PageLabel, b: PageLabel) -> Bool {
        (a.prefix, a.number) < (b.prefix, b.number)
    }

    /// `3` or `A10`, as printed in 第3版 / 第A10版.
    public var description: String { prefix.isEmpty ? String(number) : prefix + ArchivePath.padded(number) }
    /// `03` or `A10`: the page's folder in Content and in Public.
    public var path: String { prefix + ArchivePath.padded(number) }
    /// 第3版
    public var chineseName: String { "第\(description)版" }
}
