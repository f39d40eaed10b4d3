import SitegenKit

/// Reads the visible text of an e-paper article or page view (as a browser or text scraper saves
/// it) the way a reader does: skip the site's furniture, find the headline above the first line
/// of prose, the byline and captions around it, the body up to the navigation below it, and the
/// issue's page list and the page's title list wherever the page put them.
enum TextDumpParser {
    enum Kind: Equatable {
        case text
        /// Navigation, menus, footer: ends a body, bounds a headline.
        case chrome
        /// A widget inside the article area (字数, 分享): skipped.
        case widget
        case pageEntry(PageText.Entry)
        /// The issue's pages printed as numbers: `本期共4版(1-2-3-4)`.
        case pageList([PageLabel])
        /// The 版名 printed on the line after a bare `第1版`.
        case pageName
        /// `2018年7月19日 星期四`, `光明日报 2012年10月27日 星期六`, with the weekday when one is printed.
        case dateLine(IssueDate, weekday: String?)
        /// `《光明日报》( 2012年10月27日 06版)`, `作者:X 《…》(…)`, `( 2019-10-12 )`.
        case source(date: IssueDate?, page: PageLabel?, authors: [String])
    }

    static let widgets: Set<String> = ["字数", "分享", "分享到", "评论", "我要评报", "我要纠错", "打印", "收藏", "【PDF版】", "PDF版", "朗读"]

    static func parse(_ text: String, source: String?) -> ScrapedInput {
        let lines = TextLine.split(text).flatMap(TextLine.splitRunTogether)
        let kinds = classify(lines)
        var listing = ScrapedListing()
        let currentEntry = pageList(kinds, into: &listing)
        let isPageView = looksLikePageView(lines, source: source, pages: listing.pages.count)
        var reading = ArticleReading()
        if !isPageView, let layout = articleLayout(lines, kinds) {
            reading = readArticle(lines, kinds, layout: layout, into: &listing)
        }
        // The issue date, the page and the paper: printed above or below the article, never inside it.
        let outside = kinds.indices.filter { !reading.body.contains($0) }
        placeIssue(
            lines, kinds, outside: outside, reading: reading, currentEntry: currentEntry, source: source, into: &listing
        )
        var input = ScrapedInput()
        input.publication = outside.lazy.compactMap { paperName(in: lines[$0].text, kind: kinds[$0]) }.first
        if isPageView { return pageView(input, lines, kinds, listing: listing) }
        return article(input, reading.draft, holding: lines.count, listing: listing, source: source)
    }

    /// What the article part of a text said: its draft, where its body is, and the date and 版次 a
    /// source line in its head printed.
    struct ArticleReading {
        var draft = ArticleDraft()
        var body = 0..<0
        var sourceDate: IssueDate?
        var sourcePage: PageLabel?
    }

    /// A page (版面) view, not an article: by its address, or by its page navigation with no
    /// article navigation beside a list of pages.
    static func looksLikePageView(_ lines: [TextLine], source: String?, pages: Int) -> Bool {
        let urlKind = source.map(SourceAddress.kind) ?? .unknown
        let allText = lines.lazy.map(\.text)
        let hasPageNavigation = allText.contains { ChromeText.hasAny(ChromeText.pageNavigation, in: $0) }
        let hasArticleNavigation = allText.contains { ChromeText.hasAny(ChromeText.articleNavigation, in: $0) }
        return urlKind == .page || (urlKind == .unknown && hasPageNavigation && !hasArticleNavigation && pages >= 2)
    }

