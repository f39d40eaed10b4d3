import Foundation
import Testing

@testable import SitegenKit

/// End-to-end: the fixture archive (three issues, numbered and lettered pages, pages known only
/// from issue.yml) built with the project's own templates.
@Suite struct SiteBuildTests {
    @Test func writesEveryPageOfTheArchive() throws {
        let scratch = try ScratchFolder()
        let report = try scratch.build(content: TestSupport.fixtureContent)
        #expect(report.articles == 10)
        #expect(report.issues == 3)
        for path in [
            "index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "assets/site.css", "assets/site.js",
            "archive/index.html", "archive/2018/index.html", "archive/2019/index.html", "2018/07/index.html",
            "2019/01/index.html",
            "2018/07/18/index.html", "2018/07/18/01/index.html", "2018/07/18/01/01.html", "2018/07/18/02/01.html",
            "2018/07/19/index.html", "2018/07/19/02/index.html", "2018/07/19/04/index.html", "2018/07/19/03/05.html",
            "2019/01/02/A02/index.html", "2019/01/02/A10/01.html",
        ] {
            #expect(scratch.exists("Public/\(path)"), "missing \(path)")
        }
    }

    @Test func noInternalLinkIsDead() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent)
        // The fixture's site lives under https://archive.example.org/news/.
        #expect(try LinkChecker(root: scratch.path("Public"), basePath: "/news/").deadLinks() == [])
    }

    /// The article page, byte for byte. Regenerate after an intended template change with
    /// `SITEGEN_UPDATE_GOLDEN=1 swift test --filter GoldenFile` and review the diff.
    @Test func articlePageMatchesTheGoldenFile() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent)
        let html = try scratch.read("Public/2018/07/19/03/05.html")
        let golden = TestSupport.fixtures.appendingPathComponent("golden/2018-07-19-03-05.html")
        if ProcessInfo.processInfo.environment["SITEGEN_UPDATE_GOLDEN"] == "1" {
            try html.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(html == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test func theArticlePageShowsTheIssueAndItsNavigation() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent)
        let html = try scratch.read("Public/2018/07/19/03/05.html")
        for expected in [
            "2018年7月19日 星期四", "第3版:要闻", "第4版:卫生与健康",  // date with weekday, 版面导航
            "<span class=\"unarchived\" title=\"未收录\">登报作废</span>",  // 标题导航, title known only from issue.yml
            "aria-current=\"page\">党建引领聚合力 打赢脱贫攻坚战</a>",
            "<p class=\"subtitle\">——三坝乡抓党建促脱贫攻坚工作纪实</p>", "<p class=\"byline\">陈义</p>",
            "<h2>上下联动,聚焦发力</h2>", "三坝乡的花椒基地。 陈义 摄",
            "上一篇 <small>全州经济运行稳中向好</small>", "下一篇 <small>宣讲十九大精神 &lt;深入基层&gt;</small>",
            "上一版 <small>第2版:要闻</small>", "下一版 <small>第4版:卫生与健康</small>",
            "data-zoom=\"in\">放大", "data-zoom=\"out\">缩小", "data-zoom=\"reset\">默认",
        ] {
            #expect(html.contains(expected), "article page lacks \(expected)")
        }
    }

    /// `/2018/07/`, the folder above the month's issues: its issues with weekday and pages, up to
    /// the year, across to the nearest months with issues; reached from the year page's heading.
    @Test func theMonthPageListsItsIssuesAndLeadsToItsNeighbours() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent)
        let july = try scratch.read("Public/2018/07/index.html")
        for expected in [
            "<title>2018年7月 - 测试日报</title>",
            "<link rel=\"canonical\" href=\"https://archive.example.org/news/2018/07/\">",
            "<h1 class=\"page-title\">2018年7月 <small>2期</small></h1>",
            "<a href=\"../../2018/07/18/index.html\">7月18日 <small>星期三</small></a>",
            "<a href=\"../../2018/07/19/04/index.html\">第4版:卫生与健康</a>",
            "<a href=\"../../archive/2018/index.html\">2018年</a>",
            "<span class=\"prev disabled\">上一月</span>",
            "<a class=\"next\" href=\"../../2019/01/index.html\">下一月 <small>2019年1月</small></a>",
        ] {
            #expect(july.contains(expected), "month page lacks \(expected)")
        }
        #expect(july.range(of: "7月18日")!.lowerBound < july.range(of: "7月19日")!.lowerBound, "days in order")
        #expect(!july.contains("2019/01/02/index.html"), "only the month's own issues")
        let january = try scratch.read("Public/2019/01/index.html")
        #expect(january.contains("<a class=\"prev\" href=\"../../2018/07/index.html\">上一月 <small>2018年7月</small></a>"))
        #expect(january.contains("<span class=\"next disabled\">下一月</span>"))
        let year = try scratch.read("Public/archive/2018/index.html")
        #expect(year.contains("<h2><a href=\"../../2018/07/index.html\">7月</a></h2>"))
        #expect(year.contains("<h2>8月</h2>"), "a month without issues has no page to link to")
        #expect(try scratch.read("Public/sitemap.xml").contains("<loc>https://archive.example.org/news/2018/07/</loc>"))
    }

    /// `issue.month_href`: the issue's breadcrumb leads up to its month and year, as its URL does.
    @Test func theIssuePageLeadsUpToItsMonthAndYear() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent)
        let issue = try scratch.read("Public/2018/07/19/index.html")
        #expect(
            issue.contains(
                "<a href=\"../../../archive/2018/index.html\">2018年</a> ›\n  <a href=\"../../../2018/07/index.html\">7月</a> ›\n  <span aria-current=\"page\">19日</span>"
            ))
        #expect(
            try scratch.read("Public/2019/01/02/index.html").contains("<a href=\"../../../2019/01/index.html\">1月</a>"))
    }

    @Test func rawHTMLAndScriptLinksNeverReachThePageInSafeMode() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent)
        let html = try scratch.read("Public/2018/07/19/03/05.html")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("危险链接"))
    }

    @Test func rawHTMLPassesWhenSiteSettingsAllowIt() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            [
                "site.yml": "unsafe_html: true\n",
                "2018/07/19/03/01.md": articleFile(position: "1", body: "<mark>原样</mark>"),
            ], under: "Content")
        try scratch.build(content: content)
        #expect(try scratch.read("Public/2018/07/19/03/01.html").contains("<mark>原样</mark>"))
    }

    @Test func frontMatterTextIsEscapedEverywhere() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            [
                "2018/07/19/03/01.md": articleFile(
                    title: "\"<script>alert('t')</script> & 标题\"", position: "1",
                    extra: "authors: [\"<b>记者</b>\"]\ncaptions: [\"<img src=x onerror=alert(1)>\"]")
            ], under: "Content")
        try scratch.build(content: content)
        for file in [
            "Public/2018/07/19/03/01.html", "Public/2018/07/19/03/index.html", "Public/index.html",
            "Public/2018/07/19/index.html",
        ] {
            let html = try scratch.read(file)
            #expect(!html.contains("<script>alert"), "\(file) lets a title's markup through")
            #expect(!html.contains("<b>记者"), "\(file) lets an author's markup through")
            #expect(!html.contains("<img src=x"), "\(file) lets a caption's markup through")
        }
        let feed = try scratch.read("Public/feed.xml")
        #expect(feed.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; 标题"))
        #expect(feed.contains("&lt;b&gt;记者&lt;/b&gt;"))
        // The search record (JSON) gives the title back exactly as written.
        let record = try SearchQuery(site: scratch.path("Public")).record(0)
        #expect(record?.title == "<script>alert('t')</script> & 标题")
    }

    @Test func jsonStringsInTheSearchIndexDecodeToWhatWasWritten() throws {
        for text in ["", "标题", "\"引号\" \\ 反斜杠 /", "控制\u{1}\u{1F}\t\n字符", "😀 emoji", "</script>"] {
            var bytes: [UInt8] = []
            SearchIndexWriter.appendJSONString(text, to: &bytes)
            let decoded = try JSONDecoder().decode(String.self, from: Data(bytes))
            #expect(decoded == text)
        }
    }

    @Test func buildsAreDeterministic() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent, output: "A")
        try scratch.build(content: TestSupport.fixtureContent, output: "B")
        let files = try FileManager.default.subpathsOfDirectory(atPath: scratch.path("A").path).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: scratch.path("B").path).sorted()))
        for file in files where !file.hasSuffix("/") {
            let a = try? Data(contentsOf: scratch.path("A/\(file)"))
            #expect(a == (try? Data(contentsOf: scratch.path("B/\(file)"))), "\(file) differs between builds")
        }
    }

    @Test func aFailedBuildLeavesThePreviousSiteAsItWas() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(["2018/07/19/03/01.md": articleFile(title: "第一版本")], under: "Content")
        try scratch.build(content: content)
        let before = try scratch.read("Public/2018/07/19/03/01.html")

        try scratch.write(["2018/07/19/03/02.md": articleFile(date: "2018-02-30", position: "2")], under: "Content")
        #expect(throws: SitegenErrors.self) { try scratch.build(content: content) }
        #expect(try scratch.read("Public/2018/07/19/03/01.html") == before)

        try scratch.write(["Templates/article.mustache": "{{#article}}未闭合"])
        let templates = try scratch.copy(TestSupport.templates, to: "Templates2")
        try "{{#article}}未闭合".write(
            to: templates.appendingPathComponent("article.mustache"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: content.appendingPathComponent("2018/07/19/03/02.md"))
        do {
            try scratch.build(content: content, templates: templates)
            Issue.record("a template syntax error must stop the build")
        } catch let failure as SitegenErrors {
            #expect(failure.errors.first?.path?.hasSuffix("Templates2/article.mustache") == true)
            #expect(failure.errors.first?.line == 1)
        }
        #expect(try scratch.read("Public/2018/07/19/03/01.html") == before)
    }

    /// The templates are read on another thread while Content loads; the problems of both still
    /// come back together, so one run shows the editor everything to fix.
    @Test func aBrokenArticleAndABrokenTemplateAreReportedTogether() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(["2018/07/19/03/01.md": articleFile(date: "2018-02-30")], under: "Content")
        let templates = try scratch.copy(TestSupport.templates, to: "Templates")
        try "{{#article}}未闭合".write(
            to: templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        do {
            try scratch.build(content: content, templates: templates)
            Issue.record("the build must fail")
        } catch let failure as SitegenErrors {
            let paths = failure.errors.compactMap(\.path)
            #expect(paths.contains { $0.hasSuffix("2018/07/19/03/01.md") }, "\(paths)")
            #expect(paths.contains { $0.hasSuffix("Templates/page.mustache") }, "\(paths)")
        }
        #expect(!scratch.exists("Public"))
    }

    @Test func dotFilesInTheOutputFolderSurviveRebuilds() throws {
        let scratch = try ScratchFolder()
        try scratch.write(
            [".gitkeep": "", ".git/HEAD": "ref: refs/heads/gh-pages\n", "stale.html": "old"], under: "Public")
        try scratch.build(content: TestSupport.fixtureContent)
        #expect(try scratch.read("Public/.git/HEAD") == "ref: refs/heads/gh-pages\n")
        #expect(scratch.exists("Public/.gitkeep"))
        #expect(!scratch.exists("Public/stale.html"))
    }

    @Test func anAssetLinkOutOfTheTemplatesIsRefused() throws {
        let scratch = try ScratchFolder()
        let templates = try scratch.copy(TestSupport.templates, to: "Templates")
        try "secret".write(to: scratch.path("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: templates.appendingPathComponent("assets/leak.txt"), withDestinationURL: scratch.path("secret.txt"))
        #expect(throws: SitegenErrors.self) {
            try scratch.build(content: TestSupport.fixtureContent, templates: templates)
        }
        #expect(!scratch.exists("Public/assets/leak.txt"))
        // A link inside the templates folder is fine.
        try FileManager.default.removeItem(at: templates.appendingPathComponent("assets/leak.txt"))
        try FileManager.default.createSymbolicLink(
            at: templates.appendingPathComponent("assets/copy.css"),
            withDestinationURL: templates.appendingPathComponent("assets/site.css"))
        try scratch.build(content: TestSupport.fixtureContent, templates: templates)
        #expect(try scratch.read("Public/assets/copy.css") == (try scratch.read("Public/assets/site.css")))
    }

    @Test func emptyContentStillBuildsASite() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(["README.txt": "nothing yet"], under: "Content")
        try scratch.build(content: content)
        #expect(scratch.exists("Public/index.html"))
        #expect(try LinkChecker(root: scratch.path("Public")).deadLinks() == [])
    }

    @Test func feedAndSitemapUseTheBaseURL() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.fixtureContent, baseURL: "https://dqrb.example.cn/")
        let sitemap = try scratch.read("Public/sitemap.xml")
        #expect(
            sitemap.contains("<loc>https://dqrb.example.cn/2018/07/19/03/05.html</loc><lastmod>2018-07-19</lastmod>"))
        #expect(sitemap.contains("<loc>https://dqrb.example.cn/2018/07/19/</loc>"))
        #expect(!sitemap.contains("404"))
        let feed = try scratch.read("Public/feed.xml")
        #expect(feed.contains("<id>https://dqrb.example.cn/2019/01/02/01/01.html</id>"))
        #expect(try scratch.read("Public/robots.txt").contains("Sitemap: https://dqrb.example.cn/sitemap.xml"))
        // Articles newest first.
        let newest = try #require(feed.range(of: "新年第一期"))
        let older = try #require(feed.range(of: "州委召开常委会议"))
        #expect(newest.lowerBound < older.lowerBound)
    }
}

@Suite struct BuildSummaryTests {
    /// The line a build ends with: counts, and its time in seconds with two decimals.
    @Test(arguments: [
        (0.0, "0.00"), (0.056, "0.06"), (0.5, "0.50"), (1.09, "1.09"), (10.004, "10.00"), (75.5, "75.50"),
    ])
    func theSummaryGivesCountsAndSeconds(seconds: Double, shown: String) {
        var report = SiteBuilder.Report()
        report.articles = 10000
        report.issues = 311
        report.filesWritten = 6
        report.filesUnchanged = 20767
        report.timings = [("scan", seconds / 2, 0), ("plan", seconds / 2, 0)]
        #expect(report.summary == "Built 10000 articles in 311 issues: 6 files written, 20767 unchanged, \(shown) s")
        report.imagesProcessed = 3
        #expect(report.summary.hasSuffix("\(shown) s; 3 images processed"))
    }
}
