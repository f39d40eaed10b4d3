import Foundation
import SitegenKit

/// Places parsed articles in Content: fills what the input left open from options and from what
/// Content holds, picks the position, refuses clashes, and writes atomically unless the file was
/// edited by hand.
struct Placer {
    let options: Ingester.Options
    /// Slots claimed in this run: the second different article claiming one is refused.
    private var claimed: [Article.Slot: (article: Existing, input: String)] = [:]
    /// The articles on each page folder, read once per run and kept up to date.
    private var pages: [String: [Existing]] = [:]
    /// Where the run's page views put the articles they link to.
    private var linked = LinkedPlaces()

    struct Existing {
        var order: Int
        var title: String
        var source: String?

        /// The same story: the same address when both have one, else the same title.
        func isSame(as other: Existing) -> Bool {
            if let source, let otherSource = other.source {
                return Placer.address(source) == Placer.address(otherSource)
            }
            return TitleKey.of(title) == TitleKey.of(other.title)
        }
    }

    /// An address without scheme and query (`http://x/a.htm?div=-1` and `https://x/a.htm` are one page).
    static func address(_ url: String) -> String {
        let noQuery = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return noQuery.range(of: "://").map { String(noQuery[$0.upperBound...]) } ?? noQuery
    }

    init(options: Ingester.Options) {
        self.options = options
    }

    mutating func place(_ read: Ingester.Read, input: String) -> [IngestOutcome] {
        let parsed = read.parsed
        if let rejection = parsed.rejection {
            return [.init(kind: .rejected, input: input, reason: rejection)]
        }
        if let publication = options.publication, let named = parsed.publication, !named.contains(publication),
            !publication.contains(named)
        {
            return [.init(kind: .rejected, input: input, reason: "is a page of 《\(named)》, not of \(publication)")]
        }
        var outcomes: [IngestOutcome] = []
        let listingDate = options.date ?? parsed.listing.date ?? parsed.articles.lazy.compactMap(\.date).first
        // The listing first: an article's position may come from the title list it records.
        // A page view records its date and 版 even when it shows no list (node_05: 第05版:登瀛 2024年06月28日).
        if IssueListingFile.isWorthRecording(parsed.listing)
            || (parsed.isListingOnly && parsed.listing.currentPage != nil)
        {
            if let date = listingDate {
                var scraped = parsed.listing
                if let page = options.page { scraped.currentPage = page }
                if let name = options.pageName { scraped.currentPageName = name }
                outcomes.append(writeListing(scraped, date: date, input: input))
                linked.register(scraped, date: date, source: read.source, file: read.file)
            } else if parsed.isListingOnly {
                outcomes.append(.init(kind: .rejected, input: input, reason: Self.noDate))
            }
        }
        if parsed.isListingOnly, outcomes.isEmpty {
            outcomes.append(
                .init(
                    kind: .rejected, input: input, reason: "is a page view without a page list or title list to record")
            )
        }
        let mirror = read.file.flatMap { file in read.root.map { (file, MirrorFiles(root: $0, options: options)) } }
        if parsed.isListingOnly, let date = listingDate, let page = options.page ?? parsed.listing.currentPage,
            let (file, mirror) = mirror
        {
            outcomes += pageFiles(
                parsed.listing, stem: ArchivePath.pageFolder(date, page) + "/page", from: file, mirror: mirror,
                input: input)
        }
        for scraped in parsed.articles {
            let outcome = placeArticle(
                scraped, listing: parsed.listing, multiple: parsed.articles.count > 1, read: read, input: input)
            outcomes.append(outcome)
            // The photos go beside the article as <NN>-1.jpg, <NN>-2.jpg … in the page's order.
            guard !scraped.photos.isEmpty, [.written, .updated, .unchanged].contains(outcome.kind),
                let target = outcome.target,
                let (file, mirror) = mirror
            else { continue }
            let stem = String(target.dropFirst(display("").count).drop { $0 == "/" }.dropLast(3))
            for (offset, photo) in scraped.photos.enumerated() {
                outcomes.append(
                    mirror.copy(
                        photo, from: file, to: "\(stem)-\(offset + 1)", kind: .image, input: input,
                        what: "photo \(offset + 1) of 「\(scraped.title)」"))
            }
        }
        return outcomes
    }

