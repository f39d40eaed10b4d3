import Foundation
import Testing

@testable import SitegenKit

/// A build takes a page's fingerprint from the last build unless the page read an issue whose
/// articles changed (`PageReads`). What it keeps must be exactly what a full pass makes.
@Suite struct PageReadsTests {
    typealias Project = IncrementalBuildTests.Project

    /// Kinds of edit an editor makes to one article, each reaching other pages its own way: a
    /// title is in 标题导航 and 上一篇/下一篇, a page name in every 版面导航 of the issue.
    static let edits: [(name: String, change: @Sendable (String) -> String)] = [
        ("title", { Self.setting("title", in: $0) { "改" + ($0 ?? "") } }),
        ("body", { $0 + "\n新的一段。\n" }),
        ("kicker", { Self.setting("kicker", in: $0) { ($0 ?? "") + "新引题" } }),
        ("page name", { Self.setting("page_name", in: $0) { ($0 ?? "") + "新版名" } }),
    ]

    /// With the shipped templates, and with templates that read every name their views offer
    /// (`ReadPlanTests.extraNames`): a context that read an article's contents without noting
    /// its issue would leave a page here with a kept fingerprint a full pass makes otherwise.
    @Test(arguments: edits.indices, [false, true])
    func everyEditKeepsOnlyFingerprintsAFullPassMakesAlike(edit: Int, extraNames: Bool) throws {
        let project = try Project()
        if extraNames {
            for (name, extra) in ReadPlanTests.extraNames {
                try project.edit("\(name).mustache", in: project.templates) { $0 + extra }
            }
            try project.build()
        }
        let articles = try Self.articles(in: project)
        #expect(articles.count >= 10)
        for article in articles {
            try project.edit(article, in: project.content, Self.edits[edit].change)
            let report = try project.build()
            try project.build(clean: true, output: "Full")
            let kept = try #require(Self.savedReads(project, "Public"))
            let full = try #require(Self.savedReads(project, "Full"))
            #expect(kept.values == full.values, "\(Self.edits[edit].name) of \(article)")
            #expect(kept == full, "\(Self.edits[edit].name) of \(article): the pages' reads")
            #expect(report.pagesFingerprinted < full.values.count, "\(Self.edits[edit].name) of \(article)")
            try FileManager.default.removeItem(at: project.scratch.path("Full"))
        }
    }

