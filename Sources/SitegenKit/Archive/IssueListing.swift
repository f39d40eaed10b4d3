/// What `Content/YYYY/MM/DD/issue.yml` says about an issue: its pages in printed order, each with
/// its 版名 and, optionally, the page's 标题导航 as printed. It lets the site show the whole issue
/// even when only some of its articles are archived.
public struct IssueListing: Sendable, Equatable {
    /// The highest position on a page (and the longest title list). Every article page shows its
    /// page's whole 标题导航, so a page's output grows with the square of its titles: 999 keeps
    /// a hostile page bounded (about 100 MB), and no printed page comes near it.
    public static let maximumPosition = 999

    public var date: IssueDate
    public var pages: [ListedPage]
    public var sourcePath: String

    public init(date: IssueDate, pages: [ListedPage], sourcePath: String) {
        self.date = date
        self.pages = pages
        self.sourcePath = sourcePath
    }

    public struct ListedPage: Sendable, Equatable {
        public var page: PageLabel
        public var name: String?
        /// Titles in printed order; position N on the page is `titles[N-1]`.
        public var titles: [String]
        /// Line of the page's entry in issue.yml, for messages.
        public var line: Int?
        /// Where each article lies on the page's scan (`zones:`), in the scan's pixels.
        public var zones: [Zone]

        public init(page: PageLabel, name: String? = nil, titles: [String] = [], line: Int? = nil, zones: [Zone] = []) {
            self.page = page
            self.name = name
            self.titles = titles
            self.line = line
            self.zones = zones
        }
    }

    /// A region of a page's scan that opens the article at `article` (its position on the page).
    /// A rectangle is kept as its four corners; one article may have several zones.
    public struct Zone: Sendable, Equatable, Hashable {
        public var article: Int
        /// The polygon's corners, x then y, in the scan's pixels.
        public var points: [Point]
        /// Line of the zone in issue.yml, for messages.
        public var line: Int?

        public init(article: Int, points: [Point], line: Int? = nil) {
            self.article = article
            self.points = points
            self.line = line
        }

        /// SVG's `points` attribute: `10,20 300,20 300,400`.
        public var svgPoints: String { points.map { "\($0.x),\($0.y)" }.joined(separator: " ") }
    }

    public struct Point: Sendable, Equatable, Hashable {
        public var x: Int
        public var y: Int
        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }
}