    /// A page view's scan and PDF, copied beside the page's articles.
    private func pageFiles(_ listing: ScrapedListing, stem: String, from file: URL, mirror: MirrorFiles, input: String)
        -> [IngestOutcome]
    {
        var outcomes: [IngestOutcome] = []
        if let scan = listing.scan {
            outcomes.append(
                mirror.copy(scan, from: file, to: stem, kind: .image, input: input, what: "the page's scan"))
        }
        if let pdf = listing.pdf {
            outcomes.append(mirror.copy(pdf, from: file, to: stem, kind: .pdf, input: input, what: "the page's PDF"))
        }
        return outcomes
    }

    static let noPage =
        "no 版次 (page) found in the text or the address, and no page view (版面) of its issue lists it; "
        + "ingest it together with its page view, or pass --page (such as --page 3)"

    static let noDate =
        "no issue date found in the text or the address; pass --date YYYY-MM-DD (or put the page's address in NAME.url beside it)"

    /// Where a story goes once its date, 版次 and position are known.
    private struct Placement {
        let article: Article
        /// The story as the page's other articles are compared with it.
        let this: Existing
        let folder: String
        /// The articles the page folder holds.
        let existing: [Existing]
        let target: String
    }

    /// A step of placing a story: its result, or the outcome that ends the story's placing.
    private enum Step<Value> {
        case next(Value)
        case stop(IngestOutcome)
    }

    private mutating func placeArticle(
        _ scraped: ScrapedArticle, listing: ScrapedListing, multiple: Bool,
        read: Ingester.Read, input: String
    ) -> IngestOutcome {
        let place: Placement
        switch placement(of: scraped, listing: listing, multiple: multiple, read: read, input: input) {
        case .stop(let outcome): return outcome
        case .next(let found): place = found
        }
        let slot = place.article.slot
        if let owner = claimed[slot], !owner.article.isSame(as: place.this) {
            return .init(
                kind: .rejected, input: input, target: place.target,
                reason:
                    "\(scraped.title): claims \(slot), which \(owner.input) filled in this run; check its --page/--date, or ingest it on its own"
            )
        }
        claimed[slot] = (place.this, input)
        let replaced: Existing?
        switch earlierCopy(of: place, input: input) {
        case .stop(let outcome): return outcome
        case .next(let earlier): replaced = earlier
        }
        var kind: IngestOutcome.Kind
        switch write(place, input: input) {
        case .stop(let outcome): return outcome
        case .next(let written): kind = written
        }
        if let replaced {
            if !options.dryRun {
                let replacedPath = Article.Slot(date: slot.date, page: slot.page, order: replaced.order).contentPath
                try? FileManager.default.removeItem(at: options.content.appendingPathComponent(replacedPath))
            }
            pages[place.folder, default: []].removeAll { $0.order == replaced.order }
            kind = .updated
        }
        pages[place.folder, default: []].removeAll { $0.order == slot.order }
        pages[place.folder, default: []].append(
            Existing(order: slot.order, title: place.article.title, source: place.this.source))
        let moved = replaced.map {
            "moved from \(ArchivePath.articleFile($0.order, in: .content)) to its place in the page's title list"
        }
        return .init(kind: kind, input: input, target: place.target, reason: moved)
    }

    /// The story's date, 版次 and position: from the options, the story, its page view or the
    /// titles Content already lists, else the next free position on its page.
    private mutating func placement(
        of scraped: ScrapedArticle, listing: ScrapedListing, multiple: Bool,
        read: Ingester.Read, input: String
    ) -> Step<Placement> {
        let link = multiple ? nil : linked.place(source: read.source, file: read.file)
        guard let date = options.date ?? scraped.date ?? listing.date ?? link?.date else {
            return .stop(.init(kind: .rejected, input: input, reason: "\(scraped.title): " + Self.noDate))
        }
        var scraped = scraped
        if options.page == nil, scraped.page == nil { placeUnnumbered(&scraped, date: date, link: link) }
        guard let page = options.page ?? scraped.page else {
            return .stop(.init(kind: .rejected, input: input, reason: "\(scraped.title): " + Self.noPage))
        }
        let source = (multiple ? nil : options.url) ?? scraped.source
        let this = Existing(order: 0, title: scraped.title, source: source)
        let folder = ArchivePath.pageFolder(date, page)
        let existing = existingArticles(in: folder)
        let listed = listedTitles(date: date, page: page)
        let order =
            scraped.order
            ?? listed.flatMap { TitleKey.position(of: scraped.title, in: $0) }
            ?? existing.first { $0.isSame(as: this) }?.order
            ?? nextFreeOrder(existing: existing, listedCount: listed?.count ?? 0, date: date, page: page)
        guard order <= IssueListing.maximumPosition else {
            return .stop(
                .init(
                    kind: .rejected, input: input,
                    reason: "\(scraped.title): \(page.chineseName) of \(date.iso) has no free position left"))
        }
        let article = scraped.article(
            date: date, page: page, pageName: options.pageName ?? scraped.pageName,
            order: order, source: source)
        return .next(
            Placement(
                article: article, this: this, folder: folder, existing: existing,
                target: display(article.slot.contentPath)))
    }