    /// An article added to each page of each issue, then taken away again: the issue's shape
    /// changes, and the pages that read it (or the archive's article count) are walked again.
    @Test(arguments: [false, true])
    func anAddedOrRemovedArticleKeepsOnlyWhatAFullPassMakesAlike(extraNames: Bool) throws {
        let project = try Project()
        if extraNames {
            for (name, extra) in ReadPlanTests.extraNames {
                try project.edit("\(name).mustache", in: project.templates) { $0 + extra }
            }
            try project.build()
        }
        let pages = Set(try Self.articles(in: project).map { ($0 as NSString).deletingLastPathComponent })
        #expect(pages.count >= 6)
        for page in pages.sorted() {
            let folders = page.split(separator: "/")
            let file = "\(page)/98.md"
            try project.scratch.write(
                [
                    file: articleFile(
                        title: "新增于\(page)", date: "\(folders[0])-\(folders[1])-\(folders[2])",
                        page: String(folders[3]), position: "98")
                ], under: "Content")
            for step in ["added to", "removed from"] {
                let report = try project.build()
                try expectReadsOfAFullPass(project)
                let all = try #require(Self.savedReads(project, "Public")).values.count
                #expect(
                    report.pagesFingerprinted < all / 2,
                    "an article \(step) \(page): \(report.pagesFingerprinted) of \(all)")
                if step == "added to" {
                    try FileManager.default.removeItem(at: project.content.appendingPathComponent(file))
                }
            }
        }
    }

    @Test func anEditWalksThePagesThatReadItsIssueAndATemplateEditThoseWhoseReadsItChanged() throws {
        let project = try Project()
        let pages = try #require(Self.savedReads(project, "Public")).values.count
        let articles = try Self.articles(in: project).count
        try project.edit("2018/07/18/01/01.md", in: project.content) { $0 + "\n补记。\n" }
        let edit = try project.build()
        // The issue's own pages and the few that show it (home, 往期, month), not the others'.
        #expect(
            edit.pagesFingerprinted > 3 && edit.pagesFingerprinted < pages / 2, "\(edit.pagesFingerprinted) of \(pages)"
        )

        // Markup only: every article page is written again, and none is walked again.
        try project.edit("article.mustache", in: project.templates) { $0 + "\n<!-- 改 -->\n" }
        let markup = try project.build()
        #expect(markup.pagesFingerprinted == 0)
        #expect(markup.filesWritten >= articles)
        try expectReadsOfAFullPass(project)

        // A name more: the article pages are walked again, and only they.
        try project.edit("article.mustache", in: project.templates) { $0 + "{{#article}}{{source}}{{/article}}" }
        #expect(try project.build().pagesFingerprinted == articles)
        try expectReadsOfAFullPass(project)
        #expect(try project.build(clean: true, output: "Clean").pagesFingerprinted == pages)
    }

    func expectReadsOfAFullPass(_ project: Project, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try project.build(clean: true, output: "Full")
        #expect(Self.savedReads(project, "Public") == Self.savedReads(project, "Full"), sourceLocation: sourceLocation)
        try FileManager.default.removeItem(at: project.scratch.path("Full"))
    }

    /// A keyed context walked once for several pages (`ReadMemo`) hands each of them what it read.
    @Test func pagesReadTheSameIssuesWithTheMemoAsWithout() throws {
        let content = try ContentLoader(root: TestSupport.fixtureContent).load()
        let site = SiteRenderer(
            archive: Archive(articles: content.articles, listings: content.listings, site: content.site),
            templates: try TemplateSet(directory: TestSupport.templates, displayRoot: "Templates"))
        let pages = site.pages()
        let made = site.pageReads(pages, layout: 0, earlier: nil, changedIssues: nil)
        let together = made.reads
        for (number, page) in pages.enumerated() {
            let log = IssueReadLog()
            let alone = site.forOneThread(log: log).fingerprint(page.kind)
            #expect(alone == made.fingerprints[number], "\(page.path)")
            #expect(Array(together.issuesRead(by: number)) == log.takePage(), "\(page.path)")
        }
        // Each article page reads its own issue; one next to another issue reads that one's too.
        for (number, page) in pages.enumerated() {
            guard case .article(let index) = page.kind else { continue }
            #expect(
                together.issuesRead(by: number).contains(Int32(site.archive.locations[index].issue)), "\(page.path)")
        }
        #expect(pages.indices.contains { together.issuesRead(by: $0).count > 1 })
    }

    /// A keyed context (here a page of another issue) walked for one page and taken from the memo
    /// for the next must hand the next page the issue it read.
    @Test func aKeyedContextTakenFromTheMemoStillReadsItsIssue() throws {
        let content = try ContentLoader(root: TestSupport.fixtureContent).load()
        let site = SiteRenderer(
            archive: Archive(articles: content.articles, listings: content.listings, site: content.site),
            templates: try TemplateSet(directory: TestSupport.templates, displayRoot: "Templates"))
        var compiler = TemplateCompiler(source: { $0 == "t" ? "{{#page}}{{heading}}{{/page}}" : nil })
        let plan = try #require(try compiler.compileWithPlan("t", for: .object(OtherIssuesPage.fields.schema)).plan)
        var nodes = 0
        plan.numberNodes(from: &nodes)
        let log = IssueReadLog()
        let memo = ReadMemo(nodes: nodes, log: log)
        let scope = RenderScope(model: site.forOneThread(log: log).model, root: "")
        for walk in ["walked", "taken from the memo"] {
            var digest = PageDigest(memo: memo)
            plan.combine(OtherIssuesPage(scope: scope), into: &digest)
            #expect(log.takePage() == [1], "\(walk)")
        }
    }

    /// A context that shows the first page of issue 1 (keyed, as 版面导航 is), and nothing else.
    struct OtherIssuesPage: TemplateContext {
        let scope: RenderScope
        static let fields = TemplateFields<OtherIssuesPage>([
            .object("page", PageLinkContext.self) { PageLinkContext(scope: $0.scope, issue: 1, page: 0) }
        ])
    }

    @Test func savedReadsSurviveTheirEncodingAndDamageReadsAsNone() throws {
        let reads = PageReads(
            layout: 7, shapes: ["article": 5, "page": 6], issueShapes: [8, 9], articleCount: 2, paths: [10, 11, 12],
            values: [1, 2, 3], starts: [0, 1, 1, 3], issues: [4, 0, 2])
        var writer = BinaryWriter()
        reads.write(to: &writer)
        var reader = BinaryReader(writer.bytes)
        #expect(try PageReads.read(from: &reader) == reads)
        #expect(reader.isAtEnd)

        let unordered = PageReads(
            layout: 7, shapes: [:], issueShapes: [], articleCount: 0, paths: [1, 2], values: [1, 2], starts: [0, 2, 1],
            issues: [4, 0])
        var damaged = BinaryWriter()
        unordered.write(to: &damaged)
        var damagedReader = BinaryReader(damaged.bytes)
        #expect(throws: BinaryReader.Damaged.self) { try PageReads.read(from: &damagedReader) }
        var cut = BinaryReader(Array(writer.bytes.dropLast(5)))
        #expect(throws: BinaryReader.Damaged.self) { try PageReads.read(from: &cut) }
    }

    // MARK: Helpers

    static func articles(in project: Project) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: project.content.path).filter { $0.hasSuffix(".md") }
            .sorted()
    }

    static func savedReads(_ project: Project, _ output: String) -> PageReads? {
        BuildState.load(for: project.scratch.path(output), contentRoot: project.content).pageReads
    }

    /// The article's front matter with `key` set to what `value` makes of its value (nil: none).
    static func setting(_ key: String, in text: String, _ value: (String?) -> String) -> String {
        var lines = text.components(separatedBy: "\n")
        let prefix = key + ": "
        let old = lines.firstIndex { $0.hasPrefix(prefix) }
        let new = prefix + value(old.map { String(lines[$0].dropFirst(prefix.count)) })
        if let old { lines[old] = new } else { lines.insert(new, at: 1) }
        return lines.joined(separator: "\n")
    }
}
