/// A digest of everything each page's template context can reach, computed without rendering.
///
/// An incremental build re-renders exactly the pages whose fingerprint changed. Each function
/// below mirrors one view in `Render/Context/`: whatever a view exposes to templates must be
/// folded into its fingerprint here (tests compare incremental builds with clean ones).
struct OutputFingerprints: Sendable {
    let archive: Archive
    let site: UInt64
    /// Per issue: its date and its pages' labels and names (版面导航).
    let pageLists: [UInt64]
    /// Per issue: its pages' article counts (`article_count`), folded in only for the pages whose
    /// templates name it: adding an article to a page then leaves the issue's other pages alone.
    let pageCounts: [UInt64]
    let templatesShowCounts: [String: Bool]
    /// Per issue, per page: the page's 标题导航 (titles, positions, and what a title shows).
    let entries: [[UInt64]]
    /// Per issue, per page: the bodies of the page's articles (the page view shows their leads).
    let leads: [[UInt64]]
    /// Per article: every field the article view shows, and the body (not `weekday`, which only
    /// `sitegen check` reads).
    let articles: [UInt64]
    let templates: [String: UInt64]
    /// Per issue: its pages' scans, zones and PDFs (any page that lists the issue's pages can show them).
    let issueMedia: [UInt64]
    /// Per article: its photos (0 without any).
    let photos: [UInt64]

    init(archive: Archive, templates: TemplateSet) {
        self.archive = archive
        site = Self.siteDigest(archive.site)
        articles = parallelMap(archive.articles, Self.articleDigest)
        pageLists = archive.issues.map(Self.pageListDigest)
        pageCounts = archive.issues.map { issue in
            StableHash.of { hash in
                for page in issue.pages { hash.combine(page.articleRange.count) }
            }
        }
        templatesShowCounts = Dictionary(
            uniqueKeysWithValues: TemplateSet.required.map { ($0, templates.mentions("article_count", from: $0)) })
        entries = parallelMap(archive.issues) { issue in
            issue.pages.map { Self.entriesDigest($0, archive: archive) }
        }
        leads = archive.issues.map { issue in
            issue.pages.map { page in
                StableHash.of { hash in
                    for index in page.articleRange { hash.combine(archive.articles[index].bodyDigest) }
                }
            }
        }
        self.templates = Dictionary(uniqueKeysWithValues: TemplateSet.required.map { ($0, templates.digest(of: $0)) })
        issueMedia = archive.issues.map { Self.issueMediaDigest($0, media: archive.media) }
        photos = Self.photoDigests(archive)
    }

    private static func siteDigest(_ config: SiteConfig) -> UInt64 {
        StableHash.of {
            $0.combine(config.title)
            $0.combine(config.baseURL)
            $0.combine(config.language)
            $0.combine(config.description)
            $0.combine(config.footer)
            $0.combine(config.unsafeHTML)
        }
    }

    private static func articleDigest(_ a: Article) -> UInt64 {
        StableHash.of {
            $0.combine(a.title)
            $0.combine(a.kicker)
            $0.combine(a.subtitle)
            $0.combine(a.authors)
            $0.combine(a.byline)
            $0.combine(a.slot)
            $0.combine(a.pageName)
            $0.combine(a.captions)
            $0.combine(a.source)
            $0.combine(a.bodyDigest)
        }
    }

    private static func pageListDigest(_ issue: Archive.Issue) -> UInt64 {
        StableHash.of { hash in
            hash.combine(issue.date)
            for page in issue.pages {
                hash.combine(page.label.description)
                hash.combine(page.name)
            }
        }
    }

    private static func entriesDigest(_ page: Archive.Page, archive: Archive) -> UInt64 {
        StableHash.of { hash in
            for entry in page.entries {
                hash.combine(entry.position)
                hash.combine(entry.title)
                if let index = entry.article {
                    let a = archive.articles[index]
                    hash.combine(a.slot)
                    hash.combine(a.kicker)
                    hash.combine(a.subtitle)
                    hash.combine(a.authors)
                } else {
                    hash.combine(false)
                }
            }
        }
    }

    private static func issueMediaDigest(_ issue: Archive.Issue, media: SiteMedia) -> UInt64 {
        StableHash.of { hash in
            for (number, page) in issue.pages.enumerated() {
                let digest = media.digest(of: issue.date, page.label)
                guard digest != 0 || !page.zones.isEmpty else { continue }
                hash.combine(number)
                hash.combine(digest)
                for zone in page.zones {
                    hash.combine(zone.article)
                    hash.combine(zone.svgPoints)
                }
            }
        }
    }

    private static func photoDigests(_ archive: Archive) -> [UInt64] {
        let media = archive.media
        guard !media.photos.isEmpty else { return Array(repeating: 0, count: archive.articles.count) }
        return archive.articles.map { article in
            guard let list = media.photos[article.slot] else { return 0 }
            return StableHash.of { hash in
                for image in list {
                    hash.combine(image.fingerprint)
                    hash.combine(image.path)
                }
            }
        }
    }

