/// The layout of `Public/search/`, shared by the writer, `SearchQuery` and search.js (which must
/// agree with every constant and encoding here).
///
/// Articles are numbered in the archive's reading order (oldest first) and indexed in blocks:
/// the articles of a ten-day period of a month, or equal parts of at most `blockSize` of a
/// bigger period's, named `YYYY-MM-<period>-<part>` (see `SearchIndexWriter.Block`). Inside a
/// block articles are numbered from 0.
///
/// - `manifest.json`: the constants below, the article count, every block (name, first
///   article), each month's first article, the 版名s.
/// - `p/<block>/<n>.z`: the block's postings (bit codes, see `BitWriter` and
///   `SearchIndexWriter.positional`), every key in order (`KeyHead.precedes`: the filters' keys
///   by their UTF-8 bytes, then characters by code point) cut into files of about `fileSize`
///   bytes; a key bigger than that has a file of its own. Deflated; inside, `varint count`, then
///   per key its head (`KeyHead`) and `varint length, postings`. A character's postings are the
///   articles holding it and every position where it occurs: a phrase occurs at p when each of
///   its characters occurs at p + its offset.
/// - `p/<block>/keys.z`: the block's key directory: `varint count`, then the first key of each
///   postings file, as heads (`KeyHead`), so a reader finds the one file that may hold a key.
/// - `a/<block>/<group>.z`: the records of the block's articles `group*recordGroup ..<
///   (group+1)*recordGroup`, a deflated JSON array (one `SearchIndexWriter.ArticleRecord` per
///   article: title, date, 版, link and text), for result lists; in UTF-16LE when that is
///   shorter, which its second byte tells (`SearchIndexWriter.recordFile`).
enum SearchIndexLayout {
    static let version = 7
    /// The most articles in a block (the manifest says which was used). The browser reads a whole
    /// block at a time, and a common character's positions in 300 articles are about 20 KB.
    static let blockSize = 300
    /// Bytes of postings per file (a key bigger than that has a file of its own): a character a
    /// query asks for comes with about this much of its neighbours' postings.
    static let fileSize = 3000
    /// Fields after the title start at this position or later.
    static let titleSpan = 1024
    /// Articles per record file.
    static let recordGroup = 4

    static let manifest = "search/manifest.json"
    /// True for the index's own files (the search page beside them is rendered like any page).
    static func isIndexFile(_ path: String) -> Bool {
        path == manifest || path.hasPrefix("search/p/") || path.hasPrefix("search/a/")
    }

    /// The name of the block a postings or record file belongs to (nil for the manifest and other
    /// paths, and for anything deeper than a block's own files: a folder where a file should be).
    static func block(of path: String) -> String? {
        // Over the path's bytes in place: the build asks this of every file of the published site.
        var path = path
        return path.withUTF8 { bytes -> String? in
            let slash = UInt8(ascii: "/")
            guard bytes.count > 9, bytes.starts(with: "search/".utf8), bytes[8] == slash,
                bytes[7] == UInt8(ascii: "p") || bytes[7] == UInt8(ascii: "a")
            else { return nil }
            let name = UnsafeBufferPointer(rebasing: bytes[9...])
            guard let end = name.firstIndex(of: slash), !name[(end + 1)...].contains(slash) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: name[..<end]), as: UTF8.self)
        }
    }

    static func postings(block: String, file: Int) -> String { "search/p/\(block)/\(file).z" }
    static func keys(block: String) -> String { "search/p/\(block)/keys.z" }
    static func records(block: String, group: Int) -> String { "search/a/\(block)/\(group).z" }

    /// How a key is written in front of its postings. A filter key (U+0001/U+0002 + name):
    /// `varint 0, varint length, UTF-8`. A character: `varint (c − p) + 1` where `c` is its code
    /// point and `p` the previous character key's in the file (0 for the first). Keys are sorted,
    /// so the deltas are small.
    struct KeyHead: Equatable {
        /// A filter key's bytes, or nil for a character.
        var filter: [UInt8]?
        var character: UInt32 = 0

        init(_ key: String) {
            let scalars = Array(key.unicodeScalars)
            if let head = scalars.first, head.value < 3 {
                filter = Array(key.utf8)
            } else {
                character = scalars.first?.value ?? 0
            }
        }

        init(filter: [UInt8]?, character: UInt32) {
            self.filter = filter
            self.character = character
        }

        /// Writes the head; `previous` (the last character key written) is updated for the next.
        func write(to writer: inout VarintWriter, previous: inout UInt32) {
            if let filter {
                writer.append(0)
                writer.append(bytes: filter)
            } else {
                writer.append(Int(character - previous) + 1)
                previous = character
            }
        }

        /// The order of keys in a block's files: filters (by UTF-8 bytes) before characters (by
        /// code point).
        func precedes(_ other: KeyHead) -> Bool {
            switch (filter, other.filter) {
            case (let a?, let b?): return a.lexicographicallyPrecedes(b)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return character < other.character
            }
        }

        /// Reads one head; `previous` is updated for the next. Nil on damaged data.
        static func read(_ reader: inout VarintReader, previous: inout UInt32) -> KeyHead? {
            guard let head = reader.next() else { return nil }
            if head == 0 {
                guard let length = reader.next(), reader.offset + length <= reader.end else { return nil }
                defer { reader.offset += length }
                return KeyHead(filter: Array(reader.bytes[reader.offset..<(reader.offset + length)]), character: 0)
            }
            previous += UInt32(truncatingIfNeeded: head - 1)
            return KeyHead(filter: nil, character: previous)
        }
    }

    /// What a key's postings hold depends on its kind, told by the key itself.
    enum Key {
        /// One code point: per article the positions where it occurs.
        static func character(_ value: UInt32) -> String { string([value]) }
        /// U+0001 + 版名: the articles on pages of that name.
        static func pageName(_ name: String) -> String { "\u{1}" + name }
        /// U+0002 + folded author name (each whitespace-separated part of an author line).
        static func author(_ name: String) -> String { "\u{2}" + SearchText.foldedString(name) }

        static func string(_ values: [UInt32]) -> String {
            var scalars = String.UnicodeScalarView()
            for value in values { scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}") }
            return String(scalars)
        }
    }
}

extension SearchIndexLayout {
    /// Rice parameter for the gaps between `articles` articles of a block.
    static func articleGapParameter(articles: Int, blockSize: Int) -> Int {
        BitWriter.riceParameter(total: blockSize, count: articles)
    }
}
