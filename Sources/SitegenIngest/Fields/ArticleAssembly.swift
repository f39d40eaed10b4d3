import SitegenKit

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
        for (index, line) in lines.enumerated() {
            // A byline printed at the top of the body (□ 湖北日报评论员, 湖北日报全媒记者 左晨),
            // possibly under a photo's caption.
            if body.isEmpty, authors.isEmpty, byline == nil, let found = Bylines.marked(line) {
                take(found)
            } else if Captions.isCredited(line) {
                let next = index + 1 < lines.count ? lines[index + 1] : ""
                if (1...2).contains(body.count), body.allSatisfy({ $0.count <= 80 }), Bylines.opensWithDateline(next) {
                    // A caption over lines, printed between the headline and the lead (本报讯 …): the
                    // story starts at its dateline, so what is above it belongs to the caption.
                    movedCaptions.append(body.joined() + line)
                    body = []
                } else if Captions.isCreditOnly(line), let previous = body.last, previous.count <= 60,
                    !Captions.isCredited(previous)
                {
                    // A bare credit under a short description (`麦收现场。` / `新华社记者 张三摄`) is one caption.
                    body.removeLast()
                    movedCaptions.append(previous + " " + line)
                } else {
                    movedCaptions.append(line)
                }
            } else {
                body.append(line)
            }
        }
        // A credit on its own line closing the article: （本报记者 A、B整理）, or a byline printed
        // at the end (株洲晚报融媒体记者/黎世伟 通讯员/曾昭旭 摄影报道).
        if body.count > 1, authors.isEmpty, byline == nil,
            let found = Bylines.trailing(body[body.count - 1]) ?? Bylines.marked(body[body.count - 1]),
            !found.authors.isEmpty
        {
            take(found)
            body.removeLast()
        }
        // The reporter named in the lead's dateline: 本报讯 (记者 松学宝) … (under a photo's caption, too).
        if authors.isEmpty, let names = body.prefix(3).lazy.map(Bylines.dateline).first(where: { !$0.isEmpty }) {
            authors = names
        }
        // （记者 X 摄） alone is the photographer's credit: the byline of a photo story.
        if authors.isEmpty, byline == nil, let index = movedCaptions.lastIndex(where: { Bylines.trailing($0) != nil }) {
            take(Bylines.trailing(movedCaptions[index])!)
            movedCaptions.remove(at: index)
        }
        // Paragraphs closing with their writer's credit: each brief's (吕劲), a photo story's
        // (新华社记者 宋为伟 摄) or 本报特约记者 李经川 摄.
        if authors.isEmpty, byline == nil {
            for paragraph in body + movedCaptions {
                for name in Bylines.endCredit(paragraph) where !authors.contains(name) { authors.append(name) }
            }
        }
        // A photo story whose only text is its caption: that caption is the body.
        if body.isEmpty, !movedCaptions.isEmpty {
            body.append(movedCaptions.removeFirst())
        }
        captions += movedCaptions
        lines = body
    }

    struct Headline {
        var kicker: String?
        var title: String?
        var subtitle: String?
        /// Lines under the title that are not part of the headline (a photo's caption): body.
        var leftOver: [String] = []
    }

    /// The headline, where the page names its title elsewhere (标题导航, Founder's trailer): the
    /// headline line it names is the 主题, lines above it the 引题, a dashed line under it the 副题.
    static func headline(_ elements: [String], printedTitles: [String]) -> Headline {
        let keys = Set(printedTitles.map(TitleKey.of).filter { !$0.isEmpty })
        guard elements.count >= 2, let named = elements.lastIndex(where: { keys.contains(TitleKey.of($0)) }) else {
            let (kicker, title, subtitle) = headline(elements)
            return Headline(kicker: kicker, title: title, subtitle: subtitle)
        }
        let above = elements[..<named]
        let below = elements[(named + 1)...]
        let dashed = below.prefix(while: isSubtitle)
        return Headline(
            kicker: above.isEmpty ? nil : above.joined(separator: " "), title: elements[named],
            subtitle: dashed.isEmpty ? nil : withoutDash(dashed.joined(separator: " ")),
            leftOver: Array(below.dropFirst(dashed.count)))
    }

    /// A line that can stand as a headline on its own: short, not a sentence (a headline may ask or
    /// exclaim: `敢问路在何方？`), not a note or a lead.
    static func readsAsHeadline(_ line: String) -> Bool {
        let asksOrExclaims = line.last.map { "？！?!".contains($0) } ?? false
        return line.count <= 40 && (!line.endsSentence || asksOrExclaims) && !line.contains("。")
            && !line.hasPrefix("编者按")
            && Bylines.marked(line) == nil && Bylines.dateline(line).isEmpty
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
        case 1:
            if let (kicker, title) = speechKicker(elements[0]) { return (kicker, title, nil) }
            return (nil, elements[0], nil)
        case 2 where isFactLine(elements[1], under: elements[0]): return (nil, elements[0], elements[1])
        case 2: return (elements[0], elements[1], nil)
        default:
            let last3 = Array(elements.suffix(3))
            let kicker = elements.dropLast(2).joined(separator: " ")
            return (kicker, last3[1], last3[2])
        }
    }

    /// `习近平在会见…时强调:勇攀科技高峰 …`: an 引题 naming who spoke, and what was said, the
    /// 主题, run together on one line.
    static func speechKicker(_ line: String) -> (String, String)? {
        for verb in ["强调", "指出", "表示", "要求"] {
            for colon in [":", "："] {
                guard let range = line.range(of: verb + colon) else { continue }
                let kicker = String(line[..<range.upperBound].dropLast())
                let title = TextLine.trim(line[range.upperBound...])
                guard kicker.count >= 6, title.count >= 6 else { continue }
                return (kicker, title)
            }
        }
        return nil
    }

    /// A 副题 giving the figures (`全年实施重点项目52个 计划总投资134.12亿元`) under a 主题 that
    /// states the news without any: a 引题 sets the scene and is short, it does not count.
    static func isFactLine(_ line: String, under first: String) -> Bool {
        first.count > 8 && !first.contains(where: \.isASCIIDigit) && line.contains(where: \.isASCIIDigit)
            && line.contains(where: { TextLine.spaces.contains($0) })
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
            if let last = result.last, let first = line.first,
                !(last.isHan || last.isPunctuation) || !(first.isHan || first.isPunctuation)
            {
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
