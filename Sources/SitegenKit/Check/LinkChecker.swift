import Foundation

/// Reads the links of a built site: dead internal links, and the link graph `SiteChecker` walks
/// for orphans and for the 上一篇/下一篇, 上一版/下一版, 上一期/下一期 chains.
///
/// It reads sitegen's own output (well-formed, attributes quoted), so a small attribute scanner is
/// enough here; scraped HTML from elsewhere goes through a real parser in the ingest stage.
public struct LinkChecker: Sendable {
    public struct DeadLink: Sendable, Equatable, CustomStringConvertible {
        /// The page holding the link, relative to the site root.
        public var page: String
        public var href: String
        /// Line of the link in the page.
        public var line: Int = 1
        public var description: String { "\(page): link to \(href) leads nowhere" }
    }

    /// One `href`/`src` of a page: where it is and the site file it resolves to (nil: off site).
    public struct Link: Sendable {
        public var href: String
        public var line: Int
        public var target: String?
    }

    /// The pager links of a page, by label (上一篇, 下一版, …).
    public typealias Pager = [String: Link]
    public static let pagerLabels = ["上一篇", "下一篇", "上一版", "下一版", "上一期", "下一期"]

    /// What one HTML page links to.
    public struct Page: Sendable {
        public var path: String
        public var links: [Link]
        public var pager: Pager
        /// False when the file is not UTF-8 (its links are then unknown).
        public var readable: Bool
    }

    public let root: URL
    /// The path the site is served under (`/` or `/news/`): absolute links start with it.
    public let basePath: String

    public init(root: URL, basePath: String = "/") {
        self.root = root.standardizedFileURL
        self.basePath = basePath.hasSuffix("/") ? basePath : basePath + "/"
    }

    /// Every `href`/`src` in every HTML file that points inside the site at a missing file.
    public func deadLinks() throws -> [DeadLink] {
        deadLinks(in: try pages())
    }

    public func deadLinks(in pages: [Page]) -> [DeadLink] {
        // One listing of the site answers every link (a stat per link is slow on big sites).
        let entries = Set((try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? [])
        var folders = Set<Substring>()
        for entry in entries {
            var path = Substring(entry)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                guard folders.insert(path).inserted else { break }
            }
        }
        func exists(_ target: String) -> Bool {
            entries.contains(target)
                && (!folders.contains(Substring(target)) || entries.contains(target + "/index.html"))
        }
        return pages.flatMap { page -> [DeadLink] in
            guard page.readable else { return [DeadLink(page: page.path, href: "(page is not UTF-8)")] }
            return page.links.compactMap { link in
                guard let target = link.target, !exists(target) else { return nil }
                return DeadLink(page: page.path, href: link.href, line: link.line)
            }
        }
    }