    /// The headline, byline, captions and body of the article `layout` finds, and the page's title
    /// list (标题导航) after it into `listing`.
    static func readArticle(_ lines: [TextLine], _ kinds: [Kind], layout: Layout, into listing: inout ScrapedListing)
        -> ArticleReading
    {
        var reading = ArticleReading(body: layout.body)
        for index in layout.meta {
            switch kinds[index] {
            case .source(let date, let page, let authors):
                reading.sourceDate = reading.sourceDate ?? date
                reading.sourcePage = reading.sourcePage ?? page
                reading.draft.take(Bylines.Byline(authors: authors, printed: nil))
            default:
                if let found = Bylines.marked(lines[index].text) { reading.draft.take(found) }
            }
        }
        reading.draft.take(Bylines.Byline(authors: layout.headAuthors, printed: nil))
        listing.titles = titleList(lines, kinds, after: layout.body.upperBound)
        let printedTitles =
            listing.titles + labelledTitleList(lines, kinds) + lines.compactMap { FounderTrailer.title(in: $0.text) }
        let headline = ArticleDraft.headline(layout.headline, printedTitles: printedTitles)
        (reading.draft.kicker, reading.draft.title, reading.draft.subtitle) = (
            headline.kicker, headline.title, headline.subtitle
        )
        reading.draft.captions = layout.headCaptions.map { lines[$0].text }
        reading.draft.lines = headline.leftOver + layout.body.filter { kinds[$0] != .widget }.map { lines[$0].text }
        reading.draft.settleBody()
        return reading
    }

    /// The issue date, weekday, 版次 and 版名 into `listing`: as printed outside the article, else
    /// from its source line, else from the address.
    static func placeIssue(
        _ lines: [TextLine], _ kinds: [Kind], outside: [Int], reading: ArticleReading,
        currentEntry: PageText.Entry?, source: String?, into listing: inout ScrapedListing
    ) {
        let printedDate = outside.lazy.compactMap { index -> (date: IssueDate, weekday: String?)? in
            switch kinds[index] {
            case .dateLine(let date, let weekday): return (date, weekday)
            case .source(let date?, _, _): return (date, nil)
            default: return nil
            }
        }.first
        listing.date = printedDate?.date ?? reading.sourceDate ?? source.flatMap { AddressSchemes.place(of: $0).date }
        listing.weekday = printedDate?.weekday
        let printedPage = outside.lazy.compactMap { index -> PageLabel? in
            if case .source(_, let page, _) = kinds[index] { return page }
            return nil
        }.first
        listing.currentPage =
            currentEntry?.label ?? reading.sourcePage ?? printedPage
            ?? source.flatMap { AddressSchemes.place(of: $0).page }
        listing.currentPageName =
            currentEntry?.name
            ?? listing.pages.first { $0.page == listing.currentPage }?.name
    }

    /// A page view's reading: its listing only (the titles only when it says which page it is).
    static func pageView(_ input: ScrapedInput, _ lines: [TextLine], _ kinds: [Kind], listing: ScrapedListing)
        -> ScrapedInput
    {
        var input = input
        var listing = listing
        input.isListingOnly = true
        let labelled = labelledTitleList(lines, kinds)
        listing.titles = listing.currentPage == nil ? [] : labelled.isEmpty ? teaserTitles(lines) : labelled
        input.listing = listing
        if listing.isEmpty && listing.date == nil {
            input.rejection = "is a page view with no page list or titles in it"
        }
        return input
    }

    /// An article's reading: the story, placed in the issue, at its position in the page's title
    /// list when it is in it (a title list that does not hold it is not this page's).
    static func article(
        _ input: ScrapedInput, _ draft: ArticleDraft, holding lineCount: Int, listing: ScrapedListing,
        source: String?
    ) -> ScrapedInput {
        var input = input
        var listing = listing
        guard var article = draft.article(source: source) else {
            input.rejection =
                lineCount == 0 ? "holds no text" : "has no headline: no title line was found above the article text"
            input.listing = listing
            return input
        }
        article.date = listing.date
        article.weekday = listing.weekday
        article.page = listing.currentPage
        article.pageName = listing.currentPageName
        if let position = TitleKey.position(of: article.title, in: listing.titles) {
            article.order = position
        } else {
            listing.titles = []
        }
        input.articles = [article]
        input.listing = listing
        return input
    }

