/// How search sees text. The index (here) and the browser (`Templates/assets/search.js`, function
/// `fold`) apply the very same rules, code point by code point:
///
/// - whitespace (what JavaScript's `\s` matches) runs become one space, trimmed at the ends;
/// - full-width ASCII forms (Ａ, １, ，, ！: U+FF01–FF5E) become ASCII, U+3000 a space;
/// - a few CJK punctuation marks fold to their ASCII linked copies: 。→.  、→,  “”→"  ‘’→'  【】→[];
/// - Latin A–Z fold to a–z (other scripts are matched as written).
///
/// Folding maps one code point to one, so positions in folded text are positions in the cleaned text
/// a snippet shows.
enum SearchText {
    static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    static func fold(_ value: UInt32) -> UInt32 {
        // Most of an archive's text: CJK and kana (U+3012–U+FEFE) fold to themselves.
        if value >= 0x3012 && value < 0xFEFF { return value }
        switch value {
        case 0x41...0x5A: return value + 0x20
        case 0xFF21...0xFF3A: return value - 0xFEE0 + 0x20
        case 0xFF01...0xFF5E: return value - 0xFEE0
        case 0x3002: return 0x2E
        case 0x3001: return 0x2C
        case 0x201C, 0x201D: return 0x22
        case 0x2018, 0x2019: return 0x27
        case 0x3010: return 0x5B
        case 0x3011: return 0x5D
        default: return isSpace(value) ? 0x20 : value
        }
    }

