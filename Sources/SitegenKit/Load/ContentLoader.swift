import Foundation

/// Everything `Content/` holds, read and checked: articles, issue listings and site settings.
public struct LoadedContent: Sendable {
    public var articles: [Article]
    public var listings: [IssueListing]
    public var site: SiteConfig
    /// Scans, PDFs and photos lying in page folders (`MediaName`), by path.
    var media: [MediaFile] = []
    /// What the next build may reuse: every article read, by path and file stamp.
    var cache = ContentCache()
    /// False when every article came from the cache given to the loader and none went away.
    var cacheChanged = true
    /// The source paths of the articles read from their files rather than taken from that cache.
    var articlesRead: [String] = []
}

/// Reads the Content folder: `site.yml`, `YYYY/MM/DD/issue.yml` and `**/*.md` articles.
///
/// Folders whose names start with `_` or `.` (such as `_inbox/`) are not content. Every broken
/// file is reported at once, each with its path and line.
public struct ContentLoader: Sendable {
    public let root: URL
    /// How paths are shown in messages (`Content/2018/…`), usually the folder as the user typed it.
    public let displayRoot: String

    /// Articles from an earlier build, reused when their file's stamp is unchanged. A loader is
    /// used once (`load` consumes it): the cache it was given becomes the one it returns, updated
    /// in place rather than copied, so the caller should hand over its only reference.
    private(set) var cache: ContentCache?
    /// The folder as the build already walked it (else the loader walks it).
    let scan: ContentScan?

    public init(root: URL, displayRoot: String? = nil) {
        self.init(root: root, displayRoot: displayRoot, cache: nil)
    }

    init(root: URL, displayRoot: String?, cache: ContentCache?, scan: ContentScan? = nil) {
        self.root = root.standardizedFileURL
        self.displayRoot = displayRoot ?? root.path
        self.cache = cache
        self.scan = scan
    }

    public consuming func load() throws(SitegenErrors) -> LoadedContent {
        let (content, problems) = loadReportingProblems()
        guard problems.isEmpty else { throw SitegenErrors(problems) }
        return content
    }

    /// Everything readable, plus every problem: what `sitegen check` looks at even when the build
    /// would refuse the folder. Of two articles claiming one slot, only the first is kept.
    public consuming func loadReportingProblems() -> (content: LoadedContent, problems: [SitegenError]) {
        let scan: ContentScan
        do {
            scan = try self.scan ?? ContentScan(root: root)
        } catch {
            return (
                LoadedContent(articles: [], listings: [], site: SiteConfig()),
                [
                    SitegenError(
                        path: displayRoot, "cannot read the Content folder: \(error.localizedDescription)",
                        fix: "pass the folder with --content, or create it")
                ]
            )
        }
        let files = scan.files
        var errors = files.problems.map { $0.located(in: display($0.path ?? "")) }
        let site = readSiteConfig(files, errors: &errors)
        let results = readArticles(scan)
        var loaded = LoadedArticles(results, cache: cache, errors: &errors)
        let listings = readListings(files, errors: &errors)
        errors += removeClashes(from: &loaded)
        let unchanged = loaded.noneGone && loaded.read.isEmpty
        return (
            LoadedContent(
                articles: loaded.articles, listings: listings, site: site, media: files.media,
                cache: Self.updatedCache(cache.take(), loaded, results), cacheChanged: !unchanged,
                articlesRead: loaded.read.map(\.article.sourcePath)), errors
        )
    }

    private func readSiteConfig(_ files: ContentFiles, errors: inout [SitegenError]) -> SiteConfig {
        guard let siteFile = files.siteConfig else { return SiteConfig() }
        do {
            return try SiteConfigReader.read(
                text: try TextFile.read(siteFile, displayPath: display("site.yml")),
                path: display("site.yml"))
        } catch {
            errors.append(error)
            return SiteConfig()
        }
    }

    /// One result per article file, read on every core: nil for no article, and whether the file
    /// was read (false: taken from the cache, its stamp unchanged).
    private typealias ArticleResult = Result<(ContentCache.Entry, read: Bool)?, SitegenError>

    private func readArticles(_ scan: ContentScan) -> [ArticleResult] {
        let files = scan.files
        let rootPath = root.path + "/"
        return parallelMap(Array(files.articles.indices)) { index -> ArticleResult in
            let relative = files.articles[index]
            let stamp = scan.articleStamps[index]
            if let stamp, let cached = cache?.entries[relative], cached.stamp == stamp {
                return .success((cached, false))
            }
            let path = display(relative)
            return Result { () throws(SitegenError) -> (ContentCache.Entry, read: Bool)? in
                let text = try TextFile.read(path: rootPath + relative, displayPath: path)
                var article = try ArticleReader.read(text: text, path: path)
                try Self.checkPlacement(of: article, at: relative, displayPath: path)
                article.sourcePath = relative
                // Keep what was learnt, not the text: the body is read again when a page shows
                // it, so memory does not grow with the archive's text (100,000 articles).
                let kept = Article(metadataOf: article, bodyIn: rootPath + relative, bodyDigest: article.bodyDigest)
                return (
                    ContentCache.Entry(stamp: stamp ?? .init(size: -1, modified: -1, inode: -1), article: kept), true
                )
            }
        }
    }

