/// Where every kind of output lives, relative to the site root. The permanent URL scheme of the
/// archive: change nothing here without redirects.
enum Paths {
    /// 2018/07/19/03/05.html
    static func article(_ slot: Article.Slot) -> String { slot.path }
    /// 2018/07/19/03/index.html — served as /2018/07/19/03/
    static func page(_ date: IssueDate, _ page: PageLabel) -> String { ArchivePath.pageFile(date, page) }
    /// 2018/07/19/index.html — served as /2018/07/19/
    static func issue(_ date: IssueDate) -> String { ArchivePath.issueFile(date, in: .site) }
    static let home = "index.html"
    static let archive = "archive/index.html"
    static func archiveYear(_ year: Int) -> String { "archive/\(year)/index.html" }
    /// 2018/07/index.html — served as /2018/07/, the folder above its issues
    static func month(_ year: Int, _ month: Int) -> String {
        "\(ArchivePath.padded(year, 4))/\(ArchivePath.padded(month))/index.html"
    }
    /// search/index.html — served as /search/; its index lies beside it (`SearchIndexLayout`).
    static let search = "search/index.html"
    static let notFound = "404.html"
    static let feed = "feed.xml"
    static let sitemap = "sitemap.xml"
    static func sitemapPart(_ number: Int) -> String { "sitemap-\(number).xml" }
    static let robots = "robots.txt"

    /// `../` once per folder in `path`: the way back to the root from that file.
    static func root(from path: String) -> String {
        // Counted in UTF-8, and made once per depth: every page's fingerprint needs its root.
        var path = path
        let depth = path.withUTF8 { bytes in bytes.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }
        return depth < roots.count ? roots[depth] : String(repeating: "../", count: depth)
    }

    /// `root(from:)` for the site's usual depths (an article is four folders down).
    private static let roots = (0..<8).map { String(repeating: "../", count: $0) }

    /// The public, permanent address: `index.html` dropped, as a server serves folders.
    static func url(_ path: String, base: String) -> String {
        base + servedPath(path)
    }

    /// The path a page is served at: `2018/07/19/` for `2018/07/19/index.html`.
    static func servedPath(_ path: String) -> String {
        path.utf8.reversed().starts(with: "index.html".utf8.reversed())
            ? String(path.dropLast("index.html".count)) : path
    }
}

extension Paths {
    /// The path part of the base URL (`/` or `/archive/dqrb/`), for links that must not be relative.
    static func rootPath(of baseURL: String) -> String {
        guard let scheme = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[scheme.upperBound...].drop { $0 != "/" }
        return afterHost.isEmpty ? "/" : String(afterHost)
    }
}
