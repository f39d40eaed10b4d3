import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// The weekday a page prints beside its date: read from text dumps and Founder HTML, written to
/// front matter (`weekday:`, after `date:`) only when printed, and compared by `sitegen check`.
@Suite struct IngestWeekdayTests {
    static let seed = IngestFixtures.url("dqrb-2018-07-19-p03-dangjian.txt")

    /// Ingests one input into `scratch`'s Content folder: the report and the article file written.
    func ingest(
        _ input: URL, into scratch: ScratchFolder,
        configure: (inout Ingester.Options) -> Void = { _ in }
    ) throws -> (report: IngestReport, text: String) {
        let report = IngestFixtures.ingest([input], content: scratch.path("Content"), configure: configure)
        #expect(report.succeeded, "\(report.outcomes)")
        let target = try #require(report.outcomes.compactMap(\.target).first { $0.hasSuffix(".md") })
        return (report, try scratch.read(target))
    }

    /// The seed dump (迪庆日报, which prints an empty 星期) with a weekday filled in.
    func seedPrinting(_ weekday: String, in scratch: ScratchFolder) throws -> URL {
        let lines = try IngestFixtures.text("dqrb-2018-07-19-p03-dangjian.txt").split(
            separator: "\n", omittingEmptySubsequences: false)
        let dateLine = try #require(lines.firstIndex { $0.contains("2018年7月19日 星期") })
        var printed = lines.map(String.init)
        printed[dateLine] = "  2018年7月19日 \(weekday)"
        return try scratch.write(["in/dqrb.txt": printed.joined(separator: "\n")]).appendingPathComponent("in/dqrb.txt")
    }

    @Test func weekdaysAsDateLinesPrintThem() {
        #expect(DateText.weekday(in: "光明日报 2012年10月27日 星期六") == "星期六")
        #expect(DateText.weekday(in: "2025.12.22星期一") == "星期一")
        #expect(DateText.weekday(in: "2024年12月10日 周二") == "周二")
        #expect(DateText.weekday(in: "2026年2月15日 星期天") == "星期天")
        #expect(DateText.weekday(in: "2018年7月19日 星期 四") == "星期四")
        #expect(DateText.weekday(in: "  2018年7月19日 星期    ") == nil, "the 迪庆日报 prints an empty 星期")
        #expect(DateText.weekday(in: "2018年7月19日") == nil)
        #expect(
            TextDumpParser.classify(TextLine.split("光明日报 2012年10月27日 星期六\n")) == [
                .dateLine(IssueDate(iso: "2012-10-27")!, weekday: "星期六")
            ])
    }

    @Test func aPrintedWeekdayIsWrittenRightAfterTheDate() throws {
        let scratch = try ScratchFolder()
        let (_, text) = try ingest(IngestFixtures.url("gmrb-2012-10-27.txt"), into: scratch)
        #expect(text.contains("\ndate: 2012-10-27\nweekday: 星期六\npage: 6\n"))
        let article = try #require(try ContentLoader(root: scratch.path("Content")).load().articles.first)
        #expect(article.weekday == "星期六")
        #expect(ContentChecker(content: scratch.path("Content")).findings().allSatisfy { $0.code != .weekdayMismatch })
    }

    @Test func anEmptyWeekdayWritesNoLine() throws {
        let scratch = try ScratchFolder()
        let (_, text) = try ingest(Self.seed, into: scratch)
        #expect(!text.contains("weekday"))
        #expect(text.contains("\ndate: 2018-07-19\npage: 3\n"))
    }

    @Test func aMisprintedWeekdayIsIngestedAndThenReported() throws {
        let scratch = try ScratchFolder()
        let (_, text) = try ingest(try seedPrinting("星期三", in: scratch), into: scratch)
        #expect(text.contains("\ndate: 2018-07-19\nweekday: 星期三\npage: 3\n"))
        let found = ContentChecker(content: scratch.path("Content"), displayContent: "Content").findings()
            .filter { $0.code == .weekdayMismatch }
        #expect(
            found.map(\.description) == [
                "Content/2018/07/19/03/05.md:7: warning[weekday-mismatch]: printed weekday 星期三 but 2018-07-19 was a 星期四\n  fix: correct the date or the weekday"
            ])
    }

    @Test func theWeekdayGoesWithThePrintedDateOnly() throws {
        let scratch = try ScratchFolder()
        let input = try seedPrinting("周四", in: scratch)
        let same = try ingest(input, into: scratch) { $0.date = IssueDate(iso: "2018-07-19") }
        #expect(same.text.contains("\nweekday: 周四\n"), "--date that agrees with the page keeps it")
        let other = try ingest(input, into: scratch) { $0.date = IssueDate(iso: "2018-07-20") }
        #expect(other.report.outcomes.last?.target == "Content/2018/07/20/03/05.md")
        #expect(!other.text.contains("weekday"), "the page's 周四 says nothing about another date")
    }

    @Test func aFileIngestedBeforeWeekdaysExistedIsUpdatedNotKept() throws {
        let scratch = try ScratchFolder()
        let input = IngestFixtures.url("gmrb-2012-10-27.txt")
        let (report, current) = try ingest(input, into: scratch)
        let target = try #require(report.outcomes.last?.target)
        // What an older sitegen wrote: no weekday line, and a digest of that text.
        let older = current.replacingOccurrences(of: "weekday: 星期六\n", with: "")
        let digestLine = try #require(
            older.split(separator: "\n").first { $0.hasPrefix(ArticleFile.digestField + ": ") })
        let unsigned = older.replacingOccurrences(of: digestLine + "\n", with: "")
        let signed = older.replacingOccurrences(
            of: digestLine, with: "\(ArticleFile.digestField): \(ContentDigest.of(unsigned))")
        #expect(ArticleFile.isAsIngested(signed) && signed != current)
        try scratch.write([target: signed])
        let again = IngestFixtures.ingest([input], content: scratch.path("Content"))
        #expect(again.outcomes.last?.kind == .updated)
        #expect(try scratch.read(target) == current)
    }

    @Test func founderArticlePagesGiveTheWeekdayOfTheirDateLine() throws {
        let printed = IngestParser.parse(bytes: Array(IngestVariantTests.classicArticle.utf8), source: nil)
        #expect(printed.articles.first?.date == IssueDate(iso: "2023-02-11"))
        #expect(printed.articles.first?.weekday == "星期六")
        // The page's own date field says another day: the printed 星期六 is not this article's.
        let otherDay = IngestVariantTests.classicArticle.replacingOccurrences(
            of: "<date>2023-02-11", with: "<date>2023-02-12")
        let article = try #require(IngestParser.parse(bytes: Array(otherDay.utf8), source: nil).articles.first)
        #expect(article.date == IssueDate(iso: "2023-02-12") && article.weekday == nil)
    }

    @Test func padLayoutsGiveTheWeekdayPrintedWithTheDate() throws {
        let sample = try IngestFixtures.text("hbrb-2023-02-11-fragments.html")
        #expect(IngestParser.parse(bytes: Array(sample.utf8), source: nil).articles.allSatisfy { $0.weekday == nil })
        let withWeekday = sample.replacingOccurrences(
            of: "id=\"author\">2023年02月11日<", with: "id=\"author\">2023年02月11日 星期六<")
        let articles = IngestParser.parse(bytes: Array(withWeekday.utf8), source: nil).articles
        #expect(
            !articles.isEmpty && articles.allSatisfy { $0.weekday == "星期六" && $0.date == IssueDate(iso: "2023-02-11") })
    }
}