    /// Whitespace runs collapsed to one space and trimmed: the text as indexed and as snippets show it.
    static func clean(_ text: String) -> String {
        var copy = text
        let alreadyClean = copy.withUTF8 { bytes -> Bool in
            var afterSpace = true
            var clean = true
            forEachScalar(in: bytes) { value in
                let space = isSpace(value)
                if space && (afterSpace || value != 0x20) {
                    clean = false
                    return false
                }
                afterSpace = space
                return true
            }
            return clean && !afterSpace
        }
        if alreadyClean { return text }
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar.value) {
                pendingSpace = !scalars.isEmpty
            } else {
                if pendingSpace { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Cleaned and folded code points: what is indexed, and what a query is turned into.
    static func normalized(_ text: String) -> [UInt32] {
        folded(cleaned: clean(text))
    }

    /// `normalized` of text `clean` already gave: its code points folded, decoded from its UTF-8
    /// in one pass (a String is always valid UTF-8). The index does this for every character.
    static func folded(cleaned text: String) -> [UInt32] {
        var copy = text
        return copy.withUTF8 { bytes in
            // Exactly one slot per code point (a byte that does not continue one starts one): a
            // block's texts are held until its postings are made.
            let scalars = bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            return [UInt32](unsafeUninitializedCapacity: scalars) { buffer, count in
                forEachScalar(in: bytes) { value in
                    buffer[count] = fold(value)
                    count += 1
                    return true
                }
            }
        }
    }

    /// Calls `body` with each code point of valid UTF-8 `bytes` until it returns false.
    @inline(__always)
    static func forEachScalar(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Bool) {
        guard let base = bytes.baseAddress else { return }
        var index = 0
        while index < bytes.count {
            let (value, length) = scalar(at: index, in: base)
            index += length
            if !body(value) { return }
        }
    }

    /// The code point of valid UTF-8 starting at `base[index]`, and its length in bytes.
    @inline(__always)
    static func scalar(at index: Int, in base: UnsafePointer<UInt8>) -> (value: UInt32, length: Int) {
        let lead = UInt32(base[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(base[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(base[index + 1] & 0x3F) << 6 | UInt32(base[index + 2] & 0x3F), 3)
        }
        let value =
            (lead & 0x07) << 18 | UInt32(base[index + 1] & 0x3F) << 12 | UInt32(base[index + 2] & 0x3F) << 6
            | UInt32(base[index + 3] & 0x3F)
        return (value, 4)
    }

    /// A body's text blocks cleaned and folded as libcmark gives their pieces (`Markdown.forEachTextBlock`):
    /// each block is what `clean` and `folded(cleaned:)` make of its pieces joined, in one pass over
    /// their UTF-8, with no String made of a piece.
    struct BlockCleaner {
        /// The cleaned blocks and their folded code points, in order; empty blocks are left out.
        private(set) var blocks: [(text: String, folded: [UInt32])] = []
        private var bytes: [UInt8] = []
        private var folded: [UInt32] = []
        /// A space is owed before the next character (spaces seen after some text).
        private var pendingSpace = false

        /// A piece of the block: UTF-8 as libcmark gives it, so it is checked first; a piece that is
        /// not UTF-8 counts as a String made of it would (each bad sequence a U+FFFD).
        mutating func add(_ piece: UnsafeBufferPointer<UInt8>) {
            guard TextFile.survey(piece).isUTF8 else {
                var repaired = String(decoding: piece, as: UTF8.self)
                repaired.withUTF8 { add(valid: $0) }
                return
            }
            add(valid: piece)
        }

        private mutating func add(valid piece: UnsafeBufferPointer<UInt8>) {
            guard let base = piece.baseAddress else { return }
            // Runs of characters are copied whole; a space ends one.
            var start = 0
            var index = 0
            while index < piece.count {
                let (value, length) = SearchText.scalar(at: index, in: base)
                // Most of Chinese text (U+3012–U+FEFE): not space, folded to itself.
                if value >= 0x3012 && value < 0xFEFF && !pendingSpace {
                    folded.append(value)
                } else if SearchText.isSpace(value) {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
                    start = index + length
                    pendingSpace = !bytes.isEmpty
                } else {
                    if pendingSpace {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
                        bytes.append(0x20)
                        folded.append(0x20)
                        start = index
                        pendingSpace = false
                    }
                    folded.append(SearchText.fold(value))
                }
                index += length
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: piece.count - start))
        }

        /// Ends the block.
        mutating func endBlock() {
            defer {
                bytes.removeAll(keepingCapacity: true)
                folded.removeAll(keepingCapacity: true)
                pendingSpace = false
            }
            guard !bytes.isEmpty else { return }
            // Made only of whole characters of checked pieces: valid UTF-8.
            let text = bytes.withUnsafeBufferPointer { String(checkedUTF8: $0) }
            // A copy of exactly its size: the blocks are held until the postings are made.
            blocks.append((text, folded.withUnsafeBufferPointer { Array($0) }))
        }
    }

    static func foldedString(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for value in normalized(text) { scalars.append(Unicode.Scalar(value)!) }
        return String(scalars)
    }
}

/// The searchable text of one article, cleaned, in index order: title, kicker, subtitle, each
/// author, each block of the body.
struct SearchableArticle {
    var title: String
    var kicker: String?
    var subtitle: String?
    var authors: [String]
    var body: [String]
    /// Each field's folded code points with the position of its first one. Fields never touch: one
    /// position is left out between them, so no phrase can match across a field boundary. The title
    /// starts at 0 and everything else at `SearchIndexLayout.titleSpan` or later, so a match's
    /// position tells whether it is in the title.
    private(set) var fields: [(start: Int, text: [UInt32])] = []
    /// Lets go of `fields` once the block's occurrences are made from them.
    mutating func dropFields() { fields = [] }

    init(_ article: Article) {
        title = SearchText.clean(article.title)
        kicker = article.kicker.map(SearchText.clean).flatMap { $0.isEmpty ? nil : $0 }
        subtitle = article.subtitle.map(SearchText.clean).flatMap { $0.isEmpty ? nil : $0 }
        authors = article.authors.map(SearchText.clean).filter { !$0.isEmpty }
        var cleaner = SearchText.BlockCleaner()
        article.withBody { markdown in
            Markdown.forEachTextBlock(in: markdown, text: { cleaner.add($0) }, endBlock: { cleaner.endBlock() })
        }
        body = cleaner.blocks.map(\.text)
        fields = layOut(body: cleaner.blocks.map(\.folded))
    }

    /// Every field is already cleaned: its folded code points are what `normalized` would give
    /// (the body's blocks come folded).
    private func layOut(body: [[UInt32]]) -> [(start: Int, text: [UInt32])] {
        var result: [(start: Int, text: [UInt32])] = []
        result.reserveCapacity(3 + authors.count + body.count)
        let titleText = SearchText.folded(cleaned: title)
        result.append((0, titleText))
        var next = max(SearchIndexLayout.titleSpan, titleText.count + 1)
        func add(_ text: [UInt32]) {
            result.append((next, text))
            next += text.count + 1
        }
        if let kicker { add(SearchText.folded(cleaned: kicker)) }
        if let subtitle { add(SearchText.folded(cleaned: subtitle)) }
        for field in authors { add(SearchText.folded(cleaned: field)) }
        for text in body { add(text) }
        return result
    }
}
