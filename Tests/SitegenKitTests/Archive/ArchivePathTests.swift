import Testing

@testable import SitegenKit

/// The archive's one path scheme, read and made for Content and for the site.
struct ArchivePathTests {
    let slot = Article.Slot(date: IssueDate(year: 2018, month: 7, day: 19)!, page: PageLabel("A3")!, order: 5)

    @Test func articlesIssuesAndPagesAreMadeInEachTree() {
        #expect(ArchivePath.article(slot, in: .content) == "2018/07/19/A03/05.md")
        #expect(ArchivePath.article(slot, in: .site) == "2018/07/19/A03/05.html")
        #expect(ArchivePath.issueFile(slot.date, in: .content) == "2018/07/19/issue.yml")
        #expect(ArchivePath.issueFile(slot.date, in: .site) == "2018/07/19/index.html")
        #expect(ArchivePath.pageFile(slot.date, slot.page) == "2018/07/19/A03/index.html")
    }

    @Test func whatIsMadeReadsBackAsTheSamePlace() throws {
        for tree in [ArchivePath.Tree.content, .site] {
            let article = try #require(ArchivePath(ArchivePath.article(slot, in: tree), in: tree))
            #expect(
                article.kind == .article && article.date == slot.date && article.page == slot.page
                    && article.position == 5)
            #expect(article.issue == "2018/07/19" && article.folder == "2018/07/19/A03")
            let issue = try #require(ArchivePath(ArchivePath.issueFile(slot.date, in: tree), in: tree))
            #expect(
                issue.kind == .issue && issue.date == slot.date && issue.page == nil && issue.folder == "2018/07/19")
        }
        let page = try #require(ArchivePath(ArchivePath.pageFile(slot.date, slot.page), in: .site))
        #expect(page.kind == .page && page.page == slot.page && page.position == nil)
    }

    @Test func pathsOfOtherShapesAreNotOfTheScheme() {
        for path in [
            "2018/7/19/issue.yml", "18/07/19/issue.yml", "2018/07/19/03/issue.yml", "2018/07/19/03/index.html",
            "2018/07/19/index.html", "notes/2018/07/19/issue.yml", "2018/07/19/03/05.txt", "2018/0x/19/issue.yml",
        ] {
            #expect(ArchivePath(path, in: .content) == nil, "\(path)")
        }
        #expect(ArchivePath("2018/07/19/03/05.md", in: .site) == nil)
        #expect(ArchivePath("archive/2018/index.html", in: .site) == nil)
    }

    @Test func numbersThatAreNoDayOrLabelAreKeptAsUnknown() throws {
        let place = try #require(ArchivePath("2018/02/30/xx/lead.md", in: .content))
        #expect(place.kind == .article && place.date == nil && place.page == nil && place.position == nil)
    }
}
