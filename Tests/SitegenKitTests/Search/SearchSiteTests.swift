import Foundation
import Testing
@testable import SitegenKit

/// The search as `sitegen build` publishes it: page, box on every page, index, incremental writes.
@Suite struct SearchSiteTests {
    @Test func everyPageHasASearchBoxLeadingToTheSearchPage() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent)
        for (page, root) in [("index.html", ""), ("2018/07/19/03/05.html", "../../../../"), ("archive/2018/index.html", "../../")] {
            let html = try scratch.read("Public/\(page)")
            #expect(html.contains("<form class=\"site-search\" action=\"\(root)search/index.html\" method=\"get\" role=\"search\">"), "\(page)")
            #expect(html.contains("name=\"q\""))
        }
        let search = try scratch.read("Public/search/index.html")
        for expected in ["id=\"search-count\"", "id=\"search-results\"", "assets/search.js", "data-manifest=\"../search/manifest.json\"",
                         "name=\"sort\"", "name=\"from\"", "name=\"to\"", "name=\"page\"", "name=\"author\""] {
            #expect(search.contains(expected), "search page lacks \(expected)")
        }
        #expect(scratch.exists("Public/assets/search.js"))
        #expect(scratch.exists("Public/search/manifest.json"))
        #expect(!(try scratch.read("Public/sitemap.xml")).contains("search/"))
    }

    @Test func addingTheNewestArticleRewritesOnlyTheFilesItTouches() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(SearchCorpus.files(count: 40), under: "Content")
        let first = try scratch.build(content: content)
        #expect(first.filesUnchanged == 0)
        let before = try Self.searchFiles(scratch.path("Public"))

        try scratch.write(["2019/12/31/01/01.md": articleFile(title: "新闻", date: "2019-12-31", page: "1", body: "鱼")], under: "Content")
        let second = try scratch.build(content: content)
        let after = try Self.searchFiles(scratch.path("Public"))
        let changed = after.filter { before[$0.key] != $0.value }.keys.sorted()
        // The manifest (one more article), the new article's record file (article 40 starts group
        // 10), and the bucket files of its characters and bigrams (新, 闻, 新闻, 鱼 and the page's
        // name) — at most five of those.
        #expect(changed.contains("manifest.json"))
        #expect(changed.contains("a/10.z"))
        #expect(changed.filter { $0.hasPrefix("p/") }.count <= 5, "changed: \(changed)")
        #expect(changed.count <= 7)
        #expect(second.filesUnchanged >= before.count - 6)
        let search = try SearchQuery(site: scratch.path("Public"))
        #expect(search.run("新闻").matches.map(\.article) == [40])
    }

    static func searchFiles(_ site: URL) throws -> [String: Data] {
        let folder = site.appendingPathComponent("search")
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where path.hasSuffix(".z") || path.hasSuffix(".json") {
            files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }
}