    /// Every HTML file of the site with its links, read once, on every core. Entries at the top
    /// whose names start with `.` (a deploy repository's `.git`, `.well-known/`) are not the site's.
    public func pages() throws -> [Page] {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path)
            .filter { $0.hasSuffix(".html") && !$0.hasPrefix(".") }.sorted()
        return parallelMap(paths) { path in
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
                let html = String(validating: data, as: UTF8.self)
            else {
                return Page(path: path, links: [], pager: [:], readable: false)
            }
            let scan = Self.scan(html)
            let links = scan.links.map { Link(href: $0.href, line: $0.line, target: resolve($0.href, from: path)) }
            var pager: Pager = [:]
            for anchor in scan.anchors {
                let text = anchor.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if let label = Self.pagerLabels.first(where: { text.hasPrefix($0) }) {
                    pager[label] = Link(href: anchor.href, line: anchor.line, target: resolve(anchor.href, from: path))
                }
            }
            return Page(path: path, links: links, pager: pager, readable: true)
        }
    }

    /// The values of `href="…"`, `src="…"` and `action="…"` attributes.
    static func links(in html: String) -> [(href: String, line: Int)] {
        scan(html).links
    }

    /// One pass over the page's bytes: every `href="…"`/`src="…"` value, and every `<a …>` with
    /// its `href` and the text up to the next tag (enough for the pager labels, which open it).
    static func scan(_ html: String) -> (
        links: [(href: String, line: Int)], anchors: [(href: String, text: String, line: Int)]
    ) {
        var html = html
        return html.withUTF8 { bytes in
            var scan = LinkScan(bytes: bytes)
            scan.run()
            return (scan.links, scan.anchors)
        }
    }

    static func unescaped(_ value: String) -> String {
        value.contains("&amp;") ? value.replacingOccurrences(of: "&amp;", with: "&") : value
    }

    /// The site-relative file a link points at, or nil for links that leave the site.
    func resolve(_ href: String, from page: String) -> String? {
        var target = href
        if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
        if target.isEmpty { return nil }
        if target.contains(":") || target.hasPrefix("//") { return nil }
        if target.hasPrefix("/") {
            guard target.hasPrefix(basePath) || target + "/" == basePath else { return "../" + target }
            target = "/" + target.dropFirst(basePath.count)
        }
        var parts: [Substring] = target.hasPrefix("/") ? [] : page.split(separator: "/").dropLast()
        for component in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if parts.popLast() == nil { return "../" + target }
            default: parts.append(component)
            }
        }
        let resolved = parts.joined(separator: "/")
        return target.hasSuffix("/") || resolved.isEmpty
            ? resolved + (resolved.isEmpty ? "" : "/") + "index.html" : resolved
    }
}

/// One walk over a page's bytes: its links (`href`, `src`, and a form's `action`, which leads to
/// a page too) with their lines, and each `<a>`'s href with the text that follows the tag.
private struct LinkScan {
    let bytes: UnsafeBufferPointer<UInt8>
    var links: [(href: String, line: Int)] = []
    var anchors: [(href: String, text: String, line: Int)] = []
    private var line = 1
    private var index = 0
    /// Inside `<a …>`: its href and line, once seen.
    private var anchorHref: (String, Int)?
    private var inAnchorTag = false

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func run() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1 }
            if byte == UInt8(ascii: "<"), matches("<a ", at: index) {
                inAnchorTag = true
                anchorHref = nil
            } else if byte == UInt8(ascii: ">"), inAnchorTag {
                closeAnchorTag()
            } else if byte == UInt8(ascii: " "), readLinkAttribute() {
                continue
            }
            index += 1
        }
    }

    /// At the `>` of an `<a …>`: the anchor's text runs to the next tag.
    private mutating func closeAnchorTag() {
        inAnchorTag = false
        guard let (href, hrefLine) = anchorHref else { return }
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "<") { end += 1 }
        anchors.append((href, text(index + 1..<end), hrefLine))
    }

    /// At a space: a link attribute's value, recorded, with `index` moved past its closing quote.
    /// False when no link attribute starts here.
    private mutating func readLinkAttribute() -> Bool {
        let start =
            matches(" href=\"", at: index)
            ? index + 7 : matches(" src=\"", at: index) ? index + 6 : matches(" action=\"", at: index) ? index + 9 : nil
        guard let start, let (found, end) = value(from: start) else { return false }
        links.append((found, line))
        if inAnchorTag, matches(" href", at: index) { anchorHref = (found, line) }
        for position in start..<end where bytes[position] == UInt8(ascii: "\n") { line += 1 }
        index = end + 1
        return true
    }

    private func matches(_ pattern: StaticString, at index: Int) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return (0..<count).allSatisfy { bytes[index + $0] == pattern.utf8Start[$0] }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The attribute value starting at `start`, up to the closing quote.
    private func value(from start: Int) -> (String, end: Int)? {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
        return end < bytes.count ? (LinkChecker.unescaped(text(start..<end)), end) : nil
    }
}
