import Foundation
import Testing

@testable import SitegenKit

/// Every kind of broken Content stops the build with the file, the line and what to fix.
@Suite struct ContentLoaderTests {
    /// Lives as long as the test: bodies are read from their files when asked for.
    let scratch: ScratchFolder

    init() throws {
        scratch = try ScratchFolder()
    }

    func load(_ files: [String: String]) throws -> LoadedContent {
        let content = try scratch.write(files, under: "Content-\(UUID().uuidString)")
        return try ContentLoader(root: content, displayRoot: "Content").load()
    }

    func errors(_ files: [String: String]) throws -> [SitegenError] {
        do {
            _ = try load(files)
            Issue.record("expected the content to be refused")
            return []
        } catch let failure as SitegenErrors {
            return failure.errors
        }
    }

    @Test func readsEveryFrontMatterField() throws {
        let content = try load([
            "2018/07/19/03/05.md": """
            ---
            title: 党建引领聚合力 打赢脱贫攻坚战
            kicker: 引题
            subtitle: ——三坝乡抓党建促脱贫攻坚工作纪实
            authors:
              - 陈义
              - 和丽
            byline: 本报记者 陈义 和丽
            date: 2018-07-19
            page: 3
            page_name: 要闻
            order: 5
            captions: [图一 摄, 图二 供图]
            source: http://example.org/a.htm
            ---

            正文第一段。
            """
        ])
        let article = try #require(content.articles.first)
        #expect(article.title == "党建引领聚合力 打赢脱贫攻坚战")
        #expect(article.kicker == "引题")
        #expect(article.subtitle == "三坝乡抓党建促脱贫攻坚工作纪实")
        #expect(article.authors == ["陈义", "和丽"])
        #expect(article.byline == "本报记者 陈义 和丽")
        #expect(article.slot == Article.Slot(date: IssueDate(iso: "2018-07-19")!, page: PageLabel("3")!, order: 5))
        #expect(article.pageName == "要闻")
        #expect(article.captions == ["图一 摄", "图二 供图"])
        #expect(article.source == "http://example.org/a.htm")
        #expect(article.body == "\n正文第一段。")
        #expect(article.sourcePath == "2018/07/19/03/05.md")
    }

