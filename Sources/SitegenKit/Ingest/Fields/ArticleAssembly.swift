/// The part of reading an article that text dumps and HTML pages share: given the headline and
/// the lines under it, sort out bylines, captions and body.
struct ArticleDraft {
    var kicker: String?
    var title: String?
    var subtitle: String?
    var authors: [String] = []
    var byline: String?
    var captions: [String] = []
    /// Body lines, one paragraph each, as printed.
    var lines: [String] = []

    mutating func take(_ found: Bylines.Byline) {
        for name in found.authors where !authors.contains(name) { authors.append(name) }
        if byline == nil { byline = found.printed }
    }

    /// Moves bylines and captions out of the body; the body keeps at least one paragraph.
    mutating func settleBody() {
        var body: [String] = []
        var movedCaptions: [String] = []
        for line in lines {
            // A byline printed at the top of the body (□ 湖北日报评论员, 湖北日报全媒记者 左晨),
            // possibly under a photo's caption.
            if body.isEmpty, authors.isEmpty, byline == nil, let found = Bylines.marked(line) {
                take(found)
            } else if Captions.isCredited(line) {
                // A bare credit under a short description (`麦收现场。` / `新华社记者 张三摄`) is one caption.
                if Captions.isCreditOnly(line), let previous = body.last, previous.count <= 60, !Captions.isCredited(previous) {
                    body.removeLast()
                    movedCaptions.append(previous + " " + line)
                } else {
                    movedCaptions.append(line)
                }
            } else {
                body.append(line)
            }
        }
        // A credit on its own line closing the article: （本报记者 A、B整理）.
        if body.count > 1, authors.isEmpty, byline == nil, let found = Bylines.trailing(body[body.count - 1]) {
            take(found)
            body.removeLast()
        }
        // （记者 X 摄） alone is the photographer's credit: the byline of a photo story.
        if authors.isEmpty, byline == nil, let index = movedCaptions.lastIndex(where: { Bylines.trailing($0) != nil }) {
            take(Bylines.trailing(movedCaptions[index])!)
            movedCaptions.remove(at: index)
        }
        // A photo story whose only text is its caption: that caption is the body.
        if body.isEmpty, !movedCaptions.isEmpty {
            body.append(movedCaptions.removeFirst())
        }
        if authors.isEmpty, let first = body.first {
            authors = Bylines.dateline(first)
        }
        captions += movedCaptions
        lines = body
    }

    /// Splits headline lines into 引题, 主题 and 副题 by the order pages print them in.
    static func headline(_ elements: [String]) -> (kicker: String?, title: String?, subtitle: String?) {
        var elements = elements.filter { !$0.isEmpty }
        guard !elements.isEmpty else { return (nil, nil, nil) }
        if let dash = elements.firstIndex(where: isSubtitle), dash > 0 {
            let subtitle = withoutDash(elements[dash...].joined(separator: " "))
            let before = Array(elements[..<dash])
            let title = before.last
            let kicker = before.count > 1 ? before.dropLast().joined(separator: " ") : nil
            return (kicker, title, subtitle)
        }
        elements = elements.map { isSubtitle($0) ? withoutDash($0) : $0 }
        switch elements.count {
        case 1: return (nil, elements[0], nil)
        case 2: return (elements[0], elements[1], nil)
        default:
            let last3 = Array(elements.suffix(3))
            let kicker = elements.dropLast(2).joined(separator: " ")
            return (kicker, last3[1], last3[2])
        }
    }

    static func isSubtitle(_ line: String) -> Bool {
        line.hasPrefix("——") || line.hasPrefix("--") || line.hasPrefix("─") || line.hasPrefix("—")
    }

    static func withoutDash(_ line: String) -> String {
        String(line.drop { "—-─ ".contains($0) || TextLine.spaces.contains($0) })
    }

    /// Lines of a headline split over lines, joined: no space between Han characters.
    static func join(_ lines: [String]) -> String {
        var result = ""
        for line in lines {
            if let last = result.last, let first = line.first, !(last.isHan || last.isPunctuation) || !(first.isHan || first.isPunctuation) {
                result.append(" ")
            }
            result += line
        }
        return result
    }

    func article(source: String?) -> ScrapedArticle? {
        guard let title, !title.isEmpty else { return nil }
        var article = ScrapedArticle(title: title, body: BodyComposer.markdown(lines))
        article.kicker = kicker
        article.subtitle = subtitle
        article.authors = authors
        article.byline = byline
        article.captions = captions
        article.source = source
        return article
    }
}

/// Titles compared the way people read them: ignoring spaces, punctuation and full/half width.
enum TitleKey {
    static func of(_ title: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in title.unicodeScalars {
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            guard let folded = Unicode.Scalar(value) else { continue }
            if folded.properties.isWhitespace || folded.properties.generalCategory.isPunctuationLike { continue }
            result.append(folded)
        }
        return String(result).lowercased()
    }

    /// Position (from 1) of `title` in a printed title list: equal, or one a long part of the other.
    static func position(of title: String, in list: [String]) -> Int? {
        let key = of(title)
        guard !key.isEmpty else { return nil }
        let keys = list.map(of)
        if let exact = keys.firstIndex(of: key) { return exact + 1 }
        let partial = keys.indices.filter { index in
            let other = keys[index]
            return min(other.count, key.count) >= 6 && (other.contains(key) || key.contains(other))
        }
        return partial.count == 1 ? partial[0] + 1 : nil
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationLike: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .otherSymbol, .modifierSymbol, .currencySymbol:
            return true
        default:
            return false
        }
    }
}
