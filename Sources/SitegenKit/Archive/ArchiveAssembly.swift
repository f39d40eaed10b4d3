extension Archive {
    /// Arranges loaded articles and issue listings into the archive, in O(n log n) for the sort
    /// and O(n) for everything else.
    ///
    /// Callers have already checked that no two articles share a slot (see `ContentLoader`).
    public init(articles unsorted: [Article], listings: [IssueListing], site: SiteConfig) {
        self.site = site
        let listingByDate = Dictionary(listings.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        // Arranged by index: an article is copied once, into its place (a copy retains each of its texts).
        let articlesByDate = Dictionary(grouping: unsorted.indices, by: { unsorted[$0].date })
        let dates = Set(articlesByDate.keys).union(listingByDate.keys).sorted()

        var issues: [Issue] = []
        var articles: [Article] = []
        var locations: [Location] = []
        issues.reserveCapacity(dates.count)
        articles.reserveCapacity(unsorted.count)
        locations.reserveCapacity(unsorted.count)

        for date in dates {
            let issueStart = articles.count
            let listing = listingByDate[date]
            let byPage = Dictionary(grouping: articlesByDate[date] ?? [], by: { unsorted[$0].page })
            var pages: [Page] = []
            for label in Self.pageOrder(listing: listing, articlePages: byPage.keys) {
                let listed = listing?.pages.first { $0.page == label }
                let pageStart = articles.count
                for index in (byPage[label] ?? []).sorted(by: { unsorted[$0].order < unsorted[$1].order }) {
                    articles.append(unsorted[index])
                    locations.append(Location(issue: issues.count, page: pages.count))
                }
                let pageArticles = articles[pageStart...]
                let name =
                    Self.nonEmpty(listed?.name) ?? pageArticles.lazy.compactMap { Self.nonEmpty($0.pageName) }.first
                pages.append(
                    Page(
                        label: label, name: name,
                        entries: Self.entries(titles: listed?.titles ?? [], articles: pageArticles),
                        articleRange: pageStart..<articles.count, zones: listed?.zones ?? []))
            }
            issues.append(Issue(date: date, pages: pages, articleRange: issueStart..<articles.count))
        }
        self.issues = issues
        self.articles = articles
        self.locations = locations
    }

    /// Printed order: as issue.yml lists them, then pages only articles mention, by 版次.
    static func pageOrder(listing: IssueListing?, articlePages: some Sequence<PageLabel>) -> [PageLabel] {
        var order: [PageLabel] = []
        var seen = Set<PageLabel>()
        for page in listing?.pages ?? [] where seen.insert(page.page).inserted {
            order.append(page.page)
        }
        order += articlePages.filter { !seen.contains($0) }.sorted()
        return order
    }

    /// The 标题导航: position N shows the archived article at N when there is one (its own title
    /// wins: issue.yml may hold a shortened one), otherwise issue.yml's title N as plain text.
    /// `articles`: the page's, in order, as a slice of the archive's (their indices are the archive's).
    static func entries(titles: [String], articles: ArraySlice<Article>) -> [Entry] {
        let lastPosition = max(titles.count, articles.last?.order ?? 0)
        // By position, in a list: a dictionary per page was most of the assembly's time.
        var indexAtPosition = [Int?](repeating: nil, count: lastPosition + 1)
        for index in articles.indices where articles[index].order >= 1 {
            indexAtPosition[articles[index].order] = index  // at most lastPosition: the page's last is its highest
        }
        return (0..<lastPosition).compactMap { offset in
            let position = offset + 1
            if let index = indexAtPosition[position] {
                return Entry(position: position, title: articles[index].title, article: index)
            }
            return offset < titles.count ? Entry(position: position, title: titles[offset], article: nil) : nil
        }
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

// MARK: - Navigation

extension Archive {
    /// 上一篇: the previous article in the same issue (across pages), if any.
    public func previousArticle(before index: Int) -> Int? {
        let range = issues[locations[index].issue].articleRange
        return index > range.lowerBound ? index - 1 : nil
    }

    /// 下一篇: the next article in the same issue (across pages), if any.
    public func nextArticle(after index: Int) -> Int? {
        let range = issues[locations[index].issue].articleRange
        return index + 1 < range.upperBound ? index + 1 : nil
    }

    /// 上一版 within the issue.
    public func previousPage(issue: Int, page: Int) -> Int? {
        page > 0 ? page - 1 : nil
    }

    /// 下一版 within the issue.
    public func nextPage(issue: Int, page: Int) -> Int? {
        page + 1 < issues[issue].pages.count ? page + 1 : nil
    }

    /// 上一期
    public func previousIssue(before issue: Int) -> Int? { issue > 0 ? issue - 1 : nil }
    /// 下一期
    public func nextIssue(after issue: Int) -> Int? { issue + 1 < issues.count ? issue + 1 : nil }

    /// 历史上的今天: the issues of the same month and day in earlier years, newest first.
    /// (29 February matches only leap years' 29 February.)
    public func sameDayIssues(before issue: Int) -> [Int] {
        let date = issues[issue].date
        return issues.indices[..<issue].reversed().filter {
            issues[$0].date.month == date.month && issues[$0].date.day == date.day && issues[$0].date.year < date.year
        }
    }
}