    /// The articles loaded, those read now (not from the cache), and whether every cached file is
    /// still there.
    private struct LoadedArticles {
        var articles: [Article] = []
        var read: [ContentCache.Entry] = []
        let noneGone: Bool

        init(_ results: [ArticleResult], cache: ContentCache?, errors: inout [SitegenError]) {
            var cachedPathsSeen = 0
            articles.reserveCapacity(results.count)
            for result in results {
                switch result {
                case .success(let (entry, wasRead)?):
                    articles.append(entry.article)
                    if wasRead { read.append(entry) }
                    if !wasRead || cache?.entries[entry.article.sourcePath] != nil { cachedPathsSeen += 1 }
                case .success(nil): break
                case .failure(let error): errors.append(error)
                }
            }
            noneGone = cache.map { cachedPathsSeen == $0.entries.count } ?? false
        }
    }

    /// Every cached file still there: the cache is updated with what was read, not made anew.
    private static func updatedCache(
        _ cache: consuming ContentCache?, _ loaded: LoadedArticles, _ results: [ArticleResult]
    ) -> ContentCache {
        guard loaded.noneGone, var updated = cache.take() else {
            var fresh = ContentCache()
            for case .success(let (entry, _)?) in results { fresh.entries[entry.article.sourcePath] = entry }
            return fresh
        }
        for entry in loaded.read { updated.entries[entry.article.sourcePath] = entry }
        return updated
    }

    private func readListings(_ files: ContentFiles, errors: inout [SitegenError]) -> [IssueListing] {
        var listings: [IssueListing] = []
        for (relative, date) in files.listings {
            let path = display(relative)
            do {
                let text = try TextFile.read(root.appendingPathComponent(relative), displayPath: path)
                listings.append(try IssueListingReader.read(text: text, path: path, date: date))
            } catch {
                errors.append(error)
            }
        }
        return listings
    }

    /// Of two articles claiming one place, the second is reported and left out. The cache holds only
    /// what a successful build loaded, so articles taken from it do not clash with one another: a
    /// clash involves an article read now.
    private func removeClashes(from loaded: inout LoadedArticles) -> [SitegenError] {
        let clashes: [(Article, Article)]
        if loaded.read.isEmpty {
            clashes = []
        } else if loaded.read.count == loaded.articles.count {
            clashes = Self.slotClashes(loaded.articles)
        } else if loaded.read.count <= 8 {
            // An edit: the few slots compared directly, not hashed for each of the archive's articles.
            let slots = loaded.read.map(\.article.slot)
            clashes = Self.slotClashes(loaded.articles.filter { slots.contains($0.slot) })
        } else {
            let slots = Set(loaded.read.map(\.article.slot))
            clashes = Self.slotClashes(loaded.articles.filter { slots.contains($0.slot) })
        }
        guard !clashes.isEmpty else { return [] }
        let second = Set(clashes.map(\.1.sourcePath))
        loaded.articles.removeAll { second.contains($0.sourcePath) }
        return clashes.map { clash in
            SitegenError(
                path: display(clash.1.sourcePath),
                "claims the same place as \(display(clash.0.sourcePath)): \(clash.1.slot)",
                fix: "give one of them another `position` (or page, or date); each position on a page holds one article"
            )
        }
    }

    func display(_ relative: String) -> String {
        SiteFolder(root, display: displayRoot).display(relative)
    }

    /// An article lying at a `YYYY/MM/DD/<page>/<NN>.md` path must say the same in its front
    /// matter; elsewhere (an editor's own folders) the front matter alone places it.
    static func checkPlacement(of article: Article, at relative: String, displayPath: String) throws(SitegenError) {
        guard let place = ArchivePath(relative, in: .content), place.kind == .article else { return }
        var disagreements: [String] = []
        if place.date != article.date { disagreements.append("date \(article.date.iso)") }
        if let page = place.page, page != article.page { disagreements.append("page \(article.page)") }
        if let position = place.position, position != article.order { disagreements.append("order \(article.order)") }
        guard !disagreements.isEmpty else { return }
        throw SitegenError(
            path: displayPath, line: 1,
            "front matter says \(disagreements.joined(separator: ", ")) but the file lies at \(relative)",
            fix: "move the file to \(article.slot.contentPath), or correct the front matter")
    }

    /// Pairs of articles claiming one date/page/order, the later path second. `articles` come in
    /// path order, as the scan lists them.
    static func slotClashes(_ articles: [Article]) -> [(Article, Article)] {
        var owner: [Article.Slot: Int] = [:]
        owner.reserveCapacity(articles.count)
        var clashes: [(Article, Article)] = []
        for (index, article) in articles.enumerated() {
            if let first = owner[article.slot] {
                clashes.append((articles[first], article))
            } else {
                owner[article.slot] = index
            }
        }
        return clashes
    }
}

