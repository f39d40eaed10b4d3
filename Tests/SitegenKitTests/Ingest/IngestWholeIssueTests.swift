import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// `sitegen ingest DIR` on a folder as a scraper mirrors a site: page views are read first, and
/// articles whose own page prints no 版次 are placed by the page view that links to them or by
/// their title in a page's 标题导航.
@Suite struct IngestWholeIssueTests {
    /// 迪庆日报's current system: the article page prints no 版次 and no date (the address has it).
    static let article = """
        分享按钮
        我和《迪庆日报》
        殷著虹
        “雪山给了你生命的源泉,使你向往着灿烂的春晖;草原给了你无畏的力量,使你勇敢地向前奔腾……”这是我1988年12月25日发表在《迪庆报》上的诗歌。
        """

    static func pageView(_ titles: [(link: String, title: String)]) -> String {
        """
        <html><body><div class="banci">第04版：文化</div><div class="date">2024年12月10日</div>
        <a href="node_01.html">第01版：要闻</a><a href="node_04.html">第04版：文化</a>
        \(titles.map { "<a href=\"\($0.link)\">\($0.title)</a>" }.joined(separator: "\n"))
        </body></html>
        """
    }

    @Test func anArticleIsPlacedByThePageViewLinkingToIt() throws {
        let scratch = try ScratchFolder()
        let mirror = try scratch.write(
            [
                "epaper/pc/202412/10/node_04.html": Self.pageView([
                    ("content_48230.html", "雪山下的村庄"), ("content_48233.html", "我和《迪庆日报》"),
                ]),
                // Named before the page view, so only reading page views first places it.
                "epaper/pc/202412/10/content_48233.html": Self.article,
                "epaper/pc/202412/10/content_48233.url": "http://xgll.com.cn/epaper/pc/202412/10/content_48233.html\n",
            ], under: "mirror")
        let report = IngestFixtures.ingest([mirror], content: scratch.path("Content"))
        #expect(report.succeeded, "\(report.outcomes.map(\.line))")
        let article = try ArticleReader.read(text: scratch.read("Content/2024/12/10/04/02.md"), path: "02.md")
        #expect(article.title == "我和《迪庆日报》")
        #expect(article.page == PageLabel("4"))
        #expect(article.order == 2)
        #expect(try scratch.read("Content/2024/12/10/issue.yml").contains("我和《迪庆日报》"))
    }

    @Test func aMirroredSiteNeedsNoAddressFiles() throws {
        let scratch = try ScratchFolder()
        let mirror = try scratch.write(
            [
                "www.xgll.com.cn/epaper/pc/202412/10/node_04.html": Self.pageView([("content_48233.html", "我和《迪庆日报》")]),
                "www.xgll.com.cn/epaper/pc/202412/10/content_48233.html": Self.article,
            ], under: "mirror")
        let report = IngestFixtures.ingest([mirror], content: scratch.path("Content"))
        #expect(report.succeeded, "\(report.outcomes.map(\.line))")
        let article = try ArticleReader.read(text: scratch.read("Content/2024/12/10/04/01.md"), path: "01.md")
        #expect(article.source == "http://www.xgll.com.cn/epaper/pc/202412/10/content_48233.html")
        #expect(Ingester.isHostName("paper.kbcmw.com"))
        #expect(
            !Ingester.isHostName("v1.2") && !Ingester.isHostName("backup.2024") && !Ingester.isHostName(".build")
                && !Ingester.isHostName("john.doe"))
    }

    @Test func anArticleIsPlacedByItsTitleInARecordedTitleList() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            [
                "2024/12/10/issue.yml": """
                date: 2024-12-10
                pages:
                  - page: 4
                    name: 文化
                    titles:
                      - 雪山下的村庄
                      - 我和《迪庆日报》
                """
            ], under: "Content")
        let page = try scratch.write(
            [
                "content_48233.txt": Self.article,
                "content_48233.url": "http://xgll.com.cn/epaper/pc/202412/10/content_48233.html\n",
            ], under: "in")
        let report = IngestFixtures.ingest([page], content: content)
        #expect(report.succeeded, "\(report.outcomes.map(\.line))")
        let article = try ArticleReader.read(text: scratch.read("Content/2024/12/10/04/02.md"), path: "02.md")
        #expect(article.pageName == "文化")
    }

    @Test func anArticleNoPageListsIsRejectedWithWhatItNeeds() throws {
        let scratch = try ScratchFolder()
        let page = try scratch.write(
            [
                "content_48233.txt": Self.article,
                "content_48233.url": "http://xgll.com.cn/epaper/pc/202412/10/content_48233.html\n",
            ], under: "in")
        let report = IngestFixtures.ingest([page], content: scratch.path("Content"))
        #expect(!report.succeeded)
        let reason = try #require(report.outcomes.first?.reason)
        #expect(reason.contains("page view") && reason.contains("--page"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("Content/2024").path))
    }

    @Test func oneDefinitionOfWhatIngestReads() throws {
        let scratch = try ScratchFolder()
        let folder = try scratch.write(
            ["a.txt": "", "b.HTML": "", "c.url": "", "d.pdf": "", "e.rejected.txt": "", ".f.txt": ""], under: "in")
        #expect(InputFiles.inputFiles(in: folder).map(\.lastPathComponent) == ["a.txt", "b.HTML"])
    }
}
