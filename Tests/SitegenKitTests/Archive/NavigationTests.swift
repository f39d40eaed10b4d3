import Testing

@testable import SitegenKit

@Suite struct NavigationTests {
    func article(_ date: String, _ page: String, _ order: Int, _ title: String? = nil) -> Article {
        Article(
            sourcePath: "\(date)/\(page)/\(order).md", title: title ?? "\(date) \(page) #\(order)",
            date: IssueDate(iso: date)!, page: PageLabel(page)!, order: order, body: "正文")
    }

    func listing(_ date: String, _ pages: [(String, String, [String])]) -> IssueListing {
        IssueListing(
            date: IssueDate(iso: date)!,
            pages: pages.map { .init(page: PageLabel($0.0)!, name: $0.1, titles: $0.2) },
            sourcePath: "\(date)/issue.yml")
    }

    func titles(_ archive: Archive, _ indices: [Int?]) -> [String?] {
        indices.map { $0.map { archive.articles[$0].title } }
    }

    @Test func articlesFollowIssuePageAndPositionOrder() {
        let archive = Archive(
            articles: [
                article("2018-07-19", "3", 2), article("2018-07-18", "1", 1), article("2018-07-19", "1", 1),
                article("2018-07-19", "3", 1), article("2018-07-19", "A10", 1), article("2018-07-19", "A2", 1),
            ], listings: [], site: SiteConfig())
        #expect(
            archive.articles.map(\.title) == [
                "2018-07-18 1 #1", "2018-07-19 1 #1", "2018-07-19 3 #1", "2018-07-19 3 #2", "2018-07-19 A2 #1",
                "2018-07-19 A10 #1",
            ])
        #expect(archive.issues.map(\.date.iso) == ["2018-07-18", "2018-07-19"])
        #expect(archive.issues[1].pages.map(\.label.description) == ["1", "3", "A02", "A10"])
    }

    /// 上一篇/下一篇 run across pages but stop at the issue's edges; 上一期/下一期 link issues.
    @Test func previousAndNextArticleCrossPagesWithinTheIssue() {
        let archive = Archive(
            articles: [
                article("2018-07-18", "1", 1), article("2018-07-19", "1", 1), article("2018-07-19", "1", 2),
                article("2018-07-19", "2", 1), article("2018-07-20", "1", 1),
            ], listings: [], site: SiteConfig())
        let i = archive.articles.firstIndex { $0.title == "2018-07-19 1 #2" }!
        #expect(
            titles(archive, [archive.previousArticle(before: i), archive.nextArticle(after: i)])
                == ["2018-07-19 1 #1", "2018-07-19 2 #1"])
        let first = archive.articles.firstIndex { $0.title == "2018-07-19 1 #1" }!
        let last = archive.articles.firstIndex { $0.title == "2018-07-19 2 #1" }!
        #expect(archive.previousArticle(before: first) == nil)
        #expect(archive.nextArticle(after: last) == nil)
        #expect(archive.previousIssue(before: 1) == 0)
        #expect(archive.nextIssue(after: 1) == 2)
        #expect(archive.nextIssue(after: 2) == nil)
        #expect(archive.previousIssue(before: 0) == nil)
    }

    @Test func pagesKnownOnlyFromTheListingAreKeptInPrintedOrder() {
        let archive = Archive(
            articles: [article("2018-07-19", "3", 5, "党建引领聚合力"), article("2018-07-19", "A10", 1)],
            listings: [
                listing(
                    "2018-07-19",
                    [
                        ("1", "头版", []), ("2", "要闻", []),
                        ("3", "要闻", ["登报作废", "遗失声明", "注销公告", "达拉党支部", "党建引领（短）", "宣讲十九大精神"]),
                        ("4", "卫生与健康", []),
                    ])
            ],
            site: SiteConfig())
        let issue = archive.issues[0]
        #expect(issue.pages.map(\.heading) == ["第1版:头版", "第2版:要闻", "第3版:要闻", "第4版:卫生与健康", "第A10版"])
        let page3 = issue.pages[2]
        #expect(page3.entries.map(\.title) == ["登报作废", "遗失声明", "注销公告", "达拉党支部", "党建引领聚合力", "宣讲十九大精神"])
        #expect(page3.entries.map { $0.article != nil } == [false, false, false, false, true, false])
        #expect(issue.pages[0].entries.isEmpty)
        #expect(archive.previousPage(issue: 0, page: 0) == nil)
        #expect(archive.nextPage(issue: 0, page: 3) == 4)
        #expect(archive.nextPage(issue: 0, page: 4) == nil)
    }

    @Test func anIssueWithOnlyAListingHasPagesButNoArticles() {
        let archive = Archive(
            articles: [article("2018-07-18", "1", 1)],
            listings: [listing("2018-07-19", [("1", "头版", ["标题一"])])], site: SiteConfig())
        #expect(archive.issues.count == 2)
        #expect(archive.issues[1].articleRange.isEmpty)
        #expect(archive.issues[1].pages[0].entries.map(\.title) == ["标题一"])
        #expect(archive.nextIssue(after: 0) == 1)
    }

    @Test func pageNameComesFromTheListingThenTheArticles() {
        var a = article("2018-07-19", "2", 1)
        a.pageName = "综合"
        let archive = Archive(
            articles: [a, article("2018-07-19", "1", 1)],
            listings: [listing("2018-07-19", [("1", "头版", [])])], site: SiteConfig())
        #expect(archive.issues[0].pages.map(\.heading) == ["第1版:头版", "第2版:综合"])
    }
}