/// The Content folder as one walk found it, with every article's stamp. The build's input check
/// (`InputDigest`) and the loader both need it, so a build walks and stats the folder once.
struct ContentScan: Sendable {
    let files: ContentFiles
    /// The stamp of `files.articles[i]`, nil when it cannot be read.
    let articleStamps: [ContentCache.Stamp?]

    init(root: URL) throws {
        (files, articleStamps) = try ContentFiles.scan(root: root)
    }
}

/// The files of a Content folder, by kind, as paths relative to it (sorted, so builds are deterministic).
struct ContentFiles: Sendable {
    var articles: [String] = []
    var listings: [(String, IssueDate)] = []
    var siteConfig: URL?
    /// Scans, PDFs and photos in page folders, with their stamps.
    var media: [MediaFile] = []
    /// Files that are in the wrong place (a link out of Content, an issue.yml outside a date folder).
    var problems: [SitegenError] = []

    /// The files, and each article's stamp (`files.articles[i]`'s, nil when it cannot be read).
    static func scan(root: URL) throws -> (files: ContentFiles, stamps: [ContentCache.Stamp?]) {
        guard FileIO.isFolder(root.path) else { throw CocoaError(.fileNoSuchFile) }
        let walk = ScanPart.Walk(root: root, rootPath: root.resolvingSymlinksInPath().path)
        // readdir, not FileManager's enumerator, a year folder per core, and each file's stamp
        // read as the walk passes it: this runs on every build, and with an unchanged archive it
        // is most of the build.
        let parts = FileIO.walkInParallel(root.path, statFiles: true, part: { ScanPart() }) {
            part, relative, name, kind, status in
            part.take(relative, name: name, kind: kind, status: status, in: walk)
        }
        return merged(parts)
    }

    /// The parts' files in one list of each kind, sorted by path.
    private static func merged(_ parts: [ScanPart]) -> (files: ContentFiles, stamps: [ContentCache.Stamp?]) {
        var files = ContentFiles()
        var articles: [(path: String, stamp: ContentCache.Stamp?)] = []
        for part in parts {
            articles += zip(part.files.articles, part.stamps).map { ($0, $1) }
            files.listings += part.files.listings
            files.problems += part.files.problems
            files.media += part.files.media
            files.siteConfig = files.siteConfig ?? part.files.siteConfig
        }
        // The walk lists each folder in name order, so this is mostly a check.
        if zip(articles, articles.dropFirst()).contains(where: { !($0.path < $1.path) }) {
            articles.sort { $0.path < $1.path }
        }
        files.articles = articles.map(\.path)
        files.listings.sort { $0.0 < $1.0 }
        files.media.sort { $0.relative < $1.relative }
        return (files, articles.map(\.stamp))
    }
}

/// What one core's share of the Content walk found.
private struct ScanPart: Sendable {
    var files = ContentFiles()
    var stamps: [ContentCache.Stamp?] = []

    struct Walk: Sendable {
        let root: URL
        /// The Content folder with its links resolved: a link must lead below it.
        let rootPath: String

        /// A file's stamp: from the walk's `stat`, or, for a link, of what it leads to.
        func stamp(_ relative: String, _ status: stat?) -> ContentCache.Stamp? {
            status.map(ContentCache.Stamp.init(status:)) ?? ContentCache.Stamp(path: root.path + "/" + relative)
        }
    }

    /// Files one entry of the walk, by kind. True for a folder to walk into.
    mutating func take(
        _ relative: String, name: String, kind: FileIO.EntryKind, status: stat?, in walk: Walk
    ) -> Bool {
        if name.hasPrefix(".") || name.hasPrefix("_") { return false }
        if kind == .link {
            let target = URL(fileURLWithPath: walk.root.path + "/" + relative).resolvingSymlinksInPath().path
            guard target.hasPrefix(walk.rootPath + "/") else {
                files.problems.append(
                    SitegenError(
                        path: relative, "is a link to \(target), outside the Content folder",
                        fix: "copy the file into Content instead of linking to it"))
                return false
            }
        }
        if kind == .folder { return true }
        if name.hasSuffix(".md") {
            files.articles.append(relative)
            stamps.append(walk.stamp(relative, status))
        } else if name == "issue.yml" {
            if let place = ArchivePath(relative, in: .content), place.kind == .issue, let date = place.date {
                files.listings.append((relative, date))
            } else {
                files.problems.append(
                    SitegenError(
                        path: relative, "is not in an issue's folder",
                        fix: "put issue.yml in the folder of its date, Content/YYYY/MM/DD/issue.yml"))
            }
        } else if relative == "site.yml" {
            files.siteConfig = walk.root.appendingPathComponent(relative)
        } else if MediaName(name) != nil, let file = MediaFile(relative: relative, stamp: walk.stamp(relative, status))
        {
            files.media.append(file)
        }
        return false
    }
}
