import Foundation

/// `sitegen check` on a built site: dead internal links, pages no link reaches, broken
/// 上一篇/下一篇, 上一版/下一版 and 上一期/下一期 chains, and an invalid sitemap or feed.
public struct SiteChecker: Sendable {
    public let root: URL
    public let displayRoot: String

    public init(root: URL, displayRoot: String? = nil) {
        self.root = root.standardizedFileURL
        self.displayRoot = displayRoot ?? root.path
    }

    public func findings() -> [Finding] {
        let baseURL = SyndicationChecker.baseURL(of: root)
        let links = LinkChecker(root: root, basePath: baseURL.map(Paths.rootPath(of:)) ?? "/")
        let pages: [LinkChecker.Page]
        do {
            pages = try links.pages()
        } catch {
            return [
                Finding(
                    .unreadableSite, path: displayRoot, "cannot be read: \(error.localizedDescription)",
                    fix: "build the site first with `sitegen build`, or pass its folder with --output")
            ]
        }
        var findings = links.deadLinks(in: pages).map { dead in
            Finding(
                .deadLink, path: display(dead.page), line: dead.line, "links to \(dead.href), which does not exist",
                fix: "rebuild the site with `sitegen build`; if it persists, a template writes a wrong path")
        }
        let byPath = Dictionary(pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        findings += orphans(byPath)
        findings += chainProblems(byPath)
        findings += SyndicationChecker(root: root, displayRoot: displayRoot, baseURL: baseURL).findings()
        return findings
    }

    func display(_ relative: String) -> String {
        SiteFolder(root, display: displayRoot).display(relative)
    }

    /// HTML pages that no chain of links from the home page (or the 404 page) reaches.
    func orphans(_ pages: [String: LinkChecker.Page]) -> [Finding] {
        var reached: Set<String> = []
        var queue = [Paths.home, Paths.notFound].filter { pages[$0] != nil }
        reached.formUnion(queue)
        while let path = queue.popLast() {
            for link in pages[path]?.links ?? [] {
                guard let target = follow(link, in: pages), reached.insert(target).inserted else { continue }
                queue.append(target)
            }
        }
        return pages.keys.filter { !reached.contains($0) }.map { path in
            Finding(
                .orphanPage, path: display(path), "no link from the home page leads here",
                fix: "rebuild the site with `sitegen build`; remove the file if it is left over from something else")
        }
    }

    /// The page a link target names (`a/` and `a` are `a/index.html`), or nil when it is not one.
    func page(_ target: String, in pages: [String: LinkChecker.Page]) -> String? {
        if pages[target] != nil { return target }
        let index = (target.hasSuffix("/") ? target : target + "/") + "index.html"
        return pages[index] != nil ? index : nil
    }

    /// Each pager chain must be mutual (B is A's 下一篇 exactly when A is B's 上一篇), stay within
    /// its issue (articles, pages) and go forward; 上一版/下一版 on an article agree with its page's.
    func chainProblems(_ pages: [String: LinkChecker.Page]) -> [Finding] {
        var findings: [Finding] = []
        let chains: [(back: String, forward: String, kind: ArchivePath.Kind)] =
            [("上一篇", "下一篇", .article), ("上一版", "下一版", .page), ("上一期", "下一期", .issue)]
        let fix = "rebuild the site with `sitegen build`; if it persists, check the templates' pager links"
        for (path, page) in pages {
            guard let here = ArchivePath(site: path) else { continue }
            for chain in chains where here.kind == chain.kind || (chain.kind == .page && here.kind == .article) {
                for (label, reverse, forward) in [
                    (chain.forward, chain.back, true), (chain.back, chain.forward, false),
                ] {
                    guard let link = page.pager[label], let target = follow(link, in: pages) else { continue }
                    if here.kind == chain.kind, pages[target].flatMap({ follow($0.pager[reverse], in: pages) }) != path
                    {
                        findings.append(
                            Finding(
                                .brokenChain, path: display(path), line: link.line,
                                "\(label) leads to \(target), whose \(reverse) does not lead back here", fix: fix))
                    }
                    if !(ArchivePath(site: target)?.follows(here, chain: chain.kind, forward: forward) ?? false) {
                        findings.append(
                            Finding(
                                .brokenChain, path: display(path), line: link.line,
                                "\(label) leads to \(target), which is not a \(forward ? "later" : "earlier") \(chain.kind.name)\(chain.kind == .issue ? "" : " of this issue")",
                                fix: fix))
                    }
                }
            }
            // An article's 上一版/下一版 are its page's.
            if here.kind == .article, let pageView = pages[here.folder + "/index.html"] {
                for label in ["上一版", "下一版"]
                where follow(page.pager[label], in: pages) != follow(pageView.pager[label], in: pages) {
                    findings.append(
                        Finding(
                            .brokenChain, path: display(path), line: page.pager[label]?.line,
                            "\(label) differs from the one on \(here.folder)/index.html", fix: fix))
                }
            }
        }
        findings += splitArticleChains(pages)
        return findings
    }

    /// The page a pager link leads to, when it is one.
    func follow(_ link: LinkChecker.Link?, in pages: [String: LinkChecker.Page]) -> String? {
        link?.target.flatMap { page($0, in: pages) }
    }

    /// Following 下一篇 from an issue's first article must visit every article of the issue.
    func splitArticleChains(_ pages: [String: LinkChecker.Page]) -> [Finding] {
        let articles = pages.keys.compactMap { ArchivePath(site: $0) }.filter { $0.kind == .article }
        return Dictionary(grouping: articles.map(\.path), by: { ArchivePath(site: $0)!.issue }).compactMap {
            issue, members in
            guard let first = members.filter({ pages[$0]?.pager["上一篇"] == nil }).min() else { return nil }
            let memberSet = Set(members)
            var visited: Set<String> = [first]
            var current = first
            while let next = follow(pages[current]?.pager["下一篇"], in: pages), memberSet.contains(next),
                visited.insert(next).inserted
            {
                current = next
            }
            let missed = memberSet.subtracting(visited).sorted()
            guard !missed.isEmpty else { return nil }
            return Finding(
                .brokenChain, path: display(issue + "/index.html"),
                "following 下一篇 from \(first) never reaches \(missed.joined(separator: ", "))",
                fix: "rebuild the site with `sitegen build`")
        }
    }
}

extension ArchivePath {
    /// A page of the built site in the archive's scheme; an article's file name must be its position.
    init?(site path: String) {
        guard let place = ArchivePath(path, in: .site), place.kind != .article || place.position != nil else {
            return nil
        }
        self = place
    }

    func follows(_ other: ArchivePath, chain: Kind, forward: Bool) -> Bool {
        switch chain {
        case .issue:
            return kind == .issue && (forward ? issue > other.issue : issue < other.issue)
        case .page:
            return kind == .page && issue == other.issue && folder != other.folder
        case .article:
            guard kind == .article, issue == other.issue else { return false }
            let (here, there) = (position ?? 0, other.position ?? 0)
            return folder != other.folder || (forward ? here > there : here < there)
        }
    }
}