    /// The same story, ingested before at another position (before its page's title list was
    /// known): it moves to its printed position when ingest wrote it; an edited copy stays.
    private func earlierCopy(of place: Placement, input: String) -> Step<Existing?> {
        let slot = place.article.slot
        guard let earlier = place.existing.first(where: { $0.order != slot.order && $0.isSame(as: place.this) }) else {
            return .next(nil)
        }
        let earlierPath = Article.Slot(date: slot.date, page: slot.page, order: earlier.order).contentPath
        let earlierURL = options.content.appendingPathComponent(earlierPath)
        let earlierText = FileManager.default.contents(atPath: earlierURL.path).map {
            String(decoding: $0, as: UTF8.self)
        }
        guard let earlierText, ArticleFile.isAsIngested(earlierText) || options.force else {
            return .stop(
                .init(
                    kind: .kept, input: input, target: display(earlierPath),
                    reason:
                        "edited by hand; the page's title list puts this story at \(ArchivePath.articleFile(slot.order, in: .content)): move it there, or --force"
                ))
        }
        return .next(earlier)
    }

    /// Writes the story's file, unless the loader would refuse it, it is unchanged, its place
    /// holds another story, or an editor changed it (without --force).
    private func write(_ place: Placement, input: String) -> Step<IngestOutcome.Kind> {
        let (scraped, slot, target) = (place.article, place.article.slot, place.target)
        let url = options.content.appendingPathComponent(slot.contentPath)
        let text = ArticleFile.text(for: place.article)
        // The loader itself judges the file before it is written: whatever slipped past the
        // parser's cleaning, ingest never writes a file the next build refuses.
        do {
            _ = try ArticleReader.read(text: text, path: target)
        } catch {
            return .stop(
                .init(
                    kind: .rejected, input: input, target: target,
                    reason:
                        "\(scraped.title): would be written as a file the build refuses (\(error.message)); nothing written"
                ))
        }
        var kind = IngestOutcome.Kind.written
        if let data = FileManager.default.contents(atPath: url.path) {
            let old = String(decoding: data, as: UTF8.self)
            if old == text { return .stop(.init(kind: .unchanged, input: input, target: target)) }
            if let other = place.existing.first(where: { $0.order == slot.order }), other.title.isEmpty {
                return .stop(
                    .init(
                        kind: .rejected, input: input, target: target,
                        reason:
                            "\(scraped.title): \(target) exists but does not load as an article; fix or move it, then ingest again"
                    ))
            }
            if let other = place.existing.first(where: { $0.order == slot.order }), !other.isSame(as: place.this) {
                return .stop(
                    .init(
                        kind: .rejected, input: input, target: target,
                        reason:
                            "\(scraped.title): \(target) already holds another article, “\(other.title)”; move one of them (or fix --page/--date)"
                    ))
            }
            guard ArticleFile.isAsIngested(old) || options.force else {
                return .stop(
                    .init(kind: .kept, input: input, target: target, reason: "edited by hand; --force overwrites"))
            }
            kind = .updated
        }
        if !options.dryRun {
            do {
                try Self.writeAtomically(text, to: url)
            } catch {
                return .stop(
                    .init(
                        kind: .rejected, input: input, target: target,
                        reason: "\(target) cannot be written: \(error.localizedDescription)"))
            }
        }
        return .next(kind)
    }

