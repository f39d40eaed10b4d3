/// How search sees text. The index (here) and the browser (`Templates/assets/search.js`, function
/// `fold`) apply the very same rules, code point by code point:
///
/// - whitespace (what JavaScript's `\s` matches) runs become one space, trimmed at the ends;
/// - full-width ASCII forms (Ａ, １, ，, ！: U+FF01–FF5E) become ASCII, U+3000 a space;
/// - a few CJK punctuation marks fold to their ASCII twins: 。→.  、→,  “”→"  ‘’→'  【】→[];
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
        var afterSpace = true
        var alreadyClean = true
        for scalar in text.unicodeScalars {
            let space = isSpace(scalar.value)
            if space && (afterSpace || scalar.value != 0x20) {
                alreadyClean = false
                break
            }
            afterSpace = space
        }
        if alreadyClean && !afterSpace { return text }
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
        clean(text).unicodeScalars.map { fold($0.value) }
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
    /// Code points in all fields.
    var length: Int { fields.reduce(0) { $0 + $1.text.count } }

    init(_ article: Article) {
        title = SearchText.clean(article.title)
        kicker = article.kicker.map(SearchText.clean).flatMap { $0.isEmpty ? nil : $0 }
        subtitle = article.subtitle.map(SearchText.clean).flatMap { $0.isEmpty ? nil : $0 }
        authors = article.authors.map(SearchText.clean).filter { !$0.isEmpty }
        body = Markdown.textBlocks(article.body).map(SearchText.clean).filter { !$0.isEmpty }
        fields = layOut()
    }

    private func layOut() -> [(start: Int, text: [UInt32])] {
        var result: [(start: Int, text: [UInt32])] = []
        let titleText = SearchText.normalized(title)
        result.append((0, titleText))
        var next = max(SearchIndexLayout.titleSpan, titleText.count + 1)
        for field in [kicker, subtitle].compactMap({ $0 }) + authors + body {
            let text = SearchText.normalized(field)
            result.append((next, text))
            next += text.count + 1
        }
        return result
    }
}