    /// The media digest of an issue without scans, PDFs or zones.
    private static let noMedia = StableHash.of { _ in }

    func fingerprint(of kind: PageKind) -> UInt64 {
        StableHash.of { hash in
            hash.combine(site)
            hash.combine(templates[kind.template] ?? 0)
            if templatesShowCounts[kind.template] == true, let issue = issue(of: kind) {
                hash.combine(pageCounts[issue])
            }
            // Zero for an archive of text only, and then left out: such a site's pages keep their fingerprints.
            if let issue = issue(of: kind), issueMedia[issue] != Self.noMedia { hash.combine(issueMedia[issue]) }
            if case .article(let index) = kind, photos[index] != 0 { hash.combine(photos[index]) }
            switch kind {
            case .article(let index):
                let location = archive.locations[index]
                hash.combine("article")
                hash.combine(articles[index])
                hash.combine(pageLists[location.issue])
                hash.combine(location.page)
                hash.combine(entries[location.issue][location.page])
                for neighbour in [archive.previousArticle(before: index), archive.nextArticle(after: index)] {
                    if let neighbour {
                        hash.combine(archive.articles[neighbour].title)
                        hash.combine(archive.articles[neighbour].slot)
                    } else {
                        hash.combine(false)
                    }
                }
            case .page(let issue, let page):
                combinePage(issue: issue, page: page, isHome: false, into: &hash)
            case .home:
                if let latest = archive.issues.indices.last, !archive.issues[latest].pages.isEmpty {
                    combinePage(issue: latest, page: 0, isHome: true, into: &hash)
                    // 历史上的今天
                    for other in archive.sameDayIssues(before: latest) { hash.combine(archive.issues[other].date) }
                } else {
                    hash.combine("empty home")
                }
            case .issue(let issue):
                hash.combine("issue")
                hash.combine(pageLists[issue])
                for digest in entries[issue] { hash.combine(digest) }
                for other in [archive.previousIssue(before: issue), archive.nextIssue(after: issue)] {
                    hash.combine(other.map { archive.issues[$0].date })
                }
            case .archiveIndex:
                hash.combine("archive")
                hash.combine(archive.articles.count)
                for issue in archive.issues { hash.combine(issue.date) }
            case .archiveYear(let year):
                hash.combine("year")
                hash.combine(year)
                var lastYear = 0
                for issue in archive.issues {
                    if issue.date.year == year { hash.combine(issue.date) }
                    // Which other years have issues (上一年/下一年).
                    if issue.date.year != lastYear {
                        hash.combine(issue.date.year)
                        lastYear = issue.date.year
                    }
                }
            case .month(let year, let month):
                combineMonth(year: year, month: month, template: kind.template, into: &hash)
            case .notFound:
                hash.combine("404")
                hash.combine(archive.latestIssue?.date)
            case .search:
                hash.combine("search")
            }
        }
    }

    /// The issue whose pages a view lists (版面导航), if any.
    private func issue(of kind: PageKind) -> Int? {
        switch kind {
        case .article(let index): return archive.locations[index].issue
        case .page(let issue, _), .issue(let issue): return issue
        case .home: return archive.issues.indices.last
        case .archiveIndex, .archiveYear, .month, .notFound, .search: return nil
        }
    }

    /// The month's issues as the issue view's header shows them (date, pages, 上一期/下一期, and
    /// counts and scans when shown), and which months around it have issues (上一月/下一月).
    private func combineMonth(year: Int, month: Int, template: String, into hash: inout StableHash) {
        hash.combine("month")
        hash.combine(year)
        hash.combine(month)
        var before: IssueDate?
        var after: IssueDate?
        for (index, issue) in archive.issues.enumerated() {
            let date = issue.date
            guard date.year == year && date.month == month else {
                if (date.year, date.month) < (year, month) { before = date } else if after == nil { after = date }
                continue
            }
            hash.combine(pageLists[index])
            if templatesShowCounts[template] == true { hash.combine(pageCounts[index]) }
            if issueMedia[index] != Self.noMedia { hash.combine(issueMedia[index]) }
            for other in [archive.previousIssue(before: index), archive.nextIssue(after: index)] {
                hash.combine(other.map { archive.issues[$0].date })
            }
        }
        // Only the neighbouring months count, not their days: 上一月/下一月 link to months.
        for neighbour in [before, after] {
            hash.combine(neighbour?.year ?? 0)
            hash.combine(neighbour?.month ?? 0)
        }
    }

    private func combinePage(issue: Int, page: Int, isHome: Bool, into hash: inout StableHash) {
        hash.combine(isHome ? "home" : "page")
        hash.combine(pageLists[issue])
        hash.combine(page)
        hash.combine(entries[issue][page])
        hash.combine(leads[issue][page])
        if isHome { entries[issue].forEach { hash.combine($0) } }  // 本期要目
    }
}
