import Foundation
import Testing

@testable import SitegenKit

/// After every kind of edit, an incremental build publishes exactly what a clean build of the
/// same input publishes, and writes only the files that changed.
@Suite struct IncrementalBuildTests {
    /// A scratch project with the fixture archive and a copy of the templates, built once.
    struct Project {
        let scratch: ScratchFolder
        let content: URL
        let templates: URL

        init() throws {
            scratch = try ScratchFolder()
            content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
            templates = try scratch.copy(TestSupport.templates, to: "Templates")
            try build()
        }

        @discardableResult
        func build(clean: Bool = false, output: String = "Public") throws -> SiteBuilder.Report {
            try SiteBuilder(
                options: .init(content: content, templates: templates, output: scratch.path(output), clean: clean)
            ).build()
        }

        func edit(_ relative: String, in folder: URL, _ change: (String) -> String) throws {
            let url = folder.appendingPathComponent(relative)
            let text = try String(contentsOf: url, encoding: .utf8)
            try change(text).write(to: url, atomically: false, encoding: .utf8)
        }

        /// Every file of a built site, path → bytes (dot-entries are not the site's).
        func files(_ output: String) throws -> [String: Data] {
            try Self.files(at: scratch.path(output))
        }

        static func files(at root: URL) throws -> [String: Data] {
            var files: [String: Data] = [:]
            for path in try FileManager.default.subpathsOfDirectory(atPath: root.path) where !path.hasPrefix(".") {
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(
                    atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder)
                if exists && !isFolder.boolValue {
                    files[path] = try Data(contentsOf: root.appendingPathComponent(path))
                }
            }
            return files
        }

        /// The published files that differ from `before` (added, changed or gone), search index aside.
        func changedPages(since before: [String: Data]) throws -> [String] {
            let after = try files("Public")
            return Set(before.keys).union(after.keys).filter {
                !SearchIndexLayout.isIndexFile($0) && before[$0] != after[$0]
            }.sorted()
        }

        /// Builds incrementally, then cleanly elsewhere, and compares.
        @discardableResult
        func expectIncrementalEqualsClean(sourceLocation: SourceLocation = #_sourceLocation) throws
            -> SiteBuilder.Report
        {
            let report = try build()
            try build(clean: true, output: "Clean-\(UUID().uuidString)")
            let clean = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).first {
                $0.hasPrefix("Clean-")
            }!
            let incremental = try files("Public")
            let expected = try files(clean)
            #expect(incremental.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
            for (path, data) in expected where incremental[path] != data {
                Issue.record("\(path) differs from a clean build", sourceLocation: sourceLocation)
            }
            try FileManager.default.removeItem(at: scratch.path(clean))
            return report
        }
    }

    @Test func aSecondBuildWithNothingChangedWritesNothing() throws {
        let project = try Project()
        let clean = try project.build(clean: true, output: "Clean")
        let report = try project.build()
        #expect(report.filesWritten == 0)
        #expect(report.filesUnchanged > 30)
        // Same inputs as the published site's: the build stops after reading them.
        #expect(report.timings.map(\.phase) == ["scan"])
        #expect(report.articles == clean.articles && report.issues == clean.issues)
        #expect(report.filesUnchanged == clean.filesWritten)
    }

    @Test func aNewBaseURLOptionIsAChangedInput() throws {
        let project = try Project()
        let report = try SiteBuilder(
            options: .init(
                content: project.content, templates: project.templates,
                output: project.scratch.path("Public"), baseURL: "https://elsewhere.example/")
        ).build()
        #expect(report.filesWritten > 0)
        #expect(try project.scratch.read("Public/index.html").contains("https://elsewhere.example/"))
    }

