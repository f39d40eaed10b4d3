import Foundation

/// The manifest and the article records a result list shows (`SearchIndexLayout`).
extension SearchIndexWriter {
    struct Manifest: Codable {
        var version: Int
        var articles: Int
        /// The most articles a block holds.
        var blockSize: Int
        /// Per block, oldest first: its name (the folder of its files) and the number of its first
        /// article.
        var blocks: [String]
        var blockStarts: [Int]
        var titleSpan: Int
        /// Articles per record file (`SearchIndexLayout.records`).
        var recordGroup: Int
        /// Every month with articles ("2018-07"), oldest first, and the number of its first article.
        var months: [String]
        var monthStarts: [Int]
        /// Every 版名, most used first.
        var pageNames: [String]
    }

    func manifest() -> String {
        var months: [String] = []
        var monthStarts: [Int] = []
        var pageNameCounts: [String: Int] = [:]
        // By issue and page, not by article: the manifest is made on every build.
        var lastMonth = (0, 0)
        for issue in archive.issues where !issue.articleRange.isEmpty {
            if (issue.date.year, issue.date.month) != lastMonth {
                lastMonth = (issue.date.year, issue.date.month)
                months.append(String(issue.date.iso.prefix(7)))
                monthStarts.append(issue.articleRange.lowerBound)
            }
            for page in issue.pages {
                if let name = page.name, !name.isEmpty, !page.articleRange.isEmpty {
                    pageNameCounts[name, default: 0] += page.articleRange.count
                }
            }
        }
        let pageNames = pageNameCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(
            \.key)
        let manifest = Manifest(
            version: SearchIndexLayout.version, articles: archive.articles.count,
            blockSize: blockSize, blocks: blocks.map(\.id), blockStarts: blocks.map(\.articles.lowerBound),
            titleSpan: SearchIndexLayout.titleSpan, recordGroup: recordGroup, months: months, monthStarts: monthStarts,
            pageNames: pageNames)
        return Self.json(manifest) + "\n"
    }

    /// What a result list shows of one article.
    struct ArticleRecord: Codable {
        /// Path from the site root.
        var u: String
        var t: String
        var k: String?
        var s: String?
        var a: [String]
        /// 2018-07-19
        var d: String
        /// 第3版:要闻
        var h: String
        /// The body's blocks, cleaned.
        var b: [String]
    }

    /// One article's record as JSON, appended to `json` as UTF-8 bytes. Written by hand
    /// (JSONEncoder is slow on Linux, and this runs for every article): the same keys, sorted,
    /// as `ArticleRecord` decodes.
    func appendRecord(_ number: Int, text: SearchableArticle, to json: inout [UInt8]) {
        let article = archive.articles[number]
        let location = archive.locations[number]
        func key(_ name: StaticString, first: Bool = false) {
            json.append(UInt8(ascii: first ? "{" : ","))
            json.append(UInt8(ascii: "\""))
            json.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            json.append(contentsOf: "\":".utf8)
        }
        func array(_ texts: [String]) {
            json.append(UInt8(ascii: "["))
            for (index, text) in texts.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                Self.appendJSONString(text, to: &json)
            }
            json.append(UInt8(ascii: "]"))
        }
        key("a", first: true)
        array(text.authors)
        key("b")
        array(text.body)
        key("d")
        Self.appendJSONString(article.date.iso, to: &json)
        key("h")
        Self.appendJSONString(archive.issues[location.issue].pages[location.page].heading, to: &json)
        if let kicker = text.kicker {
            key("k")
            Self.appendJSONString(kicker, to: &json)
        }
        if let subtitle = text.subtitle {
            key("s")
            Self.appendJSONString(subtitle, to: &json)
        }
        key("t")
        Self.appendJSONString(text.title, to: &json)
        key("u")
        Self.appendJSONString(Paths.article(article.slot), to: &json)
        json.append(UInt8(ascii: "}"))
    }

    /// A record file's bytes: its JSON array in UTF-16LE when that is shorter than its UTF-8 (Chinese
    /// text takes two bytes a character instead of three), deflated. A reader tells the two apart by
    /// the second byte, zero only in UTF-16LE (`[` is 5B 00). UTF-16 is deflated at level 1, which
    /// makes it both smaller than UTF-8 at level 9 and far quicker (Benchmarks/RESULTS.md); text
    /// mostly ASCII stays UTF-8 at level 9, where level 1 would make it bigger.
    static func recordFile(json: [UInt8]) -> [UInt8] {
        json.withUnsafeBufferPointer { bytes in
            // Every byte that starts a character is one UTF-16 unit; a four-byte one is two.
            var units = 0
            for byte in bytes where byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
            guard 2 * units < bytes.count else { return Deflate.compress(json) }
            let utf16 = [UInt8](unsafeUninitializedCapacity: 2 * units) { target, count in
                func append(_ unit: UInt32) {
                    target[count] = UInt8(truncatingIfNeeded: unit)
                    target[count + 1] = UInt8(truncatingIfNeeded: unit >> 8)
                    count += 2
                }
                SearchText.forEachScalar(in: bytes) { value in
                    if value < 0x10000 {
                        append(value)
                    } else {
                        append(0xD800 + ((value - 0x10000) >> 10))
                        append(0xDC00 + (value & 0x3FF))
                    }
                    return true
                }
            }
            return Deflate.compress(utf16, level: 1)
        }
    }

    /// Whether an inflated record file is UTF-16LE (`recordFile`): its second byte is zero.
    static func isUTF16(record bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[1] == 0 }

    /// A record file's JSON as UTF-8, whichever encoding `recordFile` chose (after inflating).
    static func recordJSON(_ bytes: [UInt8]) -> [UInt8] {
        guard isUTF16(record: bytes) else { return bytes }
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else (UTF-8 included) as it is.
    static func appendJSONString(_ text: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        var copy = text
        // Most texts need no escape: their bytes go in at once.
        let plain = copy.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            json.append(contentsOf: bytes)
            return true
        }
        if !plain { appendEscaped(text, to: &json) }
        json.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ text: String, to json: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                json.append(UInt8(ascii: "\\"))
                json.append(byte)
            case 0..<0x20:
                json.append(contentsOf: "\\u00".utf8)
                json.append(hex[Int(byte >> 4)])
                json.append(hex[Int(byte & 0xF)])
            default:
                json.append(byte)
            }
        }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
