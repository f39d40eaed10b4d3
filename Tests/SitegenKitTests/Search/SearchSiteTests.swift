import Foundation
import Testing

@testable import SitegenKit

/// The search as `sitegen build` publishes it: page, box on every page, index, incremental writes.
@Suite struct SearchSiteTests {
    @Test func everyPageHasASearchBoxLeadingToTheSearchPage() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent)
        for (page, root) in [
            ("index.html", ""), ("2018/07/19/03/05.html", "../../../../"), ("archive/2018/index.html", "../../"),
        ] {
            let html = try scratch.read("Public/\(page)")
            #expect(
                html.contains(
                    "<form class=\"site-search\" action=\"\(root)search/index.html\" method=\"get\" role=\"search\">"),
                "\(page)")
            #expect(html.contains("name=\"q\""))
        }
        let search = try scratch.read("Public/search/index.html")
        for expected in [
            "id=\"search-count\"", "id=\"search-results\"", "assets/search.js",
            "data-manifest=\"../search/manifest.json\"",
            "name=\"sort\"", "name=\"from\"", "name=\"to\"", "name=\"page\"", "name=\"author\"",
        ] {
            #expect(search.contains(expected), "search page lacks \(expected)")
        }
        #expect(scratch.exists("Public/assets/search.js"))
        #expect(scratch.exists("Public/search/manifest.json"))
        #expect(!(try scratch.read("Public/sitemap.xml")).contains("search/"))
    }

    /// The build sorts the published site's files by the search block they belong to.
    @Test func aSearchFilesPathNamesItsBlock() {
        #expect(SearchIndexLayout.block(of: SearchIndexLayout.postings(block: "2018-01-2-0", file: 7)) == "2018-01-2-0")
        #expect(SearchIndexLayout.block(of: SearchIndexLayout.keys(block: "2018-01-2-0")) == "2018-01-2-0")
        #expect(SearchIndexLayout.block(of: SearchIndexLayout.records(block: "2001-12-1-3", group: 0)) == "2001-12-1-3")
        for path in [
            "2018/07/19/03/05.html", "search/index.html", "search/manifest.json", "search/p/", "search/x/b/1.z",
            "search/p/b/c/1.z", "search/p/b", "searchp/b/1.z", "", "s",
        ] {
            #expect(SearchIndexLayout.block(of: path) == nil, "\(path)")
        }
    }

    @Test func addingTheNewestArticleRewritesOnlyTheFilesItTouches() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(SearchCorpus.files(count: 40), under: "Content")
        let first = try scratch.build(content: content)
        #expect(first.filesUnchanged == 0)
        let before = try Self.searchFiles(scratch.path("Public"))

        try scratch.write(
            ["2019/12/31/01/01.md": articleFile(title: "新闻", date: "2019-12-31", page: "1", body: "鱼")],
            under: "Content")
        let second = try scratch.build(content: content)
        let after = try Self.searchFiles(scratch.path("Public"))
        let changed = after.filter { before[$0.key] != $0.value }.keys.sorted()
        // The manifest (one more article and block) and the new period's block (下旬 of December):
        // its key directory, one postings file and one record file.
        #expect(changed == ["a/2019-12-3-0/0.z", "manifest.json", "p/2019-12-3-0/0.z", "p/2019-12-3-0/keys.z"])
        #expect(second.filesUnchanged >= before.count - 1)
        let search = try SearchQuery(site: scratch.path("Public"))
        #expect(search.run("新闻").matches.map(\.article) == [40])
    }

    @Test func anArticleAddedToAnOldIssueRewritesOnlyItsOwnBlock() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(SearchCorpus.files(count: 40), under: "Content")  // January and February 2018
        try scratch.build(content: content)
        let before = try Self.searchFiles(scratch.path("Public"))

        try scratch.write(
            ["2018/01/15/03/02.md": articleFile(title: "补录", date: "2018-01-15", page: "3", position: "2", body: "鱼")],
            under: "Content")
        try scratch.build(content: content)
        let after = try Self.searchFiles(scratch.path("Public"))
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        #expect(changed.contains("manifest.json"))
        #expect(
            Set(changed.compactMap { SearchIndexLayout.block(of: "search/" + $0) }) == ["2018-01-2-0"],
            "changed: \(changed.sorted())")
        let search = try SearchQuery(site: scratch.path("Public"))
        #expect(search.run("补录").matches.count == 1)
        #expect(search.record(search.run("补录").matches[0].article)?.path == "2018/01/15/03/02.html")
    }

    static func searchFiles(_ site: URL) throws -> [String: Data] {
        let folder = site.appendingPathComponent("search")
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        where path.hasSuffix(".z") || path.hasSuffix(".json") {
            files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }
}