    @Test func addingAnArticleRewritesOnlyWhatShowsIt() throws {
        let project = try Project()
        let before = try project.files("Public")
        try project.scratch.write(
            [
                "2018/07/18/02/02.md": articleFile(
                    title: "新增的文章", date: "2018-07-18", page: "2", position: "2",
                    extra: "page_name: 要闻")
            ], under: "Content")
        try project.expectIncrementalEqualsClean()
        // The article, its neighbour, its page and issue, the 往期 index, feed and sitemap;
        // nothing of the other issues.
        let changed = try project.changedPages(since: before)
        #expect(changed.count > 3 && changed.count < 15, "\(changed)")
        #expect(!changed.contains { $0.hasPrefix("2019/") || $0.hasPrefix("2018/07/19/") }, "\(changed)")
        #expect(try project.scratch.read("Public/2018/07/18/02/01.html").contains("新增的文章"))
    }

    /// A page's article count (`article_count`) reaches the other pages of its issue only when
    /// their templates name it: the shipped ones do not, so an article added to page 1 leaves the
    /// articles of page 3 as they were (same file); a 版面导航 showing counts re-renders them.
    @Test func articleCountsReachOnlyThePagesWhoseTemplatesShowThem() throws {
        let project = try Project()
        let before = try Self.inodes(under: project.scratch.path("Public"))
        try project.scratch.write(
            ["2018/07/19/01/02.md": articleFile(title: "新增的文章", page: "1", position: "2")], under: "Content")
        try project.expectIncrementalEqualsClean()
        let after = try Self.inodes(under: project.scratch.path("Public"))
        #expect(after["2018/07/19/03/06.html"] == before["2018/07/19/03/06.html"])
        #expect(after["2018/07/19/03/05.html"] != before["2018/07/19/03/05.html"], "its 上一篇 is the new article")

        try project.edit("partials/page-nav.mustache", in: project.templates) {
            $0.replacingOccurrences(of: "{{heading}}</a>", with: "{{heading}}（{{article_count}}篇）</a>")
        }
        try project.build()
        try project.scratch.write(
            ["2018/07/19/01/03.md": articleFile(title: "又一篇", page: "1", position: "3")], under: "Content")
        try project.expectIncrementalEqualsClean()
        #expect(try project.scratch.read("Public/2018/07/19/03/06.html").contains("第1版:头版（3篇）"))
    }

    /// Fingerprints come from what the compiled templates read: a variable an editor adds to a
    /// template (here an article's `source`, which no shipped template shows) makes its input part
    /// of the fingerprint, so editing only that input re-renders the page showing it, and nothing else.
    @Test func aVariableAddedToATemplateMakesItsInputCount() throws {
        let project = try Project()
        try project.edit("article.mustache", in: project.templates) {
            $0.replacingOccurrences(
                of: "<h2 id=\"cite-heading\">引用</h2>",
                with: "<h2 id=\"cite-heading\">引用</h2>\n<p class=\"source\">{{source}}</p>")
        }
        try project.build()
        let before = try project.files("Public")
        #expect(try project.scratch.read("Public/2018/07/19/03/05.html").contains("content_1.htm</p>"))
        try project.edit("2018/07/19/03/05.md", in: project.content) {
            $0.replacingOccurrences(of: "content_1.htm", with: "content_9.htm")
        }
        try project.expectIncrementalEqualsClean()
        #expect(try project.changedPages(since: before) == ["2018/07/19/03/05.html"])
        #expect(try project.scratch.read("Public/2018/07/19/03/05.html").contains("content_9.htm</p>"))
    }

    /// A page's name reaches the other pages of its issue only through the 版面导航, a section read
    /// once per element: renaming it must still reach them all.
    @Test func aNameOnlyThePageNavigationShowsReachesEveryPageOfTheIssue() throws {
        let project = try Project()
        let before = try project.files("Public")
        try project.edit("2018/07/19/issue.yml", in: project.content) {
            $0.replacingOccurrences(of: "name: 卫生与健康", with: "name: 健康生活")
        }
        try project.expectIncrementalEqualsClean()
        let changed = try project.changedPages(since: before)
        for article in ["2018/07/19/01/01.html", "2018/07/19/03/05.html", "2018/07/19/03/06.html"] {
            #expect(changed.contains(article), "\(article) not re-rendered: \(changed)")
            #expect(try project.scratch.read("Public/" + article).contains("健康生活</a>"))
        }
    }

