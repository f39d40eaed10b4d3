import Foundation
import SitegenKit

#if canImport(Glibc)
    import Glibc
#endif

/// Turns a scraped file's bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, or the
/// GB encodings older e-paper sites serve (GB2312/GBK/GB18030, declared in `<meta charset>` or
/// detected). Line ends become `\n`.
enum InputDecoder {
    enum Failure: Error, Equatable {
        case binary
        case unknownEncoding(declared: String?)
    }

    static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        var text: String
        if let utf8 = try? TextFile.decode(Data(bytes), displayPath: "") {
            text = utf8
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let utf16 = String(data: Data(bytes), encoding: .utf16) else {
                return .failure(.unknownEncoding(declared: "UTF-16"))
            }
            text = TextFile.normalizingLineEnds(utf16)
        } else {
            let declared = declaredCharset(bytes)
            guard let converted = convert(bytes, from: iconvName(for: declared ?? "GB18030")) else {
                return .failure(.unknownEncoding(declared: declared))
            }
            text = TextFile.normalizingLineEnds(converted)
        }
        if text.utf8.contains(0) { return .failure(.binary) }
        return .success(text)
    }

    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        TextFile.firstInvalidUTF8Offset(Data(bytes)[...]) == nil
    }

    /// The charset an HTML page declares in its first 2 KB (`<meta charset=gbk>` or
    /// `content="text/html; charset=gb2312"`), found the way browsers prescan: by bytes, before
    /// any decoding.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(2048)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let needle = Array("charset".utf8)
        var index = 0
        while index + needle.count < head.count {
            if head[index] == needle[0], Array(head[index..<index + needle.count]) == needle {
                var cursor = index + needle.count
                while cursor < head.count, head[cursor] == 0x20 { cursor += 1 }
                guard cursor < head.count, head[cursor] == UInt8(ascii: "=") else {
                    index += 1
                    continue
                }
                cursor += 1
                while cursor < head.count, [0x20, 0x22, 0x27].contains(head[cursor]) { cursor += 1 }
                var name: [UInt8] = []
                while cursor < head.count, name.count < 40,
                    head[cursor].isASCIIAlphanumeric || [UInt8(ascii: "-"), UInt8(ascii: "_")].contains(head[cursor])
                {
                    name.append(head[cursor])
                    cursor += 1
                }
                if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
            }
            index += 1
        }
        return nil
    }

    /// GB2312 and GBK pages routinely contain characters only their superset GB18030 has.
    static func iconvName(for charset: String) -> String {
        switch charset.lowercased() {
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "hz-gb-2312":
            return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5": return "BIG5-HKSCS"
        default: return charset.uppercased()
        }
    }

    /// Strict conversion to UTF-8 with glibc's iconv; nil when any byte sequence is invalid.
    static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        let ok = input.withUnsafeMutableBufferPointer { inBuffer -> Int? in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int? in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                if inLeft > 0 {
                    guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                        return nil
                    }
                }
                // Flush any shift state (stateful encodings such as HZ).
                guard iconv(converter, nil, nil, &outPointer, &outLeft) != -1 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let length = ok else { return nil }
        let converted = Array(output[..<length])
        return isUTF8(converted) ? String(decoding: converted, as: UTF8.self) : nil
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x61...0x7A).contains(self) || (0x41...0x5A).contains(self)
    }
}
