import SitegenKit

/// Reads the raw HTML of Founder (方正) e-paper pages: article pages (`content_N.htm`,
/// `pc/…/content_N.html`), pad layouts (`#scroller` fragments with `#main-title` …), and page
/// views (`node_N.htm`: `div.banci`, `div.date`, the title list, `a#pageLink` page list).
/// Pages of other layouts are read from their visible text like a text dump.
enum FounderHTMLParser {
    static func parse(_ html: String, source: String?) -> ScrapedInput {
        let document = HTMLNode.parse(html)
        let fragments = document.elements { $0.attributes["id"] == "scroller" }
        var input = ScrapedInput()
        if !fragments.isEmpty {
            var seen: Set<UInt64> = []
            for fragment in fragments {
                guard var article = structuredArticle(in: fragment, source: source) else { continue }
                // A scraper that saved one story twice: same address, same story.
                let key = StableHash.of {
                    $0.combine(article.source)
                    $0.combine(article.title)
                    $0.combine(article.body)
                }
                guard seen.insert(key).inserted else { continue }
                if article.date == nil { article.date = source.flatMap(DateText.fromURL) }
                input.articles.append(article)
                input.listing.date = input.listing.date ?? article.date
            }
            if input.articles.isEmpty { input.rejection = "has no article with a title in its fragments" }
            return input
        }
        if let article = structuredArticle(in: document, source: source) {
            var dumpView = TextDumpParser.parse(document.visibleText, source: source)
            var article = article
            article.date = article.date ?? dumpView.listing.date
            // The weekday printed in the page's date line (div.date) goes with that date only.
            if article.weekday == nil, article.date == dumpView.listing.date {
                article.weekday = dumpView.listing.weekday
            }
            article.page = article.page ?? dumpView.listing.currentPage
            article.pageName = article.pageName ?? dumpView.listing.currentPageName
            // Article pages list the page's titles (标题导航) and the issue's pages as links too.
            let links = linkLists(document)
            dumpView.listing.titles = []
            var pages = ScrapedListing()
            for page in links.pages + dumpView.listing.pages { pages.addPage(page.page, name: page.name) }
            dumpView.listing.pages = pages.pages
            if let position = TitleKey.position(of: article.title, in: links.titles) {
                article.order = position
                dumpView.listing.titles = links.titles
                dumpView.listing.currentPage = article.page
            }
            input.articles = [article]
            input.listing = dumpView.listing
            input.publication = dumpView.publication
            return input
        }
        if let listing = pageView(document, source: source) {
            input.isListingOnly = true
            input.listing = listing
            return input
        }
        return TextDumpParser.parse(document.visibleText, source: source)
    }

    // MARK: - Articles

    /// The element holding the article text on Founder pages.
    static func bodyElement(in node: HTMLNode) -> HTMLNode? {
        // Pad layouts put a photo and its caption beside <founder-content>, in div#content.
        let block = node.first { element in
            (element.attributes["id"] == "content" || element.hasClass("content"))
                && element.first { $0.name == "founder-content" } != nil
                && element.first { $0.attributes["id"] == "main-title" || $0.name == "ul" || $0.name == "h1" } == nil
        }
        return block ?? node.first { $0.name == "founder-content" }
            ?? node.element(id: "ozoom")
            ?? node.element(id: "articleContent")
            ?? node.first { $0.hasClass("article-content") }
    }

    /// An article from the page's own fields (pad `#main-title` …, `<h1>` in an article block,
    /// the `enpproperty` comment Founder pages carry), or nil when the page has none.
    static func structuredArticle(in node: HTMLNode, source: String?) -> ScrapedArticle? {
        let properties = enpProperties(in: node)
        let body = bodyElement(in: node)
        func field(_ id: String, _ property: String) -> String? {
            let shown = node.element(id: id).map { oneLine($0.visibleText) }
            return nonEmpty(shown) ?? nonEmpty(properties[property].map(oneLine))
        }
        var title = field("main-title", "title")
        var kicker = field("intro-title", "introtitle")
        var subtitle = field("sub-title", "subtitle")
        var headingByline: String?
        if title == nil, body != nil, let heading = node.first(where: { $0.name == "h1" }) {
            title = nonEmpty(oneLine(heading.visibleText))
            let siblings = headingSiblings(of: heading, in: node)
            kicker = kicker ?? siblings.before
            subtitle = subtitle ?? siblings.after
            headingByline = siblings.byline
        }
        guard let title, body != nil || !properties.isEmpty else { return nil }

        var draft = ArticleDraft()
        draft.title = title
        draft.kicker = kicker
        draft.subtitle = subtitle.map(ArticleDraft.withoutDash).flatMap(nonEmpty)
        // Pad layouts put the date in `#author`; a name there is a byline.
        let authorField = node.element(id: "author").map { oneLine($0.visibleText) } ?? ""
        let propertyAuthor = properties["author"].map(oneLine) ?? ""
        for text in [authorField, propertyAuthor, headingByline ?? ""]
        where !text.isEmpty && DateText.first(in: text) == nil {
            draft.take(Bylines.marked(text) ?? Bylines.parse(text))
        }
        draft.lines = body?.lines ?? []
        draft.settleBody()
        guard var article = draft.article(source: nonEmpty(properties["url"]) ?? source) else { return nil }
        article.photos = PageImages.photos(in: body)
        if let date = DateText.first(in: authorField) {
            article.date = date
            article.weekday = DateText.weekday(in: authorField)
        } else {
            article.date = properties["date"].flatMap(DateText.first)
        }
        if let layout = node.element(id: "nowLayout").map({ oneLine($0.visibleText) }) {
            article.page = PageLabel(layout) ?? PageText.entry(atStartOf: layout)?.label
        }
        return article
    }

