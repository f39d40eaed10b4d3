import Foundation

/// Finds internal links in a built site that lead nowhere.
///
/// It reads sitegen's own output (well-formed, attributes quoted), so a small attribute scanner is
/// enough here; scraped HTML from elsewhere goes through a real parser in the ingest stage.
public struct LinkChecker: Sendable {
    public struct DeadLink: Sendable, Equatable, CustomStringConvertible {
        /// The page holding the link, relative to the site root.
        public var page: String
        public var href: String
        public var description: String { "\(page): link to \(href) leads nowhere" }
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
        let fileManager = FileManager.default
        let pages = try fileManager.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".html") }.sorted()
        let results = parallelMap(pages) { page -> [DeadLink] in
            guard let html = try? String(contentsOf: root.appendingPathComponent(page), encoding: .utf8) else {
                return [DeadLink(page: page, href: "(page is not UTF-8)")]
            }
            return Self.links(in: html).compactMap { href in
                guard let target = resolve(href, from: page) else { return nil }
                return exists(target) ? nil : DeadLink(page: page, href: href)
            }
        }
        return results.flatMap { $0 }
    }

    /// The values of `href="…"` and `src="…"` attributes.
    static func links(in html: String) -> [String] {
        var links: [String] = []
        for attribute in [" href=\"", " src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                links.append(String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end...]
            }
        }
        return links
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