    /// The issue's page list (版面导航, or the list after the footer) into `listing`, and the entry
    /// naming the current page. Entries in a run of two or more are the page list; a lone one (or
    /// one followed by 上一版/下一版) names the page this is.
    static func pageList(_ kinds: [Kind], into listing: inout ScrapedListing) -> PageText.Entry? {
        var runs: [[PageText.Entry]] = [[]]
        for kind in kinds {
            switch kind {
            case .pageEntry(let entry): runs[runs.count - 1].append(entry)
            case .pageName: continue
            case .pageList(let labels): for label in labels { listing.addPage(label, name: nil) }
            default: if !runs[runs.count - 1].isEmpty { runs.append([]) }
            }
        }
        let currentEntry = runs.lazy.flatMap { $0 }.first { !$0.rest.isEmpty } ?? runs.first { $0.count == 1 }?.first
        for run in runs where run.count >= 2 {
            for entry in run { listing.addPage(entry.label, name: entry.name) }
        }
        if let currentEntry { listing.addPage(currentEntry.label, name: currentEntry.name) }
        return currentEntry
    }

    // MARK: - Lines

    static func classify(_ lines: [TextLine]) -> [Kind] {
        var kinds: [Kind] = []
        kinds.reserveCapacity(lines.count)
        var index = 0
        while index < lines.count {
            let text = lines[index].text
            if let labels = PageText.numberedList(in: text) {
                kinds.append(.pageList(labels))
            } else if let label = PageText.bulletedNumber(text),
                [index - 1, index + 1].contains(where: {
                    lines.indices.contains($0) && PageText.bulletedNumber(lines[$0].text) != nil
                })
            {
                kinds.append(.pageEntry(.init(label: label, name: nil, rest: "")))
            } else if let entry = PageText.entry(atStartOf: text),
                entry.rest.isEmpty || ChromeText.isOnlyWords(entry.rest)
            {
                var entry = entry
                // 版面导航 printed as `第1版` with the 版名 on the next line.
                if entry.name == nil, index + 1 < lines.count, !lines[index + 1].opensBlock,
                    lines[index + 1].text.count <= 10, PageText.entry(atStartOf: lines[index + 1].text) == nil,
                    !ChromeText.isChrome(lines[index + 1].text)
                {
                    entry.name = PageText.closeUpSpaces(lines[index + 1].text)
                    kinds.append(.pageEntry(entry))
                    kinds.append(.pageName)
                    index += 2
                    continue
                }
                kinds.append(.pageEntry(entry))
            } else if let source = sourceLine(text) {
                kinds.append(source)
            } else if let date = dateLine(text) {
                kinds.append(.dateLine(date, weekday: DateText.weekday(in: text)))
            } else if isWordCount(text) {
                kinds.append(.widget)
            } else if ChromeText.isChrome(text) || FounderTrailer.isTrailer(text) || ChromeText.isProductionCredit(text)
            {
                let bare = text.filter { !$0.isWhitespace }
                kinds.append(widgets.contains(bare) ? .widget : .chrome)
            } else {
                kinds.append(.text)
            }
            index += 1
        }
        return kinds
    }

    /// `文章字数:110`, `字数`: the word-count widget some systems print between headline and text.
    static func isWordCount(_ text: String) -> Bool {
        let bare = text.filter { !$0.isWhitespace }
        guard let range = bare.range(of: "字数"), bare[..<range.lowerBound] == "" || bare[..<range.lowerBound] == "文章"
        else { return false }
        return bare[range.upperBound...].allSatisfy { $0.isASCIIDigit || $0 == ":" || $0 == "：" }
    }

