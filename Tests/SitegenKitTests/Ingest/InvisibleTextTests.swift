import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// Ingest and the loader agree on what a field holds (`FieldText`): a title of invisible
/// characters is missing on both sides, and a visible one comes back from the file exactly as
/// ingest meant it. Found by the FuzzIngest target: a title of one U+FEFF was written, exit 0, and
/// the next build stopped on it.
@Suite struct InvisibleTextTests {
    /// The 9 bytes the fuzzer found (base64 `/v////7///8q`): UTF-16 whose title is a lone U+FEFF.
    static let finding: [UInt8] = [0xFE, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0x2A]
    static let address = "http://x.example/pc/202401/05/content_1.html"

    /// Byte order mark, zero-width space/non-joiner/joiner, bidi marks, embeddings and isolates,
    /// soft hyphen, word joiner, invisible operators, Mongolian vowel separator, Hangul fillers,
    /// ideographic space, a C0 and a C1 control, a noncharacter, line separator.
    static let invisible: [String] = [
        "\u{FEFF}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}", "\u{202A}",
        "\u{202E}", "\u{2066}", "\u{2069}", "\u{00AD}", "\u{2060}", "\u{2063}", "\u{180E}",
        "\u{3164}", "\u{115F}", "\u{3000}", "\u{1}", "\u{85}", "\u{FFFE}", "\u{2028}",
    ]

    @Test(arguments: invisible)
    func aTitleShowingNothingIsMissingOnBothSides(character: String) throws {
        for title in [character, character + character, " \(character)\t", "\u{3000}\(character)\u{FEFF}"] {
            // The loader, reading a file that says so (escaped, as ingest would write it).
            let file = articleFile(title: YAMLText.quoted(title))
            #expect(throws: SitegenError.self) { try ArticleReader.read(text: file, path: "x.md") }
            do { _ = try ArticleReader.read(text: file, path: "x.md") } catch {
                #expect(error.message.contains("`title` is missing or empty"))
            }
            // Ingest, which would have written it.
            var input = ScrapedInput()
            input.articles = [ScrapedArticle(title: title, body: "正文")]
            let cleaned = IngestParser.cleaned(input)
            #expect(cleaned.articles.isEmpty)
            #expect(cleaned.rejection?.contains("has no headline") == true)
        }
    }

    @Test(arguments: invisible)
    func aVisibleTitleIsKeptAsIngestMeantIt(character: String) throws {
        let title = "\(character) 党建\(character)引领 \(character)"
        var input = ScrapedInput()
        var story = ScrapedArticle(title: title, body: "正文")
        story.kicker = character
        story.authors = ["\(character)陈义", character]
        story.captions = [character, "图为\(character)"]
        input.articles = [story]
        let ingested = try #require(IngestParser.cleaned(input).articles.first)
        #expect(ingested.title == FieldText.cleaned(title))
        #expect(ingested.kicker == nil)
        #expect(ingested.authors == [FieldText.cleaned("\(character)陈义")])
        let back = try ArticleReader.read(text: ArticleFile.text(for: ingested.draftArticle()), path: "x.md")
        #expect(back.title == ingested.title)
        #expect(back.kicker == nil)
        #expect(back.authors == ingested.authors)
        #expect(back.captions == ingested.captions)
    }

    @Test func theDefinitionDropsMarksAndControlsAndTrimsTheRest() {
        #expect(FieldText.cleaned("\u{FEFF}\u{200B} 标题 \u{200F}") == "标题")
        #expect(FieldText.cleaned("甲\u{FEFF}乙\u{1}丙") == "甲乙丙")
        // Inside a title, joiners and marks stay (they may shape the visible text around them).
        #expect(FieldText.cleaned("甲\u{200D}乙") == "甲\u{200D}乙")
        #expect(FieldText.cleaned("no change") == "no change")
        #expect(FieldText.isBlank("\u{3164}\u{00AD}\u{2028}"))
        #expect(!FieldText.isBlank("·"))
    }

    /// The input as a user meets it: `sitegen ingest` refuses it (exit 1, naming the file and
    /// why), writes nothing, and the archive still builds.
    @Test func ingestRefusesTheFuzzFindingAndWritesNothing() throws {
        let scratch = try ScratchFolder()
        _ = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        try Data(Self.finding).write(to: scratch.path("page.txt"))
        let run = try TestSupport.runSitegen(
            ["ingest", "page.txt", "--url", Self.address, "--page", "1", "--content", "Content"],
            in: scratch.url)
        #expect(run.status == 1)
        #expect(run.output.contains("page.txt") && run.output.contains("has no headline"), "\(run.output)")
        #expect(!scratch.exists("Content/2024"))
        let build = try TestSupport.runSitegen(
            ["build", "--content", "Content", "--templates", TestSupport.templates.path, "--output", "Public"],
            in: scratch.url)
        #expect(build.status == 0, "\(build.output)")
    }

    /// Through the inbox, a build can no longer break itself: the input is set aside as rejected.
    @Test func theInboxSetsTheFindingAsideAndTheBuildGoesOn() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        try scratch.write(["Content/_inbox/page.url": Self.address + "\n"])
        try Data(Self.finding).write(to: scratch.path("Content/_inbox/page.txt"))
        let report = try scratch.buildAfterInbox(content: content)
        #expect(report.inbox.ingested == 0 && report.inbox.rejected == 1)
        #expect(try scratch.read("Content/_inbox/page.txt.rejected.txt").contains("has no headline"))
        #expect(!scratch.exists("Content/2024"))
        try scratch.build(content: content)
    }

    /// Whatever got past the parser's cleaning, the placer asks the loader before it writes.
    @Test func thePlacerWritesNothingTheLoaderRefuses() throws {
        let scratch = try ScratchFolder()
        var options = Ingester.Options(content: scratch.path("Content"))
        options.url = Self.address
        options.page = PageLabel(number: 1)
        var placer = Placer(options: options)
        var input = ScrapedInput()
        var story = ScrapedArticle(title: "\u{200B}", body: "正文")  // not cleaned: as a parser bug would leave it
        story.date = IssueDate(iso: "2024-01-05")
        input.articles = [story]
        let outcomes = placer.place(Ingester.Read(parsed: input, source: Self.address), input: "page.txt")
        #expect(outcomes.map(\.kind) == [.rejected])
        #expect(outcomes.first?.reason?.contains("would be written as a file the build refuses") == true)
        #expect(outcomes.first?.reason?.contains("`title` is missing or empty") == true)
        #expect(!scratch.exists("Content/2024/01/05/01/01.md"))
    }
}
