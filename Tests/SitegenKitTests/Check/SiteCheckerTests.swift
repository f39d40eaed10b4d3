import Foundation
import Testing

@testable import SitegenKit

/// `sitegen check` on a built site: each kind of damage is found, and a fresh build has none.
@Suite struct SiteCheckerTests {
    /// The fixture archive built into a scratch folder.
    func builtSite() throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent)
        return scratch
    }

    func codes(_ site: URL) -> [String] {
        SiteChecker(root: site, displayRoot: "Public").findings().map { "\($0.code) \($0.path ?? ""):\($0.line ?? 0)" }
            .sorted()
    }

    func edit(_ file: URL, _ change: (String) -> String) throws {
        try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aFreshBuildIsClean() throws {
        let scratch = try builtSite()
        let site = scratch.path("Public")
        // Dot entries are not the site's (docs/build.md: they are carried over, not generated).
        try scratch.write([".well-known/verify.html": "<a href=\"nowhere.html\">x</a>"], under: "Public")
        #expect(codes(site) == [])
    }

    @Test func findsDeadLinksAndOrphans() throws {
        let scratch = try builtSite()
        let site = scratch.path("Public")
        try FileManager.default.removeItem(at: site.appendingPathComponent("2018/07/18/02/01.html"))
        try "<a href=\"../index.html\">x</a>".write(
            to: site.appendingPathComponent("2018/07/19/03/stale.html"), atomically: true, encoding: .utf8)
        let found = codes(site)
        #expect(found.contains("orphan-page Public/2018/07/19/03/stale.html:0"))
        #expect(found.contains { $0.hasPrefix("dead-link Public/2018/07/18/02/index.html:") })
        #expect(found.contains { $0.hasPrefix("dead-link Public/2018/07/18/01/02.html:") })  // its 下一篇
        #expect(found.contains { $0.hasPrefix("invalid-sitemap Public/sitemap.xml:") })
        #expect(!found.contains { $0.hasPrefix("broken-chain") })
    }

    @Test func findsBrokenArticleChains() throws {
        let scratch = try builtSite()
        let site = scratch.path("Public")
        // 第3版 #5's 下一篇 skips to the next issue; #6 still says its 上一篇 is #5.
        try edit(site.appendingPathComponent("2018/07/19/03/05.html")) {
            $0.replacingOccurrences(
                of: "href=\"../../../../2018/07/19/03/06.html\">下一篇",
                with: "href=\"../../../../2019/01/02/01/01.html\">下一篇")
        }
        let found = codes(site)
        #expect(found.filter { $0.hasPrefix("broken-chain Public/2018/07/19/03/05.html:") }.count == 2)  // not mutual, leaves the issue
        #expect(found.contains { $0.hasPrefix("broken-chain Public/2018/07/19/index.html") })  // the chain falls apart
    }

    @Test func findsBrokenPageChains() throws {
        let scratch = try builtSite()
        let site = scratch.path("Public")
        // 第3版's 上一版 points at 第4版: backwards and not mutual; its articles now disagree with it.
        try edit(site.appendingPathComponent("2018/07/19/03/index.html")) {
            $0.replacingOccurrences(
                of: "href=\"../../../../2018/07/19/02/index.html\">上一版",
                with: "href=\"../../../../2018/07/19/04/index.html\">上一版")
        }
        let found = codes(site)
        #expect(found.contains { $0.hasPrefix("broken-chain Public/2018/07/19/03/index.html:") })
        #expect(found.contains { $0.hasPrefix("broken-chain Public/2018/07/19/03/05.html:") })
    }

    @Test func findsInvalidSitemapAndFeed() throws {
        let scratch = try builtSite()
        let site = scratch.path("Public")
        try edit(site.appendingPathComponent("feed.xml")) { String($0.dropLast(20)) }
        try edit(site.appendingPathComponent("sitemap.xml")) {
            $0.replacingOccurrences(
                of: "</urlset>", with: "<url><loc>https://elsewhere.example/x.html</loc></url>\n</urlset>")
        }
        let found = SiteChecker(root: site, displayRoot: "Public").findings()
        #expect(found.map(\.code).sorted() == [.invalidFeed, .invalidSitemap])
        #expect(found.contains { $0.message.contains("not well-formed XML") })
        #expect(
            found.contains { $0.message.contains("not under the site's address https://archive.example.org/news/") })
    }

    @Test func checksEverySitemapPart() throws {
        let scratch = try ScratchFolder()
        let files = SyndicationFiles.sitemaps(
            urls: (0..<(SyndicationFiles.sitemapLimit + 1)).map { ("p\($0 % 2).html", nil) },
            base: "https://x.example/")
        var site: [String: String] = [
            "p0.html": "", "robots.txt": SyndicationFiles.robots(base: "https://x.example/").make(),
            "feed.xml": "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
        ]
        for file in files { site[file.path] = file.make() }
        let root = try scratch.write(site, under: "Public")
        let found = SyndicationChecker(root: root, displayRoot: "Public", baseURL: SyndicationChecker.baseURL(of: root))
            .findings()
        #expect(found.count == (SyndicationFiles.sitemapLimit + 1) / 2)
        #expect(found.allSatisfy { $0.path == "Public/sitemap-1.xml" || $0.path == "Public/sitemap-2.xml" })
    }
}