    /// The headings around an article's h1, as classic Founder pages print them: h3 (引题) above,
    /// h2 (副题) below, then h4 (the byline).
    static func headingSiblings(of heading: HTMLNode, in root: HTMLNode) -> (
        before: String?, after: String?, byline: String?
    ) {
        guard let parent = root.first(where: { $0.children.contains { $0 === heading } }) else {
            return (nil, nil, nil)
        }
        let elements = parent.children.filter { $0.kind == .element }
        guard let index = elements.firstIndex(where: { $0 === heading }) else { return (nil, nil, nil) }
        func text(at position: Int, _ names: Set<String>) -> String? {
            guard elements.indices.contains(position), names.contains(elements[position].name) else { return nil }
            return nonEmpty(oneLine(elements[position].visibleText))
        }
        let before = text(at: index - 1, ["h2", "h3"])
        let after = text(at: index + 1, ["h2", "h3"])
        let byline = text(at: index + 1, ["h4"]) ?? text(at: index + 2, ["h4"])
        return (before, after, byline)
    }

    /// `<!--enpproperty <date>…</date><title>…</title><url>…</url> /enpproperty-->`: the fields
    /// Founder's publishing system writes into every article page, read with the HTML parser.
    static func enpProperties(in node: HTMLNode) -> [String: String] {
        guard let comment = node.descendants().first(where: { $0.kind == .comment && $0.text.hasPrefix("enpproperty") })
        else { return [:] }
        let inner = HTMLNode.parse(String(comment.text.dropFirst("enpproperty".count)))
        var fields: [String: String] = [:]
        for element in inner.elements(where: { _ in true }) where fields[element.name] == nil {
            fields[element.name] = TextLine.trim(element.visibleText)
        }
        return fields
    }

    // MARK: - Page views

    /// A 版面 page: its date, its 版次 and 版名, the issue's page list and the page's title list.
    static func pageView(_ document: HTMLNode, source: String?) -> ScrapedListing? {
        let links = linkLists(document)
        var listing = ScrapedListing()
        listing.pages = links.pages
        guard links.titles.count + listing.pages.count >= 2 else { return nil }
        let current = document.first { $0.hasClass("banci") || $0.attributes["id"] == "banci" }
            .flatMap { PageText.entry(atStartOf: oneLine($0.visibleText)) }
        listing.currentPage = current?.label ?? source.flatMap { AddressSchemes.place(of: $0).page }
        listing.currentPageName = current?.name ?? listing.pages.first { $0.page == listing.currentPage }?.name
        if let page = listing.currentPage { listing.addPage(page, name: listing.currentPageName) }
        listing.titles = listing.currentPage == nil ? [] : links.titles
        listing.titleLinks = listing.currentPage == nil ? [] : links.links
        if listing.currentPage != nil { PageImages.read(document, into: &listing) }
        let dateElement = document.first { $0.hasClass("date") || $0.attributes["id"] == "date" }
        listing.date =
            dateElement.flatMap { DateText.first(in: $0.visibleText) }
            ?? document.lines.lazy.compactMap(TextDumpParser.dateLine).first
            ?? source.flatMap(DateText.fromURL)
        return listing
    }

    /// The issue's pages (links reading `第02版：综 合`) and the page's titles (links to the
    /// `content_N` pages beside this one; absolute links are site menus), in document order.
    static func linkLists(_ document: HTMLNode) -> (pages: [IssueListing.ListedPage], titles: [String], links: [String])
    {
        var listing = ScrapedListing()
        var titles: [String] = []
        var links: [String] = []
        var seenLinks: Set<String> = []
        for anchor in document.elements(where: { $0.name == "a" }) {
            let href = anchor.attributes["href"] ?? ""
            let text = oneLine(anchor.visibleText)
            if let entry = PageText.entry(atStartOf: text), entry.rest.isEmpty {
                listing.addPage(entry.label, name: entry.name)
            } else if href.contains("content_"), !href.contains(":"), !href.hasPrefix("/"), !text.isEmpty,
                !ChromeText.isChrome(text)
            {
                let link = String(href.split(separator: "?").first ?? "")
                if seenLinks.insert(link).inserted {
                    titles.append(text)
                    links.append(link)
                }
            }
        }
        return (listing.pages, titles, links)
    }

    static func oneLine(_ text: String) -> String {
        TextLine.trim(
            text.split(whereSeparator: \.isNewline).map(TextLine.trim).filter { !$0.isEmpty }.joined(separator: " "))
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