    @Test func editingAnArticleBody() throws {
        let project = try Project()
        let before = try project.files("Public")
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n新增一段。\n" }
        try project.expectIncrementalEqualsClean()
        let changed = try project.changedPages(since: before)
        #expect(changed.count > 0 && changed.count < 10, "\(changed)")
    }

    @Test func editingAnArticleTitleReachesItsNeighboursAndPage() throws {
        let project = try Project()
        try project.edit("2018/07/19/03/06.md", in: project.content) {
            $0.replacingOccurrences(of: "宣讲十九大精神 <深入基层>", with: "改过的标题")
        }
        try project.expectIncrementalEqualsClean()
        #expect(try project.scratch.read("Public/2018/07/19/03/05.html").contains("改过的标题"))
    }

    @Test func editingATitleReachesTheNeighbourOnAnotherPage() throws {
        // 上一篇 of the first article on page 3 is the last of page 1.
        let project = try Project()
        try project.edit("2018/07/19/01/01.md", in: project.content) {
            $0.replacingOccurrences(of: "全州经济运行稳中向好", with: "另一个标题")
        }
        try project.expectIncrementalEqualsClean()
        #expect(try project.scratch.read("Public/2018/07/19/03/05.html").contains("上一篇 <small>另一个标题"))
    }

    @Test func deletingAnArticleRemovesItsPage() throws {
        let project = try Project()
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("2019/01/02/A10/01.md"))
        try project.expectIncrementalEqualsClean()
        #expect(!project.scratch.exists("Public/2019/01/02/A10/01.html"))
        #expect(!project.scratch.exists("Public/2019/01/02/A10"))
    }

    @Test func deletingAWholeIssue() throws {
        let project = try Project()
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("2019"))
        try project.expectIncrementalEqualsClean()
    }

    @Test func aNewIssueOnTheSameDayBringsHistoryOntoTheHomePage() throws {
        let project = try Project()
        #expect(!(try project.scratch.read("Public/index.html")).contains("历史上的今天"))
        _ = try project.scratch.write(
            ["2019/07/19/01/01.md": articleFile(title: "一年以后", date: "2019-07-19", page: "1")], under: "Content")
        try project.expectIncrementalEqualsClean()
        let home = try project.scratch.read("Public/index.html")
        #expect(home.contains("历史上的今天"))
        #expect(home.contains("href=\"2018/07/19/index.html\">2018年7月19日 星期四</a>"))
        // Then that earlier issue goes: the home page drops it again.
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("2018/07/19"))
        try project.expectIncrementalEqualsClean()
        #expect(!(try project.scratch.read("Public/index.html")).contains("历史上的今天"))
    }

    /// A month page shows its issues' pages and links the nearest months with issues: an issue in a
    /// new month adds that month's page and reaches its neighbours' 上一月/下一月, nothing older.
    @Test func anIssueInANewMonthReachesTheNeighbouringMonthPages() throws {
        let project = try Project()
        let before = try project.files("Public")
        try project.scratch.write(
            ["2018/09/03/01/01.md": articleFile(title: "九月的文章", date: "2018-09-03", page: "1")], under: "Content")
        try project.expectIncrementalEqualsClean()
        let changed = try project.changedPages(since: before)
        #expect(
            changed.contains("2018/09/index.html") && changed.contains("2018/07/index.html")
                && changed.contains("2019/01/index.html"))
        #expect(try project.scratch.read("Public/2018/07/index.html").contains("下一月 <small>2018年9月</small>"))
        // A new page in an issue reaches its month page; then the month's last issue goes.
        try project.scratch.write(
            ["2018/07/18/05/01.md": articleFile(title: "第五版", date: "2018-07-18", page: "5")], under: "Content")
        try project.expectIncrementalEqualsClean()
        #expect(try project.scratch.read("Public/2018/07/index.html").contains("第5版"))
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("2018/09"))
        try project.expectIncrementalEqualsClean()
        #expect(!project.scratch.exists("Public/2018/09/index.html"))
    }

    @Test func editingTheArticleTemplateRerendersOnlyArticlePages() throws {
        let project = try Project()
        try project.edit("article.mustache", in: project.templates) {
            $0.replacingOccurrences(of: "<article class=\"article\">", with: "<article class=\"article edited\">")
        }
        let report = try project.expectIncrementalEqualsClean()
        #expect(
            report.filesWritten == 10,
            "an article template edit should rewrite the 10 article pages, wrote \(report.filesWritten)")
    }

    @Test func editingAPartialRerendersThePagesUsingIt() throws {
        let project = try Project()
        try project.edit("partials/footer.mustache", in: project.templates) {
            $0.replacingOccurrences(of: "往期</a>", with: "往期档案</a>")
        }
        let report = try project.expectIncrementalEqualsClean()
        let pages = try project.files("Public").keys.filter { $0.hasSuffix(".html") }.count
        #expect(report.filesWritten == pages, "every page, nothing else (feed, sitemap, assets, search index)")
    }

    @Test func editingAnIssueListing() throws {
        let project = try Project()
        try project.edit("2018/07/19/issue.yml", in: project.content) {
            $0.replacingOccurrences(of: "name: 卫生与健康", with: "name: 健康").replacingOccurrences(
                of: "      - 遗失声明\n", with: "")
        }
        try project.expectIncrementalEqualsClean()
    }

    @Test func editingSiteSettingsAndAssets() throws {
        let project = try Project()
        try project.scratch.write(["site.yml": "title: 改名日报\nbase_url: https://x.example.org/\n"], under: "Content")
        try project.edit("assets/site.css", in: project.templates) { $0 + "\n/* edited */\n" }
        try project.expectIncrementalEqualsClean()
    }

    @Test func aStagingReplacedByHandIsRebuiltNotPatched() throws {
        let project = try Project()
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n一\n" }
        try project.build()  // Public = v2, staging = v1
        try FileManager.default.removeItem(at: project.scratch.path(".Public.staging"))
        try FileManager.default.createDirectory(
            at: project.scratch.path(".Public.staging"), withIntermediateDirectories: true)
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n二\n" }
        try project.expectIncrementalEqualsClean()
    }

    /// A build killed while it updates the staging tree leaves the state file as it was, still
    /// describing the staging tree: the mark `prepareStaging` leaves in the staging tree must keep the next build
    /// from trusting the half-updated files.
    @Test func aStagingABuildStartedToUpdateIsNeverTrusted() throws {
        let project = try Project()
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n一\n" }
        try project.build()  // Public = v2, staging = v1, both recorded
        let output = OutputDirectory(destination: project.scratch.path("Public"))
        let state = BuildState.load(for: project.scratch.path("Public"), contentRoot: project.content)
        #expect(state.staging != nil && OutputDirectory.trusted(state.staging, at: output.staging) != nil)
        // The killed build: the staging tree is prepared and one of its pages half-written, nothing saved.
        _ = try output.prepareStaging(stagingRecord: state.staging, publishedRecord: state.published)
        // As a build writes (the file replaced, never written through: it may be a link to the live one).
        try Array("half-written".utf8).withUnsafeBufferPointer {
            try FileIO.replace(with: $0, at: output.staging.appendingPathComponent("2018/07/19/index.html").path)
        }
        #expect(OutputDirectory.trusted(state.staging, at: output.staging) == nil)
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n二\n" }
        try project.expectIncrementalEqualsClean()
        #expect(!FileManager.default.fileExists(atPath: project.scratch.path("Public/.sitegen-unfinished").path))
    }

    @Test func aFilePutIntoThePublishedSiteIsNeverPublishedAgain() throws {
        let project = try Project()
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n一\n" }
        try project.build()  // Public = v2, staging = v1
        try project.scratch.write(["2018/07/19/unrecorded.html": "not sitegen's"], under: "Public")
        for round in 2...3 {  // Public (with the unrecorded) becomes the staging tree, then is updated and published
            try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n第\(round)次\n" }
            try project.expectIncrementalEqualsClean()
        }
        #expect(!project.scratch.exists("Public/2018/07/19/unrecorded.html"))
    }

    @Test func aLostStateFileOnlyMakesTheNextBuildFull() throws {
        let project = try Project()
        try FileManager.default.removeItem(at: project.scratch.path(".sitegen"))
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n一\n" }
        try project.expectIncrementalEqualsClean()
    }

    @Test func aStateWrittenByAnotherSitegenBinaryIsNotUsed() throws {
        let project = try Project()
        let file = BuildState.location(for: project.scratch.path("Public"))
        var bytes = try Data(contentsOf: file)
        #expect(bytes.count > BuildState.magic.count + 8)
        bytes[BuildState.magic.count] ^= 0xFF  // the generator stamp: another binary
        try bytes.write(to: file)
        #expect(BuildState.summary(for: project.scratch.path("Public")) == nil)
        // Nothing changed, yet everything is made again, exactly as a clean build makes it.
        let report = try project.expectIncrementalEqualsClean()
        #expect(report.timings.map(\.phase).contains("plan"))
        #expect(report.filesUnchanged == 0 && report.filesWritten > 30)
        // `--timings` shows each phase's CPU time beside its wall time: rendering 30 pages takes some.
        #expect(report.timings.allSatisfy { $0.cpu >= 0 })
        #expect(report.timings.reduce(0) { $0 + $1.cpu } > 0)
    }

    @Test func editsAcrossSeveralBuildsStayInStep() throws {
        // Each build updates the tree that was published two builds ago.
        let project = try Project()
        for round in 1...4 {
            try project.edit("2018/07/18/01/02.md", in: project.content) { $0 + "\n第\(round)次修改。\n" }
            try project.expectIncrementalEqualsClean()
        }
    }

    /// The search index is kept in blocks of at most 300 articles: an edit makes its block again and no
    /// other, and the result equals a clean build.
    @Test func anEditRewritesOneSearchBlock() throws {
        let scratch = try ScratchFolder()
        var files: [String: String] = [:]
        for number in 0..<2_050 {
            let day = number / 40
            let page = (number / 10) % 4 + 1
            let order = number % 10 + 1
            let date = IssueDate(year: 2001, month: 1, day: 1)!
            var target = date
            for _ in 0..<day { target = target.next }
            files["\(target.path)/0\(page)/\(ArchivePath.padded(order)).md"] =
                articleFile(
                    title: "第\(number)篇", date: target.iso, page: "\(page)", position: "\(order)", body: "正文\(number)。")
        }
        let content = try scratch.write(files, under: "Content")
        let build = { (clean: Bool, output: String) in
            _ = try SiteBuilder(
                options: .init(
                    content: content, templates: TestSupport.templates, output: scratch.path(output), clean: clean)
            ).build()
        }
        try build(false, "Public")
        let before = try Project.files(at: scratch.path("Public"))
        let inodesBefore = try Self.inodes(under: scratch.path("Public/search"))
        let edited = content.appendingPathComponent(files.keys.sorted()[5])
        try (String(contentsOf: edited, encoding: .utf8) + "\n花椒之乡\n").write(
            to: edited, atomically: false, encoding: .utf8)
        try build(false, "Public")
        try build(true, "Clean")
        let after = try Project.files(at: scratch.path("Public"))
        #expect(after == (try Project.files(at: scratch.path("Clean"))))
        // 40 articles a day: each ten-day period's 400 (440) make two blocks of 200 (220).
        let changedBlocks = Set(
            after.keys.filter { before[$0] != after[$0] }.compactMap { SearchIndexLayout.block(of: $0) })
        #expect(changedBlocks == ["2001-01-1-0"], "blocks rewritten: \(changedBlocks)")
        // Within the block, only the files whose bytes changed were written: the other records
        // and postings are still the very files published before (same inode).
        let inodesAfter = try Self.inodes(under: scratch.path("Public/search"))
        let blockFiles = inodesAfter.keys.filter { SearchIndexLayout.block(of: "search/" + $0) == "2001-01-1-0" }
        let written = blockFiles.filter { inodesBefore[$0] != inodesAfter[$0] }
        let changed = blockFiles.filter { before["search/" + $0] != after["search/" + $0] }
        #expect(
            !changed.isEmpty && Set(written) == Set(changed), "written \(written.sorted()), changed \(changed.sorted())"
        )
        #expect(
            written.count < blockFiles.count / 2, "\(written.count) of the block's \(blockFiles.count) files written")
    }

    /// The first build of a site leaves a staging tree that already mirrors it (hard links to the same
    /// files), recorded in the state, so the next build updates it instead of linking the site anew.
    @Test func theFirstBuildLeavesItsStagingReady() throws {
        let project = try Project()  // its first build
        let output = OutputDirectory(destination: project.scratch.path("Public"))
        #expect(!project.scratch.exists(".Public.linked-copy"))
        let published = try Self.inodes(under: project.scratch.path("Public"))
        let staging = try Self.inodes(under: output.staging)
        #expect(published.count > 30 && staging == published)
        let state = BuildState.load(for: project.scratch.path("Public"), contentRoot: project.content)
        #expect(OutputDirectory.trusted(state.staging, at: output.staging) != nil)
        #expect(state.staging?.outputs == state.published?.outputs)
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n一\n" }
        try project.expectIncrementalEqualsClean()
        // Only the changed files were replaced in the staging tree, now published: the rest are the first build's.
        let after = try Self.inodes(under: project.scratch.path("Public"))
        #expect(after.filter { published[$0.key] != $0.value }.count < 12)
    }

    /// A linked copy left by a killed first build is neither trusted nor left lying around.
    @Test func aLinkedCopyLeftByAKilledBuildIsRemoved() throws {
        let scratch = try ScratchFolder()
        try scratch.write(["index.html": "half a site", "2018/unrecorded.html": "old"], under: ".Public.linked-copy")
        let options = SiteBuilder.Options(
            content: TestSupport.fixtureContent, templates: TestSupport.templates,
            output: scratch.path("Public"))
        _ = try SiteBuilder(options: options).build()
        #expect(!scratch.exists(".Public.linked-copy") && !scratch.exists(".Public.staging/2018/unrecorded.html"))
        #expect(
            try Self.inodes(under: scratch.path(".Public.staging")) == (try Self.inodes(under: scratch.path("Public"))))
        try scratch.write(["x": "y"], under: ".Public.linked-copy")  // and when a site is published already
        _ = try SiteBuilder(
            options: .init(
                content: TestSupport.fixtureContent, templates: TestSupport.templates,
                output: scratch.path("Public"), clean: true)
        ).build()
        #expect(!scratch.exists(".Public.linked-copy"))
    }

    /// A staging tree that cannot be trusted is moved aside and removed while the build goes on; the
    /// build returns only once it is gone, along with any removal a killed build left unfinished.
    @Test func anUntrustedStagingIsRemovedBeforeTheBuildReturns() throws {
        let project = try Project()
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n一\n" }
        try project.build()  // Public = v2, staging = v1
        try project.scratch.write(["2018/staging-only.html": "in the staging tree"], under: ".Public.staging")
        try project.scratch.write(["123-456/2018/index.html": "left by a killed build"], under: ".Public.discarded")
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n二\n" }
        try project.build(clean: true)
        #expect(!project.scratch.exists(".Public.discarded"))
        #expect(
            !project.scratch.exists("Public/2018/staging-only.html")
                && !project.scratch.exists(".Public.staging/2018/staging-only.html"))
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n三\n" }
        try project.expectIncrementalEqualsClean()  // the staging tree --clean left is not recorded: discarded again
        let state = BuildState.load(for: project.scratch.path("Public"), contentRoot: project.content)
        #expect(OutputDirectory.trusted(state.staging, at: project.scratch.path(".Public.staging")) != nil)
        try project.scratch.write(["789-012/index.html": "left by another killed build"], under: ".Public.discarded")
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n四\n" }
        try project.expectIncrementalEqualsClean()  // with a staging tree it trusts
        #expect(!project.scratch.exists(".Public.discarded"))
    }

    /// With no record to start from (`--clean`), the staging tree is reused as it is: a file with no
    /// other name is rewritten in place (same inode), a file the published site shares is never
    /// written through, and whatever the new site does not have is removed, whatever it is.
    @Test func aCleanBuildReusesTheStagingWithoutTrustingIt() throws {
        let project = try Project()
        let scratch = project.scratch
        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n一\n" }
        try project.build()  // Public = v2, staging = v1; files the edit left alone are shared by both
        let published = try project.files("Public")
        let publishedInodes = Set(try Self.inodes(under: scratch.path("Public")).values)
        let ownFiles = try Self.inodes(under: scratch.path(".Public.staging")).filter {
            !publishedInodes.contains($0.value)
        }
        #expect(ownFiles.keys.contains("2018/07/19/01/01.html"))
        // Hand-made oddities: an unrecorded file, a folder where the site has a file, and a link to a
        // folder outside where the site has a folder.
        try FileManager.default.removeItem(at: scratch.path(".Public.staging/2018/07/19/index.html"))
        try scratch.write(
            ["2018/unrecorded.html": "not the site's", "2018/07/19/index.html/inner.html": "a folder"],
            under: ".Public.staging")
        let searchFile = try #require(ownFiles.keys.first { SearchIndexLayout.block(of: $0) != nil })  // the same, in the search index
        try FileManager.default.removeItem(at: scratch.path(".Public.staging/" + searchFile))
        try scratch.write([searchFile + "/inner": "a folder"], under: ".Public.staging")
        try scratch.write([".git/HEAD": "ref: refs/heads/main\n"], under: "Public")  // a deploy repository's
        try scratch.write([".git/stale": "from an older copy of the repository"], under: ".Public.staging")
        let outside = try scratch.write(["01.html": "outside's own"], under: "outside")
        try FileManager.default.removeItem(at: scratch.path(".Public.staging/2018/07/19/03"))
        try FileManager.default.createSymbolicLink(
            at: scratch.path(".Public.staging/2018/07/19/03"), withDestinationURL: outside)

        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n二\n" }
        try project.build(clean: true)
        try project.build(clean: true, output: "Reference")
        #expect(try project.files("Public") == (try project.files("Reference")))
        #expect(try project.files(".Public.staging") == published, "the site published before was written through")
        #expect(scratch.exists("Public/.git/HEAD") && !scratch.exists("Public/.git/stale"))
        #expect(try String(contentsOf: outside.appendingPathComponent("01.html"), encoding: .utf8) == "outside's own")
        let now = try Self.inodes(under: scratch.path("Public"))
        let stillMade = ownFiles.filter {
            now[$0.key] != nil && !$0.key.hasPrefix("2018/07/19/03/") && $0.key != searchFile
        }
        #expect(
            !stillMade.isEmpty && stillMade.allSatisfy { now[$0.key] == $0.value },
            "files of the staging tree's own were not reused")
    }

    @Test func aStagingTreeLeftUnderItsOlderNameIsTakenOver() throws {
        let project = try Project()
        let scratch = project.scratch
        try project.build()
        // What a build from before the renames left beside Public/.
        try FileManager.default.moveItem(at: scratch.path(".Public.staging"), to: scratch.path(".Public.spare"))
        try scratch.write(["index.html": "left by a killed build"], under: ".Public.twin")

        try project.edit("2018/07/19/01/01.md", in: project.content) { $0 + "\n三\n" }
        try project.build()
        try project.build(clean: true, output: "Reference")
        #expect(try project.files("Public") == (try project.files("Reference")))
        #expect(!scratch.exists(".Public.spare") && !scratch.exists(".Public.twin"))
        // Both trees were discarded in one build, the second while the first was being removed.
        #expect(!scratch.exists(".Public.discarded"))
        #expect(scratch.exists(".Public.staging"))
    }

    /// Every file under a folder, relative path → inode.
    static func inodes(under root: URL) throws -> [String: UInt64] {
        var inodes: [String: UInt64] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root.path) where !path.hasPrefix(".") {
            var status = stat()
            guard lstat(root.appendingPathComponent(path).path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                continue
            }
            inodes[path] = UInt64(status.st_ino)
        }
        return inodes
    }
}
