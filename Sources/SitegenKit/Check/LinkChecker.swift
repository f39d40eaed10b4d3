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
        pages.flatMap { page -> [DeadLink] in
            guard page.readable else { return [DeadLink(page: page.path, href: "(page is not UTF-8)")] }
            return page.links.compactMap { link in
                guard let target = link.target, !exists(target) else { return nil }
                return DeadLink(page: page.path, href: link.href, line: link.line)
            }
        }
    }

    /// Every HTML file of the site with its links, read once, on every core.
    public func pages() throws -> [Page] {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".html") }.sorted()
        return parallelMap(paths) { path in
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
                  let html = String(validating: data, as: UTF8.self) else {
                return Page(path: path, links: [], pager: [:], readable: false)
            }
            let links = Self.links(in: html).map { Link(href: $0.href, line: $0.line, target: resolve($0.href, from: path)) }
            var pager: Pager = [:]
            for anchor in Self.anchors(in: html) {
                let text = anchor.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if let label = Self.pagerLabels.first(where: { text.hasPrefix($0) }) {
                    pager[label] = Link(href: anchor.href, line: anchor.line, target: resolve(anchor.href, from: path))
                }
            }
            return Page(path: path, links: links, pager: pager, readable: true)
        }
    }

    /// The values of `href="…"` and `src="…"` attributes.
    static func links(in html: String) -> [(href: String, line: Int)] {
        var links: [(String, Int)] = []
        for attribute in [" href=\"", " src=\""] {
            var lines = LineCounter(html)
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                links.append((unescaped(rest[..<end]), lines.line(at: start.lowerBound)))
                rest = rest[end...]
            }
        }
        return links
    }

    /// `<a … href="…">text` for every anchor: the text up to the next tag is enough for the pager
    /// labels, which open the link's text.
    static func anchors(in html: String) -> [(href: String, text: Substring, line: Int)] {
        var anchors: [(String, Substring, Int)] = []
        var lines = LineCounter(html)
        var rest = html[...]
        while let start = rest.range(of: "<a ") {
            guard let close = rest[start.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[start.upperBound..<close]
            let textEnd = rest[close...].firstIndex(of: "<") ?? rest.endIndex
            if let href = tag.range(of: "href=\""), let end = tag[href.upperBound...].firstIndex(of: "\"") {
                anchors.append((unescaped(tag[href.upperBound..<end]), rest[rest.index(after: close)..<textEnd],
                                lines.line(at: start.lowerBound)))
            }
            rest = rest[close...]
        }
        return anchors
    }

    static func unescaped(_ value: Substring) -> String {
        String(value).replacingOccurrences(of: "&amp;", with: "&")
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
        return target.hasSuffix("/") || resolved.isEmpty ? resolved + (resolved.isEmpty ? "" : "/") + "index.html" : resolved
    }

    func exists(_ relative: String) -> Bool {
        var isFolder: ObjCBool = false
        let path = root.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return false }
        return !isFolder.boolValue || FileManager.default.fileExists(atPath: path + "/index.html")
    }
}

/// Line numbers of positions in a text, for positions visited in increasing order.
struct LineCounter {
    private let text: String
    private var position: String.Index
    private var line = 1

    init(_ text: String) {
        self.text = text
        position = text.startIndex
    }

    mutating func line(at index: String.Index) -> Int {
        if index < position { position = text.startIndex; line = 1 }
        line += text.utf8[position..<index].count { $0 == UInt8(ascii: "\n") }
        position = index
        return line
    }
}
