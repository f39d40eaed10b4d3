/// The whole archive, arranged as the paper is: issue (date) → page (版次 + 版名) → article.
///
/// Built once per build from the loaded Content (see `Archive.init(articles:listings:site:)`);
/// everything a page needs to render — 版面导航, 标题导航, 上一篇/下一篇, 上一版/下一版,
/// 上一期/下一期 — is an index lookup here, so no page ever scans the archive.
public struct Archive: Sendable {
    public let site: SiteConfig
    /// Oldest first.
    public let issues: [Issue]
    /// Every article in reading order: by issue, then page order within the issue, then position.
    public let articles: [Article]

    public struct Issue: Sendable {
        public let date: IssueDate
        /// In printed order (issue.yml first, then pages only articles mention, by 版次).
        public let pages: [Page]
        /// This issue's articles, as indices into `Archive.articles`.
        public let articleRange: Range<Int>
    }

    public struct Page: Sendable {
        public let label: PageLabel
        /// 版名 (要闻), from issue.yml or the articles' `page_name`.
        public let name: String?
        /// The page's 标题导航: every title on the page in printed order.
        public let entries: [Entry]
        /// This page's articles, as indices into `Archive.articles`.
        public let articleRange: Range<Int>
        /// Where the articles lie on the page's scan (issue.yml's `zones:`).
        public var zones: [IssueListing.Zone] = []

        /// 第3版:要闻 (or 第3版 when the name is unknown).
        public var heading: String {
            guard let name, !name.isEmpty else { return label.chineseName }
            return "\(label.chineseName):\(name)"
        }
    }

    /// One title on a page: an archived article, or a title known only from issue.yml.
    public struct Entry: Sendable {
        public let position: Int
        public let title: String
        /// Index into `Archive.articles`, nil when the article is not archived.
        public let article: Int?
    }

    /// Where an article sits: its issue and page, by index.
    public struct Location: Sendable, Hashable {
        public let issue: Int
        public let page: Int
    }

    /// For each article (same index as `articles`), its issue and page.
    public let locations: [Location]

    public var latestIssue: Issue? { issues.last }

    /// Scans, PDFs and photos (empty for an archive of text only).
    public var media = SiteMedia()
}
