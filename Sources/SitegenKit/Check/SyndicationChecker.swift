import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The machine-readable files of a built site: the sitemap (or sitemap index and its parts) and
/// the Atom feed must be well-formed XML, and every address they list must be a file of the site.
struct SyndicationChecker {
    let root: URL
    let displayRoot: String
    /// The site's address (`https://example.org/news/`), from robots.txt; nil when unknown.
    let baseURL: String?

    /// The base URL a build wrote into robots.txt (`Sitemap: <base>sitemap.xml`).
    static func baseURL(of root: URL) -> String? {
        guard let robots = try? String(contentsOf: root.appendingPathComponent(Paths.robots), encoding: .utf8) else {
            return nil
        }
        for line in robots.split(separator: "\n") where line.hasPrefix("Sitemap: ") && line.hasSuffix(Paths.sitemap) {
            return String(line.dropFirst("Sitemap: ".count).dropLast(Paths.sitemap.count))
        }
        return nil
    }

    func findings() -> [Finding] {
        var findings: [Finding] = []
        let sitemap = check(Paths.sitemap, code: .invalidSitemap, root: ["urlset", "sitemapindex"], into: &findings)
        if let sitemap, sitemap.first?.name == "sitemapindex" {
            for part in sitemap where part.name == "loc" {
                guard let file = file(for: part.text) else { continue }
                _ = check(file, code: .invalidSitemap, root: ["urlset"], into: &findings)
            }
        }
        _ = check(Paths.feed, code: .invalidFeed, root: ["feed"], into: &findings)
        return findings
    }

    /// Parses one XML file, checks its root element and that each address it lists is a file.
    private func check(_ relative: String, code: CheckCode, root names: [String], into findings: inout [Finding])
        -> [XMLOutline.Element]?
    {
        let path = SiteFolder(root, display: displayRoot).display(relative)
        let fix = "rebuild the site with `sitegen build`"
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) else {
            findings.append(Finding(code, path: path, "is missing", fix: fix))
            return nil
        }
        let elements: [XMLOutline.Element]
        switch XMLOutline.parse(data) {
        case .failure(let problem):
            findings.append(
                Finding(code, path: path, line: problem.line, "is not well-formed XML: \(problem.message)", fix: fix))
            return nil
        case .success(let parsed):
            elements = parsed
        }
        guard let first = elements.first, names.contains(first.name) else {
            findings.append(
                Finding(
                    code, path: path, line: 1,
                    "starts with <\(elements.first?.name ?? "")>, not <\(names.joined(separator: "> or <"))>", fix: fix)
            )
            return nil
        }
        let addresses = elements.compactMap { element -> (String, Int)? in
            switch element.name {
            case "loc": return (element.text, element.line)
            case "link" where element.attributes["rel", default: "alternate"] == "alternate":
                return element.attributes["href"].map { ($0, element.line) }
            default: return nil
            }
        }
        for (address, line) in addresses where file(for: address).map(exists) != true {
            findings.append(
                Finding(
                    code, path: path, line: line,
                    baseURL.map { address.hasPrefix($0) } == false
                        ? "lists \(address), which is not under the site's address \(baseURL!)"
                        : "lists \(address), but the site has no such page",
                    fix: fix))
        }
        return elements
    }

    /// The site file an absolute address names (`…/2018/07/19/` is `2018/07/19/index.html`).
    func file(for address: String) -> String? {
        var relative: Substring
        if let baseURL {
            guard address.hasPrefix(baseURL) else { return nil }
            relative = address.dropFirst(baseURL.count)
        } else {
            // No robots.txt: take the address's path as the site's.
            guard let scheme = address.range(of: "://") else { return nil }
            relative = address[scheme.upperBound...].drop { $0 != "/" }.dropFirst()
        }
        if relative.isEmpty || relative.hasSuffix("/") { return relative + "index.html" }
        return String(relative)
    }

    func exists(_ relative: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(
            atPath: root.appendingPathComponent(relative).path, isDirectory: &isFolder) && !isFolder.boolValue
    }
}

/// A flat list of an XML document's elements (document order) with their attributes and text;
/// enough for sitemaps and feeds. Malformed documents are refused with the line of the fault.
enum XMLOutline {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        var line: Int
    }

    struct Problem: Error {
        var line: Int
        var message: String
    }

    static func parse(_ data: Data) -> Result<[Element], Problem> {
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        let parsed = parser.parse()
        if !parsed || parser.parserError != nil || collector.open != 0 {
            let code = (parser.parserError as NSError?)?.code
            return .failure(
                Problem(line: parser.lineNumber, message: code.map { "parser error \($0)" } ?? "document ends early"))
        }
        return .success(collector.elements)
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [Int] = []
        var open = 0

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            stack.append(elements.count)
            elements.append(Element(name: name, attributes: attributes, line: parser.lineNumber))
            open += 1
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
            open -= 1
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = stack.last { elements[current].text += string }
        }
    }
}
