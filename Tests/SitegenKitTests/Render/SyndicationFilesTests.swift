import Foundation
import Testing

@testable import SitegenKit

@Suite struct SyndicationFilesTests {
    @Test func aSitemapPast50000URLsBecomesAnIndex() {
        let urls = (0..<50_001).map { (path: "p/\($0).html", date: IssueDate?.none) }
        let files = SyndicationFiles.sitemaps(urls: urls, base: "https://x.org/")
        #expect(files.map(\.path) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"])
        #expect(files[0].make().contains("<sitemapindex"))
        #expect(files[0].make().contains("<loc>https://x.org/sitemap-2.xml</loc>"))
        #expect(files[2].make().contains("p/50000.html"))
        #expect(files[1].make().components(separatedBy: "<url>").count - 1 == 50_000)
        // A part's fingerprint changes with its own URLs only.
        var more = urls
        more[50_000].date = IssueDate(year: 2020, month: 1, day: 2)
        let changed = SyndicationFiles.sitemaps(urls: more, base: "https://x.org/")
        #expect(zip(files, changed).map { $0.fingerprint != $1.fingerprint } == [false, false, true])
    }

    @Test func aSmallSitemapIsOneFile() {
        let files = SyndicationFiles.sitemaps(urls: [(path: "index.html", date: nil)], base: "https://x.org/")
        #expect(files.count == 1)
        #expect(files[0].make().contains("<loc>https://x.org/</loc>"))
    }

    /// Fingerprints come from what a file is made of, not its text: whatever changes the text must
    /// change the fingerprint.
    @Test func theFeedFingerprintFollowsWhatTheFeedShows() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        func feed() throws -> DataFile {
            let loaded = try ContentLoader(root: content).load()
            return SyndicationFiles.feed(
                Archive(articles: loaded.articles, listings: loaded.listings, site: loaded.site))
        }
        let before = try feed()
        let beforeText = before.make()  // made now: an article's body is read when needed
        let article = try #require(
            FileManager.default.subpathsOfDirectory(atPath: content.path).filter { $0.hasSuffix(".md") }.max())
        let url = content.appendingPathComponent(article)
        let text = try String(contentsOf: url, encoding: .utf8)
        for edit in [
            text.replacingOccurrences(of: "---\n\n", with: "---\n\n新的开头。"),
            text.replacingOccurrences(of: "title: ", with: "title: 新"),
        ] {
            try edit.write(to: url, atomically: false, encoding: .utf8)
            let after = try feed()
            let textChanged = after.make() != beforeText
            let fingerprintChanged = after.fingerprint != before.fingerprint
            #expect(textChanged && fingerprintChanged, "\(edit.prefix(60))")
        }
    }
}

@Suite struct MarkdownTests {
    @Test func leadIsTheFirstParagraphAsPlainText() {
        #expect(Markdown.lead("## 小标题\n\n第一段**加粗**文字。\n\n第二段。") == "第一段加粗文字。")
        #expect(Markdown.lead(String(repeating: "字", count: 200), limit: 10) == String(repeating: "字", count: 10) + "…")
        #expect(Markdown.lead("## 小标题\n\n第一段\n续行\n\n第二段。") == "第一段 续行")
        #expect(Markdown.lead("\n\n  缩进的第一段\n\n第二段") == "缩进的第一段")
    }

    @Test func safeModeDropsRawHTML() {
        #expect(!Markdown.html("<script>x</script>").contains("<script>"))
        #expect(Markdown.html("<i>x</i>", allowRawHTML: true).contains("<i>x</i>"))
    }
}
