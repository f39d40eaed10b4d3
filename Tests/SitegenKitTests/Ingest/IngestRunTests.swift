import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// `sitegen ingest` end to end on scratch Content folders: exact output, idempotence, hand edits,
/// clashes, issue.yml merging, the inbox.
@Suite struct IngestRunTests {
    static let seed = IngestFixtures.url("dqrb-2018-07-19-p03-dangjian.txt")
    /// The 迪庆日报 pages of the corpus whose 版次 is printed: the bundled Content is their ingest.
    static let bundledPages = [IngestFixtures.url("dqrb-2017-07-20-p01-content_92190.txt"), seed]

    @Test func theBundledContentIsAFreshIngestOfTheDiqingPages() throws {
        let scratch = try ScratchFolder()
        let report = IngestFixtures.ingest(Self.bundledPages, content: scratch.path("Content"))
        #expect(report.succeeded)
        #expect(report.outcomes.map(\.kind) == [.written, .written, .written, .written])
        let bundled = TestSupport.packageRoot.appendingPathComponent("Content")
        let committed = Self.files(under: bundled).filter { $0 != "site.yml" }
        #expect(
            committed == Self.files(under: scratch.path("Content")),
            "Content/ holds other files than a fresh ingest writes")
        #expect(
            committed == ["2017/07/20/01/01.md", "2017/07/20/issue.yml", "2018/07/19/03/05.md", "2018/07/19/issue.yml"])
        for file in committed {
            let text = try String(contentsOf: bundled.appendingPathComponent(file), encoding: .utf8)
            #expect(try scratch.read("Content/" + file) == text, "Content/\(file) differs from a fresh ingest")
        }
    }

    static func files(under folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var files: [String] = []
        while let path = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    @Test func whatIngestWritesLoadsBackWithTheSameFields() throws {
        let scratch = try ScratchFolder()
        let content = scratch.path("Content")
        let samples = [
            "dqrb-2018-07-19-p03-dangjian.txt", "gmrb-2012-10-27.txt", "ljdb-2026-02-15.txt",
            "zswb-2025-12-18.txt", "hbrb-2023-02-11-fragments.html", "kjrb-2023-02-10-node_2.htm",
            "glrb-2025-07-14.txt",
        ]
        let report = IngestFixtures.ingest(samples.map(IngestFixtures.url), content: content)
        #expect(report.succeeded, "\(report.outcomes.filter { $0.kind == .rejected })")
        let loaded = try ContentLoader(root: content).load()
        let parsed = try samples.flatMap { try IngestFixtures.parse($0).articles }
        #expect(loaded.articles.count == parsed.count)
        for article in parsed {
            let back = try #require(
                loaded.articles.first {
                    $0.title == article.title && $0.source == article.source && $0.page == article.page
                })
            #expect(back.kicker == article.kicker)
            #expect(back.subtitle == article.subtitle)
            #expect(back.authors == article.authors)
            #expect(back.byline == article.byline)
            #expect(back.captions == article.captions)
            #expect(back.date == article.date)
            #expect(back.weekday == article.weekday)
            #expect(back.pageName == article.pageName)
            #expect(back.body == "\n" + article.body + "\n")
            if let order = article.order { #expect(back.order == order) }
        }
        #expect(loaded.listings.count == 3)
        // And the site builds from it.
        try scratch.build(content: content)
    }

    @Test func quotedValuesRoundTrip() throws {
        let scratch = try ScratchFolder()
        let tricky = [
            "- 列表?", "null", "a: b", "#标签", "\"引号\" 与 \\", "尾随冒号:", "'单引号'", "含\u{2028}分隔", "true", "[方括号]", "…",
        ]
        for (index, title) in tricky.enumerated() {
            let article = Article(
                sourcePath: "", title: title, kicker: title, authors: [title], byline: title,
                date: IssueDate(iso: "2020-01-02")!, page: PageLabel("A3")!, pageName: title,
                order: index + 1, captions: [title], source: title, body: "正文")
            try scratch.write(["Content/\(article.slot.contentPath)": ArticleFile.text(for: article)])
        }
        let loaded = try ContentLoader(root: scratch.path("Content")).load().articles.sorted { $0.order < $1.order }
        #expect(loaded.map(\.title) == tricky)
        #expect(loaded.map(\.kicker) == tricky)
        #expect(loaded.map(\.authors) == tricky.map { [$0] })
        #expect(loaded.map(\.pageName) == tricky)
        #expect(loaded.map(\.source) == tricky)
    }

    @Test func ingestingAgainChangesNothing() throws {
        let scratch = try ScratchFolder()
        let content = scratch.path("Content")
        let inputs = [Self.seed, IngestFixtures.url("hbrb-2023-02-11-fragments.html")]
        _ = IngestFixtures.ingest(inputs, content: content)
        let before = try snapshot(content)
        let again = IngestFixtures.ingest(inputs, content: content)
        // The fragments' photos were not saved beside them: reported again, nothing written.
        #expect(again.outcomes.allSatisfy { $0.kind == .unchanged || $0.kind == .missing })
        #expect(again.count(.unchanged) == 33)
        #expect(try snapshot(content) == before)
    }

    @Test func aFileEditedByHandIsKeptUnlessForced() throws {
        let scratch = try ScratchFolder()
        let content = scratch.path("Content")
        _ = IngestFixtures.ingest([Self.seed], content: content)
        let path = "Content/2018/07/19/03/05.md"
        let edited = try scratch.read(path).replacingOccurrences(of: "陈义", with: "陈 义")
        try scratch.write([path: edited])
        let kept = IngestFixtures.ingest([Self.seed], content: content)
        #expect(kept.outcomes.map(\.kind) == [.unchanged, .kept])
        #expect(kept.succeeded)
        #expect(try scratch.read(path) == edited)
        let forced = IngestFixtures.ingest([Self.seed], content: content) { $0.force = true }
        #expect(forced.outcomes.map(\.kind) == [.unchanged, .updated])
        #expect(try scratch.read(path).contains("  - 陈义\n"))
    }

    @Test func aHandWrittenFileInTheSlotOfAnotherArticleIsNotOverwritten() throws {
        let scratch = try ScratchFolder()
        let path = "Content/2018/07/19/03/05.md"
        try scratch.write([path: articleFile(title: "另一篇", position: "5")])
        let report = IngestFixtures.ingest([Self.seed], content: scratch.path("Content")) { $0.force = true }
        #expect(!report.succeeded)
        #expect(report.outcomes.last?.kind == .rejected)
        #expect(report.outcomes.last?.reason?.contains("另一篇") == true)
        #expect(try scratch.read(path).contains("title: 另一篇"))
    }

    @Test func positionsComeFromThePrintedTitleListThenTheNextFreeOne() throws {
        let scratch = try ScratchFolder()
        var other = try IngestFixtures.text("dqrb-2018-07-19-p03-dangjian.txt")
        other = other.replacingOccurrences(of: "\n党建引领聚合力 打赢脱贫攻坚战\n——", with: "\n宣讲十九大精神\n——")
        let copy = try scratch.write(["in/b.txt": other]).appendingPathComponent("in/b.txt")
        let report = IngestFixtures.ingest([Self.seed, copy, copy], content: scratch.path("Content")) {
            $0.page = PageLabel("3")
        }
        let rejected = report.outcomes.filter { $0.kind == .rejected }
        #expect(rejected.isEmpty, "b.txt is title 6 of the printed list: its own slot")
        #expect(scratch.exists("Content/2018/07/19/03/06.md"))
        // A second input whose title is not on the page's list takes the next free position.
        let unlisted = try scratch.write([
            "in/c.txt": other.replacingOccurrences(of: "\n宣讲十九大精神\n——", with: "\n新的标题\n——")
        ])
        .appendingPathComponent("in/c.txt")
        let next = IngestFixtures.ingest([unlisted], content: scratch.path("Content"))
        #expect(next.outcomes.last?.target == "Content/2018/07/19/03/09.md")
        // Ingested again, it finds its own file (same title) and keeps that position.
        let again = IngestFixtures.ingest([unlisted], content: scratch.path("Content"))
        #expect(again.outcomes.last?.kind == .unchanged && again.outcomes.last?.target == "Content/2018/07/19/03/09.md")
    }

    @Test func aStoryIngestedBeforeItsTitleListMovesToItsPrintedPosition() throws {
        let scratch = try ScratchFolder()
        let content = scratch.path("Content")
        // Without the trailing title list the article takes the first free position.
        let seed = try IngestFixtures.text("dqrb-2018-07-19-p03-dangjian.txt")
        let cut = try #require(seed.range(of: "登报作废"))
        let early = try scratch.write(["in/early.txt": String(seed[..<cut.lowerBound])]).appendingPathComponent(
            "in/early.txt")
        let first = IngestFixtures.ingest([early], content: content)
        #expect(first.outcomes.map(\.target) == ["Content/2018/07/19/issue.yml", "Content/2018/07/19/03/01.md"])
        // The full page knows it is the 5th title: the file moves, nothing is left behind.
        let second = IngestFixtures.ingest([Self.seed], content: content)
        #expect(second.outcomes.map(\.kind) == [.updated, .updated])
        #expect(second.outcomes.last?.target == "Content/2018/07/19/03/05.md")
        #expect(!scratch.exists("Content/2018/07/19/03/01.md"))
        #expect(try ContentLoader(root: content).load().articles.map(\.order) == [5])
    }

    @Test func issueListingMergeAddsAndNeverDrops() throws {
        let scratch = try ScratchFolder()
        try scratch.write([
            "Content/2018/07/19/issue.yml": """
            date: 2018-07-19
            pages:
              - page: 1
                name: 一版名由编辑改过
              - page: 5
                name: 编辑加的版
            """
        ])
        _ = IngestFixtures.ingest([Self.seed], content: scratch.path("Content"))
        let listing = try #require(try ContentLoader(root: scratch.path("Content")).load().listings.first)
        #expect(listing.pages.map(\.page.description) == ["1", "2", "3", "4", "5"])
        #expect(listing.pages.map(\.name) == ["一版名由编辑改过", "要闻", "要闻", "卫生与健康", "编辑加的版"])
        #expect(listing.pages[2].titles.count == 8)
    }

    @Test func rejectionsNameTheReasonAndWriteNothing() throws {
        let scratch = try ScratchFolder()
        try scratch.write(["in/notitle.txt": "上一篇 下一篇 放大 缩小 默认\n", "in/binary.txt": "\u{0}\u{1}abc"])
        let gzrb = IngestFixtures.url("gzrb-2024-09-12.txt")
        let report = IngestFixtures.ingest(
            [scratch.path("in"), gzrb, scratch.path("missing.txt")], content: scratch.path("Content"))
        #expect(report.rejectedInputs == 4)
        #expect(!report.succeeded)
        #expect(report.outcomes.contains { $0.reason?.contains("--page") == true })
        #expect(report.outcomes.contains { $0.reason?.contains("NUL") == true })
        #expect(!scratch.exists("Content"))
        // Told the page, the same input is ingested.
        let fixed = IngestFixtures.ingest([gzrb], content: scratch.path("Content")) { $0.page = PageLabel("1") }
        #expect(fixed.succeeded && fixed.outcomes.map(\.target) == ["Content/2024/09/12/01/01.md"])
    }

    @Test func dryRunWritesNothing() throws {
        let scratch = try ScratchFolder()
        let report = IngestFixtures.ingest([Self.seed], content: scratch.path("Content")) { $0.dryRun = true }
        #expect(report.outcomes.map(\.kind) == [.written, .written])
        #expect(!scratch.exists("Content"))
    }

    @Test func publicationRefusesOtherPapers() throws {
        let scratch = try ScratchFolder()
        let report = IngestFixtures.ingest(
            [IngestFixtures.url("gmrb-2012-10-27.txt"), Self.seed], content: scratch.path("Content")
        ) {
            $0.publication = "迪庆日报"
        }
        #expect(report.rejectedInputs == 1)
        #expect(report.outcomes.first?.reason?.contains("光明日报") == true)
    }

    @Test func buildIngestsTheInboxFirst() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        let inbox = content.appendingPathComponent("_inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: IngestFixtures.url("ljdb-2026-02-15.txt"), to: inbox.appendingPathComponent("ljdb.txt"))
        try FileManager.default.copyItem(
            at: IngestFixtures.url("ljdb-2026-02-15.url"), to: inbox.appendingPathComponent("ljdb.url"))
        try FileManager.default.copyItem(
            at: IngestFixtures.url("gzrb-2024-09-12.txt"), to: inbox.appendingPathComponent("gzrb.txt"))
        let builder = SiteBuilder(
            options: .init(content: content, templates: TestSupport.templates, output: scratch.path("Public")))
        let report = try Inbox.thenBuild(builder)
        #expect(report.inbox.ingested == 1 && report.inbox.rejected == 1)
        #expect(report.summary.hasSuffix("; inbox: 1 ingested, 1 rejected"))
        #expect(scratch.exists("Content/2026/02/15/07/01.md"))
        #expect(scratch.exists("Public/2026/02/15/07/01.html"))
        #expect(
            scratch.exists("Content/_inbox/ingested/ljdb.txt") && scratch.exists("Content/_inbox/ingested/ljdb.url"))
        #expect(!scratch.exists("Content/_inbox/ljdb.txt"))
        #expect(try scratch.read("Content/_inbox/gzrb.txt.rejected.txt").contains("--page"))
        #expect(scratch.exists("Content/_inbox/gzrb.txt"))
        let again = try Inbox.thenBuild(builder)
        #expect(again.inbox.ingested == 0 && again.inbox.rejected == 1)
    }

    func snapshot(_ folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for relative in try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted() {
            let url = folder.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[relative] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        return files
    }
}