    /// A short line that is a date and little else (weekday, paper name, navigation).
    static func dateLine(_ text: String) -> IssueDate? {
        guard text.utf8.count <= 200, text.count <= 50, let match = DateText.matches(in: text).first else { return nil }
        var chars = Array(text)
        chars.removeSubrange(match.range)
        var rest = String(chars)
        for word in ChromeText.words + ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期天", "星期"] {
            rest = rest.replacingOccurrences(of: word, with: "")
        }
        let meaningful = rest.filter { !$0.isWhitespace && !$0.isPunctuation && !$0.isSymbol }
        return meaningful.count <= 10 ? match.date : nil
    }

    /// The line many Founder pages print under the headline: `《舟山晚报》( 2025年12月18日 第 02 版 )`,
    /// `作者:雷收麦 《光明日报》( 2012年10月27日 06版)`, or a bare `( 2019-10-12 )`.
    static func sourceLine(_ text: String) -> Kind? {
        // A sentence quoting a paper and a date (这是我1988年12月25日发表在《迪庆报》上的诗歌。) is prose.
        guard text.utf8.count <= 320, text.count <= 80, !text.contains("。") else { return nil }
        let date = DateText.first(in: text)
        let hasPaper = text.contains("《") && text.contains("》")
        let bracketed = (text.hasPrefix("(") || text.hasPrefix("（")) && (text.hasSuffix(")") || text.hasSuffix("）"))
        guard date != nil, hasPaper || (bracketed && dateLine(text) != nil) else { return nil }
        var authors: [String] = []
        if text.hasPrefix("作者"), let paper = text.firstIndex(of: "《") {
            authors = Bylines.parse(String(text[..<paper])).authors
        }
        return .source(date: date, page: PageText.mention(in: text), authors: authors)
    }

    /// The paper a source line (《舟山晚报》) or a dateline (光明日报 2012年10月27日) names.
    static func paperName(in text: String, kind: Kind) -> String? {
        switch kind {
        case .source:
            guard let open = text.firstIndex(of: "《"), let close = text[open...].firstIndex(of: "》") else { return nil }
            let name = TextLine.trim(text[text.index(after: open)..<close])
            return name.isEmpty ? nil : name
        case .dateLine:
            let head = TextLine.trim(text.prefix { !$0.isASCIIDigit })
            return head.count >= 3 && head.count <= 10 && head.hasSuffix("报") && head.allSatisfy(\.isHan) ? head : nil
        default:
            return nil
        }
    }

    // MARK: - Article layout

    struct Layout {
        var headline: [String]
        var headAuthors: [String]
        var headCaptions: [Int]
        /// Source and byline lines between headline and body.
        var meta: [Int]
        var body: Range<Int>
    }

    /// Where the headline, meta lines and body are. Nil when there is no text at all.
    static func articleLayout(_ lines: [TextLine], _ kinds: [Kind]) -> Layout? {
        guard let anchor = bodyAnchor(lines, kinds) else { return nil }

        let walked = headlineAbove(anchor, lines, kinds)
        var candidates = walked.candidates
        let (meta, afterMeta) = metaBelow(anchor, lines, kinds)
        var bodyStart = afterMeta
        let bodyEnd = bodyEnd(from: bodyStart, kinds)

        var headAuthors: [String] = []
        if candidates.count >= 2, meta.isEmpty || !hasAuthors(meta, lines, kinds) {
            let lead = lines[bodyStart..<max(bodyStart, bodyEnd)].prefix(2).map(\.text).joined()
            if let names = authorsEndingHeadline(candidates, lines, lead: lead) {
                headAuthors = names
                candidates.removeLast()
            }
        }
        if candidates.isEmpty {
            // No headline above the text: the first line of a short piece is its title, when it
            // reads as one (not a sentence, a lead or a note), or when the page printed it beside its 版.
            guard bodyStart < bodyEnd, kinds[bodyStart] == .text,
                lines[bodyStart].besidePageEntry || ArticleDraft.readsAsHeadline(lines[bodyStart].text)
            else { return nil }
            candidates = [bodyStart]
            bodyStart += 1
        }
        return Layout(
            headline: headlineElements(candidates.map { lines[$0] }), headAuthors: headAuthors,
            headCaptions: walked.captions, meta: meta, body: bodyStart..<max(bodyStart, bodyEnd))
    }

    /// Below the anchor: source and byline lines before the first paragraph, and where the
    /// paragraphs start.
    static func metaBelow(_ anchor: Int, _ lines: [TextLine], _ kinds: [Kind]) -> (meta: [Int], bodyStart: Int) {
        var meta: [Int] = []
        var bodyStart = anchor
        while bodyStart < lines.count {
            let kind = kinds[bodyStart]
            if case .source = kind {
                meta.append(bodyStart)
            } else if kind == .widget {
            } else if kind == .text, Bylines.marked(lines[bodyStart].text) != nil, meta.count < 3 {
                meta.append(bodyStart)
            } else {
                break
            }
            bodyStart += 1
        }
        return (meta, bodyStart)
    }

    /// Where the body ends: at the page's chrome, or its list of pages.
    static func bodyEnd(from bodyStart: Int, _ kinds: [Kind]) -> Int {
        var end = bodyStart
        while end < kinds.count {
            switch kinds[end] {
            case .chrome, .pageEntry, .pageName: return end
            default: end += 1
            }
        }
        return end
    }

    /// The last headline line may be a bare author line (陈义): its names, or nil. `lead` is the
    /// body's first two lines.
    static func authorsEndingHeadline(_ candidates: [Int], _ lines: [TextLine], lead: String) -> [String]? {
        let lastLine = lines[candidates[candidates.count - 1]]
        let last = lastLine.text
        let previous = lines[candidates[candidates.count - 2]].text
        // Under a subtitle, or printed right under a much longer headline, a short line of
        // Han characters is the author even without a common surname (扎西, 此里卓玛).
        let underHeadline = !lastLine.opensBlock && last.count <= 4 && previous.count >= last.count + 4
        let strict = !(ArticleDraft.isSubtitle(previous) || underHeadline)
        // A loose "name" the text goes on to talk about (香格里拉 / 七八月的香格里拉…) is its subject.
        guard let names = Bylines.bareNames(last, strict: strict), strict || !lead.contains(last) else { return nil }
        return names
    }

    /// Walking up from the anchor: headline lines and captions, until navigation or prose.
    static func headlineAbove(_ anchor: Int, _ lines: [TextLine], _ kinds: [Kind]) -> (
        candidates: [Int], captions: [Int]
    ) {
        var candidates: [Int] = []
        var headCaptions: [Int] = []
        var cursor = anchor - 1
        var passed = 0
        walk: while cursor >= 0 {
            switch kinds[cursor] {
            case .widget, .pageName:
                break
            case .chrome, .dateLine, .source:
                // Article navigation, the date or the source line printed between the headline
                // and the text (`明前茶香` / `• 上一篇` / text; `情暖重阳节` / `辽宁日报 2023年10月23日` / text).
                let between = kinds[cursor] != .chrome || ChromeText.isArticleNavigation(lines[cursor].text)
                guard candidates.isEmpty, headCaptions.isEmpty, between, passed < 3 else { break walk }
                passed += 1
            case .pageEntry, .pageList:
                break walk
            case .text:
                let text = lines[cursor].text
                if Captions.isCredited(text) || Captions.isSentenceWithCredit(text) {
                    headCaptions.insert(cursor, at: 0)
                } else if text.count >= 40 || text.endsSentence || candidates.count >= 6 {
                    break walk
                } else {
                    candidates.insert(cursor, at: 0)
                }
            }
            cursor -= 1
        }
        return (candidates, headCaptions)
    }

    static func hasAuthors(_ meta: [Int], _ lines: [TextLine], _ kinds: [Kind]) -> Bool {
        meta.contains { index in
            if case .source(_, _, let authors) = kinds[index] { return !authors.isEmpty }
            return !(Bylines.marked(lines[index].text)?.authors.isEmpty ?? true)
        }
    }

    /// The first line where the article proper starts: a source line, a marked byline, or prose.
    static func bodyAnchor(_ lines: [TextLine], _ kinds: [Kind]) -> Int? {
        var sawText = false
        var firstCaption: Int?
        for (index, line) in lines.enumerated() {
            switch kinds[index] {
            case .source:
                if sawText { return index }
            case .widget:
                // The word count sits between the headline (and byline) and the text.
                if sawText, isWordCount(line.text), index + 1 < lines.count { return index + 1 }
            case .text:
                let text = line.text
                if sawText, Bylines.marked(text) != nil { return index }
                if Captions.isCredited(text) || Captions.isSentenceWithCredit(text) {
                    firstCaption = firstCaption ?? index
                    continue
                }
                if text.count >= 40 || (text.endsSentence && text.count >= 12) { return index }
                sawText = true
            default:
                continue
            }
        }
        // No prose: the text starts at the first caption (a headline is printed above it, never
        // under it), else after the last line.
        return firstCaption ?? lines.indices.last { kinds[$0] == .text }.map { $0 + 1 }
    }

    /// Headline lines grouped as printed: when the page separates headline parts with blank
    /// lines, lines without one between them are a headline split over lines; when it does not,
    /// each line is its own part.
    static func headlineElements(_ lines: [TextLine]) -> [String] {
        guard lines.dropFirst().contains(where: \.opensBlock) else { return lines.map(\.text) }
        var groups: [[String]] = []
        for (offset, line) in lines.enumerated() {
            if offset == 0 || line.opensBlock || ArticleDraft.isSubtitle(line.text) {
                groups.append([line.text])
            } else {
                groups[groups.count - 1].append(line.text)
            }
        }
        return groups.map(ArticleDraft.join)
    }

    /// A page view's titles: the short lines after its 标题导航 / 本版标题 label.
    static func labelledTitleList(_ lines: [TextLine], _ kinds: [Kind]) -> [String] {
        let labels = ["标题导航", "本版标题", "本版导航", "本版新闻"]
        guard
            let label = lines.indices.first(where: { index in
                labels.contains { lines[index].text.contains($0) } && kinds[index] == .chrome
            })
        else { return [] }
        var titles: [String] = []
        for index in (label + 1)..<lines.count {
            guard kinds[index] == .text, lines[index].text.count <= 60 else { break }
            titles.append(lines[index].text)
        }
        return titles
    }

    /// A layout page's teasers: a bulleted title over its byline or first lines
    /// (`• 东北美景 跑冰排` / `□贤哲` / …), unlike a menu's bullets, which follow one another.
    static func teaserTitles(_ lines: [TextLine]) -> [String] {
        var titles: [String] = []
        for index in lines.indices.dropLast() where lines[index].text.hasPrefix("•") {
            let title = TextLine.trim(lines[index].text.dropFirst())
            let next = lines[index + 1].text
            guard !title.isEmpty, title.count <= 40, !title.endsSentence,
                PageText.bulletedNumber(lines[index].text) == nil,
                !ChromeText.isOnlyWords(title), !next.hasPrefix("•"), !ChromeText.isChrome(next)
            else { continue }
            titles.append(title)
        }
        return titles
    }

    /// The page's 标题导航 after the article: the run of short lines following the last page
    /// entry or navigation line.
    static func titleList(_ lines: [TextLine], _ kinds: [Kind], after start: Int) -> [String] {
        var titles: [String] = []
        for index in start..<lines.count {
            switch kinds[index] {
            case .text where lines[index].text.count <= 60 && !lines[index].text.endsSentence:
                titles.append(lines[index].text)
            case .widget:
                continue
            default:
                titles = []
            }
        }
        return titles.count >= 2 ? titles : []
    }
}

/// What an e-paper address says about the page it points at.
enum SourceAddress {
    enum Kind { case article, page, unknown }

    /// Founder sites: `content_N.htm` is an article, `node_N.htm` and `layout/…` a page view.
    static func kind(_ url: String) -> Kind {
        // An address that numbers the article on its page (news-1-2.html) is an article's.
        if AddressSchemes.place(of: url).position != nil { return .article }
        let name = (url.split(separator: "?").first ?? "").split(separator: "/").last.map(String.init) ?? ""
        if name.hasPrefix("content_") || name.contains("_content_") || name.hasPrefix("nw.")
            || url.contains("/content/") && name.contains("content")
        {
            return .article
        }
        if name.hasPrefix("node_") || url.contains("/layout/") || name.lowercased().hasPrefix("page")
            || name.hasPrefix("index")
        {
            return .page
        }
        return .unknown
    }
}