    /// `weekday` is optional and never refused (the build ignored it before it existed); its
    /// text and line are kept for `sitegen check`.
    @Test func readsThePrintedWeekdayWithItsLine() throws {
        let content = try load([
            "2018/07/19/03/01.md": articleFile(position: "1", extra: "weekday: 星期四"),
            "2018/07/19/03/02.md": articleFile(position: "2", extra: "page_name: 要闻\nweekday: 礼拜八"),
            "2018/07/19/03/03.md": articleFile(position: "3", extra: "weekday: [星期四, 星期五]"),
            "2018/07/19/03/04.md": articleFile(position: "4", extra: "weekday:"),
            "2018/07/19/03/05.md": articleFile(position: "5"),
        ])
        let byOrder = Dictionary(uniqueKeysWithValues: content.articles.map { ($0.order, $0) })
        #expect(byOrder[1]?.weekday == "星期四" && byOrder[1]?.weekdayLine == 6)
        #expect(byOrder[2]?.weekday == "礼拜八" && byOrder[2]?.weekdayLine == 7)
        #expect(byOrder[3]?.weekday == "" && byOrder[3]?.weekdayLine == 6, "not text: kept for check to report")
        #expect(byOrder[4]?.weekday == nil && byOrder[4]?.weekdayLine == nil)
        #expect(byOrder[5]?.weekday == nil && byOrder[5]?.weekdayLine == nil)
        #expect(
            byOrder[1]
                != byOrder[1].map {
                    var other = $0
                    other.weekday = "星期三"
                    return other
                })
    }

    @Test func theBuildCacheKeepsTheWeekday() throws {
        let content = try scratch.write(
            [
                "2018/07/19/03/01.md": articleFile(extra: "weekday: 周四"),
                "2018/07/19/03/02.md": articleFile(position: "2"),
            ],
            under: "Cached")
        let loaded = try ContentLoader(root: content).load()
        var writer = BinaryWriter()
        loaded.cache.write(to: &writer)
        var reader = BinaryReader(writer.bytes)
        let restored = try ContentCache.read(from: &reader, contentRoot: content)
        for article in loaded.articles {
            let back = try #require(restored.entries[article.sourcePath]?.article)
            #expect(back == article)
            #expect(back.weekday == article.weekday && back.weekdayLine == article.weekdayLine)
        }
        #expect(loaded.articles.map(\.weekday).sorted { ($0 ?? "") < ($1 ?? "") } == [nil, "周四"])
    }

    /// A saved state's entries are written back as they were read, beside the ones read again
    /// from their files: the next build must read both back.
    @Test func theBuildCacheWritesBackWhatItRead() throws {
        let content = try scratch.write(
            [
                "2018/07/19/03/01.md": articleFile(title: "一"),
                "2018/07/19/03/02.md": articleFile(title: "二", position: "2"),
            ], under: "Resaved")
        func roundTrip(_ cache: ContentCache) throws -> ContentCache {
            var writer = BinaryWriter()
            cache.write(to: &writer)
            var reader = BinaryReader(writer.bytes)
            let back = try ContentCache.read(from: &reader, contentRoot: content)
            #expect(reader.isAtEnd)
            return back
        }
        let restored = try roundTrip(try ContentLoader(root: content).load().cache)
        #expect(restored.entries.values.allSatisfy { $0.encoded != nil })
        // An editor changes one article: it is read again, the other comes from the cache.
        try articleFile(title: "改过的标题", position: "2", body: "新的正文。")
            .write(to: content.appendingPathComponent("2018/07/19/03/02.md"), atomically: true, encoding: .utf8)
        let reloaded = try ContentLoader(root: content, displayRoot: nil, cache: restored).load()
        #expect(reloaded.cache.entries["2018/07/19/03/01.md"]?.encoded != nil)
        #expect(reloaded.cache.entries["2018/07/19/03/02.md"]?.encoded == nil)
        let again = try roundTrip(reloaded.cache)
        #expect(again.entries.count == 2)
        for article in reloaded.articles {
            #expect(again.entries[article.sourcePath]?.article == article)
        }
        #expect(again.entries["2018/07/19/03/02.md"]?.article.title == "改过的标题")
        #expect(again.entries["2018/07/19/03/01.md"]?.article.title == "一")
    }

    @Test func aSingleAuthorMayBeWrittenAsText() throws {
        let content = try load(["a.md": articleFile(extra: "authors: 陈义")])
        #expect(content.articles.first?.authors == ["陈义"])
    }

    @Test func withoutSiteOrIssueFilesContentStillLoads() throws {
        let content = try load(["2018/07/19/03/01.md": articleFile()])
        #expect(content.site == SiteConfig())
        #expect(content.listings.isEmpty)
    }

    @Test func acceptsBOMAndWindowsLineEnds() throws {
        let text = "\u{FEFF}" + articleFile(title: "标题").replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try load(["a.md": text]).articles.first?.title == "标题")
    }

    @Test func badYAMLNamesTheLine() throws {
        let found = try errors([
            "2018/07/19/03/01.md": "---\ntitle: 标题\ndate: 2018-07-19\npage: [3\nposition: 1\n---\n正文\n"
        ])
        let error = try #require(found.first)
        #expect(error.path == "Content/2018/07/19/03/01.md")
        #expect(error.line != nil && error.line! >= 4)
        #expect(error.message.contains("invalid YAML"))
    }

    @Test(arguments: ["title", "date", "page", "position"])
    func aMissingRequiredFieldIsNamed(_ field: String) throws {
        var fields = ["title: 标题", "date: 2018-07-19", "page: 3", "position: 1"]
        fields.removeAll { $0.hasPrefix(field + ":") }
        let found = try errors(["x/a.md": "---\n" + fields.joined(separator: "\n") + "\n---\n正文\n"])
        let error = try #require(found.first)
        #expect(error.path == "Content/x/a.md")
        #expect(error.message.contains("`\(field)` is missing"))
        #expect(error.fix != nil)
    }

    @Test func anEmptyTitleIsMissing() throws {
        let found = try errors(["a.md": articleFile(title: "\"\"")])
        #expect(found.first?.message.contains("`title` is missing or empty") == true)
        #expect(found.first?.line == 2)
    }

    @Test(arguments: ["2018-02-30", "2018-13-01", "19 July 2018", "2018-7-19"])
    func anImpossibleDateIsRefused(_ date: String) throws {
        let found = try errors(["a.md": articleFile(date: date)])
        #expect(found.first?.message.contains("not a real date") == true)
        #expect(found.first?.line == 3)
    }

    @Test(arguments: ["../03", "3/4", "第3版", "A-1", "0"])
    func aPageThatIsNotAPlainLabelIsRefused(_ page: String) throws {
        let found = try errors(["a.md": articleFile(page: "\"\(page)\"")])
        #expect(found.first?.message.contains("is not a 版次") == true)
        #expect(found.first?.line == 4)
    }

    @Test(arguments: ["0", "-1", "first", "1.5"])
    func aPositionThatIsNotOneIsRefused(_ position: String) throws {
        let found = try errors(["a.md": articleFile(position: position)])
        #expect(found.first?.message.contains("`position: \(position)` is not a position") == true)
        #expect(found.first?.line == 5)
    }

    /// `order` is what files said before `position`: still read (and its line kept, for `sitegen
    /// check` to ask for the rename); `position` wins when a file has both.
    @Test func theOldNameOrderIsStillRead() throws {
        let old = try ArticleReader.read(
            text: "---\ntitle: 标题\ndate: 2018-07-19\npage: 3\norder: 5\n---\n正文\n", path: "a.md")
        #expect(old.order == 5 && old.oldPositionLine == 5)
        let both = try ArticleReader.read(
            text: "---\ntitle: 标题\ndate: 2018-07-19\npage: 3\norder: 5\nposition: 6\n---\n正文\n", path: "a.md")
        #expect(both.order == 6 && both.oldPositionLine == 5)
        #expect(try ArticleReader.read(text: articleFile(position: "5"), path: "a.md").oldPositionLine == nil)
        let found = try errors(["a.md": "---\ntitle: 标题\ndate: 2018-07-19\npage: 3\norder: first\n---\n正文\n"])
        #expect(found.first?.message.contains("`order: first` is not a position") == true)
        #expect(found.first?.line == 5)
    }

    @Test func twoFilesClaimingOneSlotAreBothNamed() throws {
        let found = try errors([
            "2018/07/19/03/01.md": articleFile(position: "1"),
            "extra/copy.md": articleFile(position: "1"),
        ])
        #expect(found.count == 1)
        let message = try #require(found.first).description
        #expect(message.contains("Content/2018/07/19/03/01.md"))
        #expect(message.contains("Content/extra/copy.md"))
    }

    /// A rebuild reads only the files that changed and takes the rest from the build cache: a
    /// changed or new file must still be checked against the places the cached articles hold.
    @Test func aFileReadAgainIsCheckedAgainstTheCachedArticles() throws {
        let content = try scratch.write(
            [
                "2018/07/19/03/01.md": articleFile(position: "1"),
                "2018/07/19/03/02.md": articleFile(position: "2"),
                "extra/moved.md": articleFile(position: "3"),
            ], under: "Clash")
        let first = try ContentLoader(root: content, displayRoot: "Content").load()
        #expect(first.articles.count == 3)
        // An editor moves one article onto 01's place, and adds another claiming 02's.
        try articleFile(title: "移动的标题", position: "1").write(
            to: content.appendingPathComponent("extra/moved.md"), atomically: true, encoding: .utf8)
        try articleFile(position: "2").write(
            to: content.appendingPathComponent("extra/new.md"), atomically: true, encoding: .utf8)
        let loader = ContentLoader(root: content, displayRoot: "Content", cache: first.cache)
        let (loaded, problems) = loader.loadReportingProblems()
        #expect(
            problems.map(\.description).sorted()
                == [
                    "Content/extra/moved.md: claims the same place as Content/2018/07/19/03/01.md: 2018-07-19 第3版 #1",
                    "Content/extra/new.md: claims the same place as Content/2018/07/19/03/02.md: 2018-07-19 第3版 #2",
                ].map {
                    $0
                        + "\n  fix: give one of them another `position` (or page, or date); each position on a page holds one article"
                })
        #expect(loaded.articles.map(\.sourcePath).sorted() == ["2018/07/19/03/01.md", "2018/07/19/03/02.md"])
    }

    @Test func nonUTF8TextIsRefusedWithItsLine() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(["placeholder": ""], under: "Content")
        var bytes = Data(articleFile().utf8)
        bytes.append(contentsOf: [0x0A, 0xD5, 0xE2, 0xCA, 0xC7, 0x0A])  // "这是" in GBK
        try bytes.write(to: content.appendingPathComponent("gbk.md"))
        do {
            _ = try ContentLoader(root: content, displayRoot: "Content").load()
            Issue.record("GBK text must be refused")
        } catch let failure {
            let error = try #require(failure.errors.first)
            #expect(error.path == "Content/gbk.md")
            #expect(error.message.contains("not UTF-8"))
            #expect(error.line == articleFile().split(separator: "\n", omittingEmptySubsequences: false).count + 1)
        }
    }

    @Test func aPathAndFrontMatterThatDisagreeAreReported() throws {
        let found = try errors(["2018/07/19/03/05.md": articleFile(page: "4", position: "5")])
        let error = try #require(found.first)
        #expect(error.message.contains("page 4"))
        #expect(error.fix?.contains("2018/07/19/04/05.md") == true)
    }

    @Test func missingOrUnclosedFrontMatterIsExplained() throws {
        #expect(try errors(["a.md": "# 标题\n正文\n"]).first?.message.contains("no front matter") == true)
        #expect(try errors(["a.md": "---\ntitle: 标题\n正文\n"]).first?.message.contains("never closed") == true)
    }

    @Test func everyBrokenFileIsReportedAtOnce() throws {
        let found = try errors([
            "a.md": articleFile(date: "2018-02-30"), "b.md": articleFile(title: "\"\""),
            "c.md": articleFile(position: "2"),
        ])
        #expect(found.map(\.path) == ["Content/a.md", "Content/b.md"])
    }

    @Test func issueListingsAreReadAndChecked() throws {
        let content = try load([
            "2018/07/19/issue.yml": "pages:\n  - page: 1\n    name: 头版\n  - page: A10\n    titles: [甲, 乙]\n"
        ])
        let listing = try #require(content.listings.first)
        #expect(listing.pages.map(\.page.description) == ["1", "A10"])
        #expect(listing.pages[1].titles == ["甲", "乙"])

        let twice = try errors(["2018/07/19/issue.yml": "pages:\n  - page: 1\n  - page: 01\n"])
        #expect(twice.first?.message.contains("twice") == true)
        #expect(twice.first?.line == 3)
        let wrongDate = try errors(["2018/07/19/issue.yml": "date: 2018-07-20\npages: []\n"])
        #expect(wrongDate.first?.line == 1)
        let misplaced = try errors(["2018/issue.yml": "pages: []\n"])
        #expect(misplaced.first?.message.contains("not in an issue's folder") == true)
    }

    @Test func siteSettingsAreRead() throws {
        let content = try load([
            "site.yml": "title: 迪庆日报\nbase_url: https://example.org/archive\nunsafe_html: true\nfooter: 版权所有\n"
        ])
        #expect(content.site.title == "迪庆日报")
        #expect(content.site.baseURL == "https://example.org/archive/")
        #expect(content.site.unsafeHTML)
        #expect(content.site.footer == "版权所有")
        let bad = try errors(["site.yml": "base_url: example.org\n"])
        #expect(bad.first?.path == "Content/site.yml")
    }

    @Test func foldersStartingWithUnderscoreOrDotAreNotContent() throws {
        let content = try load([
            "_inbox/dump.md": "not an article", ".git/x.md": "nor this", "2018/07/19/03/01.md": articleFile(),
        ])
        #expect(content.articles.count == 1)
    }
}