    private mutating func writeListing(_ scraped: ScrapedListing, date: IssueDate, input: String) -> IngestOutcome {
        let relative = ArchivePath.issueFile(date, in: .content)
        let target = display(relative)
        let url = options.content.appendingPathComponent(relative)
        var existing = IssueListing(date: date, pages: [], sourcePath: relative)
        var oldText: String?
        if let data = FileManager.default.contents(atPath: url.path) {
            let text = String(decoding: data, as: UTF8.self)
            oldText = text
            do {
                existing = try IssueListingReader.read(
                    text: (try? TextFile.decode(data, displayPath: target)) ?? text, path: target, date: date)
            } catch {
                return .init(
                    kind: .rejected, input: input, target: target,
                    reason: "\(target) cannot be merged into: \(error.message); fix it and ingest again")
            }
        }
        let merged = IssueListingFile.merge(scraped, into: existing)
        if oldText != nil, merged == existing { return .init(kind: .unchanged, input: input, target: target) }
        let text = IssueListingFile.text(merged)
        if text == oldText { return .init(kind: .unchanged, input: input, target: target) }
        if !options.dryRun {
            do {
                try Self.writeAtomically(text, to: url)
            } catch {
                return .init(
                    kind: .rejected, input: input, target: target,
                    reason: "\(target) cannot be written: \(error.localizedDescription)")
            }
        }
        listingCache[date] = merged
        return .init(kind: oldText == nil ? .written : .updated, input: input, target: target)
    }

    private var listingCache: [IssueDate: IssueListing] = [:]

    /// The page's title list as issue.yml records it.
    private mutating func listedTitles(date: IssueDate, page: PageLabel) -> [String]? {
        let titles = recordedListing(date: date)?.pages.first { $0.page == page }?.titles ?? []
        return titles.isEmpty ? nil : titles
    }

    /// The issue's issue.yml as this run last wrote or read it.
    private mutating func recordedListing(date: IssueDate) -> IssueListing? {
        if listingCache[date] == nil {
            let relative = ArchivePath.issueFile(date, in: .content)
            if let data = FileManager.default.contents(atPath: options.content.appendingPathComponent(relative).path),
                let text = try? TextFile.decode(data, displayPath: relative),
                let listing = try? IssueListingReader.read(text: text, path: relative, date: date)
            {
                listingCache[date] = listing
            }
        }
        return listingCache[date]
    }

    /// A page that prints no 版次 goes where the page view linking to it, or the page whose
    /// 标题导航 lists it, puts it.
    private mutating func placeUnnumbered(_ scraped: inout ScrapedArticle, date: IssueDate, link: LinkedPlaces.Place?) {
        if let link, link.date == date {
            (scraped.page, scraped.order) = (link.page, scraped.order ?? link.order)
        } else if let listed = listedPlace(of: scraped.title, date: date) {
            (scraped.page, scraped.pageName, scraped.order) = (listed.page, listed.name, scraped.order ?? listed.order)
        }
    }

    /// The page of the issue whose recorded 标题导航 lists `title`, and its position there.
    private mutating func listedPlace(of title: String, date: IssueDate) -> (
        page: PageLabel, name: String?, order: Int
    )? {
        let found = (recordedListing(date: date)?.pages ?? []).compactMap { page in
            TitleKey.position(of: title, in: page.titles).map { (page.page, page.name, $0) }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// The articles already in a page folder (files that do not load are skipped).
    private mutating func existingArticles(in folder: String) -> [Existing] {
        if let known = pages[folder] { return known }
        let url = options.content.appendingPathComponent(folder)
        var found: [Existing] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasSuffix(".md") {
            let file = url.appendingPathComponent(name)
            guard let text = try? TextFile.read(file, displayPath: name),
                let article = try? ArticleReader.read(text: text, path: name)
            else {
                if let order = Int(name.dropLast(3)) { found.append(Existing(order: order, title: "", source: nil)) }
                continue
            }
            found.append(Existing(order: article.order, title: article.title, source: article.source))
        }
        pages[folder] = found
        return found
    }

    /// The first position after the printed title list that no file and no article of this run holds.
    private func nextFreeOrder(existing: [Existing], listedCount: Int, date: IssueDate, page: PageLabel) -> Int {
        var order = listedCount + 1
        let taken = Set(existing.map(\.order))
        while taken.contains(order) || claimed[Article.Slot(date: date, page: page, order: order)] != nil { order += 1 }
        return order
    }

    func display(_ relative: String) -> String {
        SiteFolder(options.content, display: options.displayContent).display(relative)
    }

    /// Writes beside the target and renames over it, so a reader never sees half a file.
    static func writeAtomically(_ text: String, to url: URL) throws {
        try writeAtomically(Data(text.utf8), to: url)
    }

    static func writeAtomically(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 { throw FileIO.posixError(url.path) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
