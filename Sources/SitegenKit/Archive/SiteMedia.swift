/// The scans, PDFs and photos of the archive, as the site publishes them (see `MediaStage`).
public struct SiteMedia: Sendable {
    /// One published image (or PDF, without a size), at `path` relative to the site root.
    public struct Image: Sendable, Hashable {
        public let path: String
        public let width: Int
        public let height: Int
        /// Identifies the published file's bytes.
        public let fingerprint: UInt64
    }

    /// A page's scan: its size in the scan's own pixels (the zones' coordinates), and the copies shown.
    public struct Scan: Sendable, Hashable {
        public let width: Int
        public let height: Int
        public let display: Image
        public let thumbnail: Image
    }

    public struct PageKey: Hashable, Sendable {
        public let date: IssueDate
        public let page: PageLabel
    }

    public struct PageMedia: Sendable, Hashable {
        public var scan: Scan?
        public var pdf: Image?
    }

    /// A file of the site copied from the store or from Content.
    struct File: Sendable {
        let path: String
        let source: String
        let fingerprint: UInt64
    }

    public var pages: [PageKey: PageMedia] = [:]
    /// An article's photos, in order (photo K is captioned by `captions[K-1]`).
    public var photos: [Article.Slot: [Image]] = [:]
    var files: [File] = []

    public init() {}

    public func page(_ date: IssueDate, _ page: PageLabel) -> PageMedia? { pages[PageKey(date: date, page: page)] }

    /// A digest of everything a page's media shows.
    func digest(of date: IssueDate, _ page: PageLabel) -> UInt64 {
        guard let media = self.page(date, page) else { return 0 }
        return StableHash.of { hash in
            hash.combine(media.scan?.display.fingerprint ?? 0)
            hash.combine(media.scan?.thumbnail.fingerprint ?? 0)
            hash.combine(media.scan?.width ?? 0)
            hash.combine(media.scan?.height ?? 0)
            hash.combine(media.pdf?.fingerprint ?? 0)
        }
    }
}
