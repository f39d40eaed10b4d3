import CMark
import Foundation
import Testing

@testable import SitegenKit

/// A body is read again from its file for each page that shows it (it is not kept in memory).
/// Read again, it is the body the load read, byte for byte, whatever the file holds; and the body
/// HTML, the lead and the search text made from its bytes are what the String path made of it.
@Suite struct BodyRereadTests {
    static let frontMatter = "---\ntitle: 标题\ndate: 2018-07-19\npage: 1\nposition: 1\n---\n"
    static let markdown = """
        第一段，文字　和 *强调*、`代码` 与[链接](http://example.com/)。
        续行\u{A0}有空格  
        硬换行

        ## 小标题 ##

            缩进的代码块  有空格

        ```swift
        let x = "<b>"
        ```

        <div onclick="x()">原始 HTML</div>

        - 列表 <i>行内</i>
        - 第二项

        > 引文，**加粗**。

        """

    /// Each case: a file's bytes.
    static let files: [(name: String, bytes: [UInt8])] = {
        let plain = Array((frontMatter + markdown).utf8)
        func replacing(_ from: String, _ to: String) -> [UInt8] {
            Array((frontMatter + markdown).replacingOccurrences(of: from, with: to).utf8)
        }
        return [
            ("plain", plain),
            ("byte order mark", [0xEF, 0xBB, 0xBF] + plain),
            ("CRLF", replacing("\n", "\r\n")),
            ("lone CR", replacing("\n", "\r")),
            (
                "CR in the body only",
                Array(frontMatter.utf8) + Array(markdown.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            ),
            ("C0 controls and DEL", replacing("文字", "文\u{01}字\u{7F}\u{0B}\u{0C}\u{1B}\t")),
            ("C1 controls", replacing("文字", "文\u{80}字\u{85}\u{9F}\u{A0}")),
            ("U+FFFE and U+FFFF", replacing("文字", "文\u{FFFE}字\u{FFFF}\u{FFFD}\u{FEFF}")),
            ("NUL", replacing("文字", "文\u{0}字")),
            ("empty body", Array(frontMatter.utf8)),
            ("no line after the front matter", Array(frontMatter.dropLast().utf8)),
            ("headings only", Array((frontMatter + "# 一\n\n## 二\n").utf8)),
            ("code block only", Array((frontMatter + "```\n代码\n```").utf8)),
            ("raw HTML only", Array((frontMatter + "<script>alert(1)</script>\n").utf8)),
            ("ASCII", Array((frontMatter + "Plain ASCII text, long enough to be read eight bytes at a time.\n").utf8)),
            ("four-byte characters", replacing("文字", "𠀀𪚥😀")),
            // libcmark writes U+FFFF and U+FFFE of a character reference as the single bytes FF and FE.
            ("references libcmark breaks", replacing("文字", "文&#xFFFF;字&#65534;&#xD800;&amp;&#x4E2D;")),
        ]
    }()

    func write(_ bytes: [UInt8], in scratch: ScratchFolder) throws -> String {
        let url = scratch.path("01.md")
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A case's file in a scratch folder, the article the load read from it, and that article as
    /// the load keeps it (its body left in the file).
    struct Case {
        let scratch: ScratchFolder
        let path: String
        let loaded: Article
        let kept: Article

        init(_ name: String) throws {
            let bytes = try #require(BodyRereadTests.files.first { $0.name == name }).bytes
            scratch = try ScratchFolder()
            path = try BodyRereadTests().write(bytes, in: scratch)
            loaded = try ArticleReader.read(bytes: Data(bytes), path: path)
            kept = Article(metadataOf: loaded, bodyIn: path, bodyDigest: loaded.bodyDigest)
        }

        var parts: (path: String, loaded: Article, kept: Article) { (path, loaded, kept) }
    }

    @Test(arguments: files.map(\.name))
    func aBodyReadAgainIsTheBodyTheLoadRead(_ name: String) throws {
        let file = try Case(name)
        defer { withExtendedLifetime(file) {} }  // its folder holds the file
        let (path, loaded, kept) = file.parts
        let again = try ArticleReader.body(ofFile: path)
        #expect(Array(again.utf8) == Array(loaded.body.utf8))
        #expect(Array(kept.body.utf8) == Array(loaded.body.utf8))
        #expect(!kept.bodyWasUnreadable)
    }

    /// The body's HTML appended as bytes is the HTML the String path made (`String(cString:)` of
    /// libcmark's output), in safe and unsafe mode.
    @Test(arguments: files.map(\.name))
    func bodyHTMLFromBytesIsTheStringPathsHTML(_ name: String) throws {
        let file = try Case(name)
        defer { withExtendedLifetime(file) {} }  // its folder holds the file
        let (_, loaded, kept) = file.parts
        for unsafe in [false, true] {
            var html: [UInt8] = Array("<p>before</p>".utf8)
            kept.withBody { Markdown.appendHTML(of: $0, allowRawHTML: unsafe, to: &html) }
            let expected = "<p>before</p>" + Self.stringPathHTML(loaded.body, unsafe: unsafe)
            #expect(html == Array(expected.utf8), "unsafe: \(unsafe)")
            let viaString = Markdown.html(loaded.body, allowRawHTML: unsafe)
            #expect(Array(viaString.utf8) == [UInt8](expected.utf8.dropFirst(13)))
        }
        #expect(kept.withBody { Markdown.lead(of: $0) } == Markdown.lead(loaded.body))
    }

    /// The search text made in one pass from libcmark's literals is what cleaning and folding the
    /// String path's text blocks gave.
    @Test(arguments: files.map(\.name))
    func searchTextFromBytesIsTheStringPathsText(_ name: String) throws {
        let file = try Case(name)
        defer { withExtendedLifetime(file) {} }  // its folder holds the file
        let (_, loaded, kept) = file.parts
        let searchable = SearchableArticle(kept)
        let expected = Self.stringPathTextBlocks(loaded.body).map(SearchText.clean).filter { !$0.isEmpty }
        #expect(searchable.body.map { Array($0.utf8) } == expected.map { Array($0.utf8) })
        #expect(searchable.body == expected)
        let folded = searchable.fields.suffix(expected.count).map(\.text)
        #expect(folded == expected.map(SearchText.normalized))
        let fromText = SearchableArticle(loaded)
        #expect(searchable.fields.map(\.start) == fromText.fields.map(\.start))
        #expect(searchable.fields.map(\.text) == fromText.fields.map(\.text))
        if name == "plain" { #expect(expected.count == 7, "\(expected)") }
    }

    /// A file that is not UTF-8 any more when read again: the load's error, and an article whose
    /// body is empty and marked unreadable (the build then stops naming the file), never a crash
    /// or bytes that are not UTF-8 in a page.
    @Test func aFileThatIsNoLongerUTF8GivesTheLoadsErrorAndAnEmptyBody() throws {
        let scratch = try ScratchFolder()
        let good = Array((Self.frontMatter + Self.markdown).utf8)
        let path = try write(good, in: scratch)
        let loaded = try ArticleReader.read(bytes: Data(good), path: path)
        var bad = good
        bad[bad.lastIndex { $0 >= 0x80 }!] = 0xFF
        _ = try write(bad, in: scratch)
        var loadError: SitegenError?
        do { _ = try ArticleReader.read(bytes: Data(bad), path: path) } catch { loadError = error }
        var rereadError: SitegenError?
        do { _ = try ArticleReader.body(ofFile: path) } catch { rereadError = error }
        #expect(loadError != nil)
        #expect(rereadError.map { "\($0)" } == loadError.map { "\($0)" })

        let kept = Article(metadataOf: loaded, bodyIn: path, bodyDigest: loaded.bodyDigest)
        var html: [UInt8] = []
        kept.withBody { Markdown.appendHTML(of: $0, allowRawHTML: false, to: &html) }
        #expect(html.isEmpty)
        #expect(SearchableArticle(kept).body.isEmpty)
        #expect(kept.bodyWasUnreadable)

        // Changed again, to other valid text with CRLF and controls: read as the load would read it.
        let changed = Array((Self.frontMatter + "新\u{01}文本\r\n\r\n第二段\u{85}\r\n").utf8)
        _ = try write(changed, in: scratch)
        let reloaded = try ArticleReader.read(bytes: Data(changed), path: path)
        #expect(Array(try ArticleReader.body(ofFile: path).utf8) == Array(reloaded.body.utf8))
        #expect(reloaded.body == "新文本\n\n第二段\n")
    }

    /// Pieces libcmark gives that are not UTF-8 (split inside a character, or bad bytes) count one
    /// by one as Strings made of them would: each bad sequence a U+FFFD, never joined into a
    /// character across pieces.
    @Test func piecesThatAreNotUTF8AreRepairedOneByOne() {
        let pieces: [[UInt8]] = [
            [0x20, 0xE4, 0xB8], [0xAD, 0x20, 0x20], Array("\u{3000}文\u{A0}\t字".utf8), [0xFF, 0x41, 0xC2],
            Array("  ".utf8), [0xED, 0xA0, 0x80, 0x42],
        ]
        var cleaner = SearchText.BlockCleaner()
        for piece in pieces { piece.withUnsafeBufferPointer { cleaner.add($0) } }
        cleaner.endBlock()
        let joined = pieces.map { String(decoding: $0, as: UTF8.self) }.joined()
        let expected = SearchText.clean(joined)
        #expect(cleaner.blocks.count == 1)
        #expect(cleaner.blocks.first.map { Array($0.text.utf8) } == Array(expected.utf8))
        #expect(cleaner.blocks.first?.folded == SearchText.normalized(joined))
        #expect(expected == "\u{FFFD}\u{FFFD} 文 字\u{FFFD}A\u{FFFD} \u{FFFD}\u{FFFD}\u{FFFD}B")
    }

    /// Blocks of spaces only are left out; spaces at a block's ends are dropped, runs are one space.
    @Test func blocksAreCleanedAtTheirEndsAndEmptyOnesLeftOut() {
        var cleaner = SearchText.BlockCleaner()
        for block in [[" ", "a", "  ", "b "], ["\u{3000}", " "], [], ["Ａ，", "\u{2028}", "“x”"]] {
            for piece in block { Array(piece.utf8).withUnsafeBufferPointer { cleaner.add($0) } }
            cleaner.endBlock()
        }
        #expect(cleaner.blocks.map(\.text) == ["a b", "Ａ， “x”"])
        #expect(cleaner.blocks.map(\.folded) == ["a b", "Ａ， “x”"].map(SearchText.normalized))
    }

    /// `TextFile.survey` against the standard library's UTF-8 check, `normalizingLineEnds` and
    /// `withoutControlCharacters`, on byte strings made from the bytes that matter (lead bytes at
    /// the edges of each range, continuation bytes, controls), inside runs of ASCII so the
    /// eight-byte steps are crossed.
    @Test func theSurveyAgreesWithTheStandardLibrary() {
        let alphabet: [UInt8] = [
            0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBB, 0xBE, 0xBF,
            0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE4, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var valid = 0
        for _ in 0..<40_000 {
            let ascii = Array("0123456789abcdefghij".utf8)
            var bytes = Array(ascii.prefix(next(12)))
            for _ in 0..<next(10) { bytes.append(alphabet[next(alphabet.count)]) }
            bytes += ascii.prefix(next(12))
            let survey = bytes.withUnsafeBufferPointer { TextFile.survey($0) }
            let text = String(validating: bytes, as: UTF8.self)
            #expect(survey.isUTF8 == (text != nil), "\(bytes)")
            guard let text else { continue }
            valid += 1
            #expect(survey.hasCR == bytes.contains(0x0D), "\(bytes)")
            #expect(survey.hasControl == (Array(text.withoutControlCharacters.utf8) != bytes), "\(bytes)")
        }
        #expect(valid > 5_000)
        // Chinese text (runs of three-byte characters) with one byte changed, cut or put in; the
        // second has runs long enough for the survey's eight-character steps.
        let chinese = [
            Array("中文，标点。全乡建立强基惠农“股份合作经济”试点3个，ＡＢ\u{3000}丽江\u{FFFD}".utf8),
            Array("a全乡建立强基惠农股份合作经济试点香格里拉新闻网迪庆日报版面导航标题往期\u{D7FF}\u{E000}第一版头版要闻".utf8),
        ]
        for round in 0..<40_000 {
            var bytes = chinese[round % 2]
            let at = next(bytes.count)
            switch next(3) {
            case 0: bytes[at] = alphabet[next(alphabet.count)]
            case 1: bytes.remove(at: at)
            default: bytes.insert(alphabet[next(alphabet.count)], at: at)
            }
            bytes = Array(bytes.prefix(next(bytes.count + 1)))
            let survey = bytes.withUnsafeBufferPointer { TextFile.survey($0) }
            let text = String(validating: bytes, as: UTF8.self)
            #expect(survey.isUTF8 == (text != nil), "\(bytes)")
            if let text {
                #expect(survey.hasControl == (Array(text.withoutControlCharacters.utf8) != bytes), "\(bytes)")
            }
        }
        for text in ["中文，标点。", "\u{FFFD}\u{FFFE}", "\u{10FFFF}", "\u{7FF}\u{800}\u{FFFF}\u{10000}", ""] {
            let survey = Array(text.utf8).withUnsafeBufferPointer { TextFile.survey($0) }
            #expect(survey.isUTF8)
            #expect(survey.hasControl == (text.withoutControlCharacters != text))
        }
    }

    /// A lead is cut after `limit` characters: counted by code points where each is a character
    /// alone, else as Swift counts characters (marks, emoji sequences, Hangul, CRLF).
    @Test func aLeadIsCutAtTheCharactersStringsCount() {
        let texts = [
            "中文，标点。全乡建立", "中文e\u{301}标点", "中文\u{302A}标点", "中文👨‍👩‍👧标点", "中文©\u{FE0F}标点", "한국어 문장",
            "中文\r\n标点", "ab\u{200D}cd", "“引号”…——", "中文\u{1F1E8}\u{1F1F3}标点", "",
        ]
        for text in texts {
            for limit in 0...text.unicodeScalars.count + 1 {
                let cut = text[..<Markdown.prefixEnd(text, limit)]
                #expect(Array(cut.utf8) == Array(text.prefix(limit).utf8), "\(text) \(limit)")
            }
        }
        #expect(Markdown.lead("一二三四五六", limit: 5) == "一二三四五…")
        #expect(Markdown.lead("一二三四e\u{301}", limit: 5) == "一二三四e\u{301}")
        #expect(Markdown.lead("一二三四e\u{301}六", limit: 5) == "一二三四e\u{301}…")
    }

    /// The String path's HTML: libcmark's output as a String (`String(cString:)`).
    static func stringPathHTML(_ markdown: String, unsafe: Bool) -> String {
        markdown.withCString { pointer in
            let rendered = cmark_markdown_to_html(
                pointer, strlen(pointer), unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT)!
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// The String path's text blocks: each literal made a String and joined.
    static func stringPathTextBlocks(_ markdown: String) -> [String] {
        let document = markdown.withCString { cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }!
        defer { cmark_node_free(document) }
        let iterator = cmark_iter_new(document)!
        defer { cmark_iter_free(iterator) }
        var blocks: [String] = []
        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            switch (cmark_node_get_type(node), event) {
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_EXIT), (CMARK_NODE_HEADING, CMARK_EVENT_EXIT):
                blocks.append(text)
                text = ""
            case (CMARK_NODE_CODE_BLOCK, _):
                blocks.append(String(cString: cmark_node_get_literal(node)!))
            case (CMARK_NODE_TEXT, _), (CMARK_NODE_CODE, _):
                text += String(cString: cmark_node_get_literal(node)!)
            case (CMARK_NODE_SOFTBREAK, _), (CMARK_NODE_LINEBREAK, _):
                text += " "
            default:
                break
            }
        }
        return blocks
    }
}
