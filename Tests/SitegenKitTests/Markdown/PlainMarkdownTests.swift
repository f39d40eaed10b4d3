import Foundation
import Testing

@testable import SitegenKit

/// Plain bodies (paragraphs and `#` headings, see `PlainMarkdown`) are converted and indexed
/// without libcmark: what comes out must be exactly what libcmark makes, for every text the fast
/// way takes, and every text that could be markup must be left to libcmark.
@Suite struct PlainMarkdownTests {
    /// libcmark's HTML and text blocks of `markdown`, and the fast way's (nil when it declines).
    struct Conversions {
        let libcmark: (html: String, blocks: [String])
        let plain: (html: String, blocks: [String])?
    }

    static func convert(_ markdown: String) -> Conversions {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            var html: [UInt8] = []
            Markdown.appendLibcmarkHTML(of: bytes, allowRawHTML: false, to: &html)
            let libcmark = (
                String(decoding: html, as: UTF8.self),
                textBlocks { Markdown.forEachLibcmarkTextBlock(in: bytes, text: $0, endBlock: $1) }
            )
            // Whichever way it goes, what `Markdown` appends, to an empty buffer and to a page's,
            // is libcmark's: a body found not plain halfway leaves nothing of the first try.
            for page in ["", "<main>"] {
                var buffer = Array(page.utf8)
                Markdown.appendHTML(of: bytes, allowRawHTML: false, to: &buffer)
                #expect(
                    buffer == Array(page.utf8) + html,
                    "\(page.debugDescription) + \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
            var plainHTML: [UInt8] = []
            guard PlainMarkdown.appendHTML(of: bytes, to: &plainHTML) else {
                return Conversions(libcmark: libcmark, plain: nil)
            }
            let plainBlocks = textBlocks { Markdown.forEachTextBlock(in: bytes, text: $0, endBlock: $1) }
            return Conversions(libcmark: libcmark, plain: (String(decoding: plainHTML, as: UTF8.self), plainBlocks))
        }
    }

    /// The text of each block a walk hands on (its pieces joined).
    static func textBlocks(
        _ walk: (_ text: (UnsafeBufferPointer<UInt8>) -> Void, _ endBlock: () -> Void) -> Void
    ) -> [String] {
        var blocks: [String] = []
        var block: [UInt8] = []
        walk({ block += $0 }) {
            blocks.append(String(decoding: block, as: UTF8.self))
            block = []
        }
        return blocks
    }

    /// Pieces a body is made of: text, line breaks, and every character that can begin markup, at
    /// a line's start or inside it.
    static let pieces = [
        "文字", "香格里拉", "。", "，", "“引号”", "abc", "2018", "2018年", "7.", "12)", "1.5", " ", "  ", "\t", "\n",
        "\n\n", "\n\n\n", "#", "## ", "###### ", "####### ", "# ", "#标签", "-", "- ", "---", "+", "=", "===", "~",
        "~~~", ">", "> ", "\"", "'", "*", "_", "`", "```", "&", "&amp;", "<", "<br>", "[", "]", "(", ")", "!", "\\",
        "|", ":", "/", "http://example.com", "www.example.com", "　", "\r", "\r\n", "\u{0}", "\u{1}", "\u{FEFF}",
        "\u{2028}", "😀", "  \n", " \n", "%", "{", "}", "$", "@",
    ]

    /// A small generator with a seed, so that a failure can be run again.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    @Test func randomBodiesComeOutAsLibcmarkMakesThemOrAreLeftToIt() {
        var generator = Generator(state: 0x5EED_2026_1206)
        var taken = 0
        var strongTaken = 0
        let bodies = 30_000
        for _ in 0..<bodies {
            // Mostly text, so that many bodies are plain, with markup now and then; or text and `**`
            // beside letters mostly, and now and then beside other characters.
            let strong = Int.random(in: 0..<3, using: &generator) == 0
            let body = (0..<Int.random(in: 1...24, using: &generator)).map { _ -> String in
                let rare = Int.random(in: 0..<(strong ? 10 : 3), using: &generator) == 0
                switch (strong, rare) {
                case (true, false):
                    return ["文字", "字", "a", "1", "**", "**", "**", "，", "。", "\n"].randomElement(using: &generator)!
                case (true, true): return ["“", "”", " ", "😀", "*", "_", "\n\n", "#"].randomElement(using: &generator)!
                case (false, false):
                    return ["文字", "\n", "\n\n", "## ", "2018年", "“引号”", "\"", ">", "**", "a"].randomElement(
                        using: &generator)!
                case (false, true): return Self.pieces.randomElement(using: &generator)!
                }
            }.joined()
            let conversions = Self.convert(body)
            guard let plain = conversions.plain else { continue }
            taken += 1
            if plain.html.contains("<strong>") { strongTaken += 1 }
            #expect(plain.html == conversions.libcmark.html, "\(body.debugDescription)")
            #expect(plain.blocks == conversions.libcmark.blocks, "\(body.debugDescription)")
        }
        // The fast way is taken often enough for this to test it, `**` included.
        #expect(taken > bodies / 20)
        #expect(strongTaken > bodies / 200)
    }

    @Test(arguments: [
        ("", ""),
        ("\n\n", ""),
        ("一段。", "<p>一段。</p>\n"),
        ("第一行\n第二行\n\n第二段\n", "<p>第一行\n第二行</p>\n<p>第二段</p>\n"),
        ("## 小标题\n正文紧随\n# 一级\n###### 六级", "<h2>小标题</h2>\n<p>正文紧随</p>\n<h1>一级</h1>\n<h6>六级</h6>\n"),
        ("他说：\"a>b\" 与 C# 和 2018年7月", "<p>他说：&quot;a&gt;b&quot; 与 C# 和 2018年7月</p>\n"),
        ("　　全角空格起段", "<p>　　全角空格起段</p>\n"),
        (
            "**粗体**开头，中间**ABC1**。\n## 标题里**也有**",
            "<p><strong>粗体</strong>开头，中间<strong>ABC1</strong>。</p>\n<h2>标题里<strong>也有</strong></h2>\n"
        ),
    ])
    func plainBodies(_ markdown: String, html: String) {
        let conversions = Self.convert(markdown)
        #expect(conversions.plain?.html == html)
        #expect(conversions.libcmark.html == html)
    }

    /// Each of these could be markup (or is, to libcmark): the fast way declines it.
    @Test(arguments: [
        "    缩进", " 一个空格", "行尾空格 ", "- 列表", "+ 列表", "1. 列表", "2018) 列表", "> 引文", "段落\n===",
        "段落\n---", "~~~\n代码\n~~~", "```\n代码\n```", "#没有空格", "####### 七级", "## 标题 ##", "##  两个空格",
        "## ", "*强调*", "_强调_", "`代码`", "[链接](x)", "<b>粗</b>", "&amp;", "反斜杠\\", "制表\t符", "回车\r\n",
        "\u{FEFF}字节序", "空\u{0}字符", "*单星*", "**粗体", "粗**体", "***三星***", "****四星****", "** 空格**",
        "**空格 **", "**“引号”**", "**句号。**", "**跨\n行**", "**😀**",
    ])
    func markupIsLeftToLibcmark(_ markdown: String) {
        #expect(Self.convert(markdown).plain == nil)
    }

    /// The bundled archive's bodies are plain: the fast way is the usual one. The fixture archive's
    /// (some with markup) come out as libcmark makes them, whichever way they take.
    @Test(arguments: ["bundled", "fixture"])
    func archiveBodies(_ archive: String) throws {
        let content =
            archive == "bundled"
            ? TestSupport.packageRoot.appendingPathComponent("Content") : TestSupport.fixtureContent
        let loaded = try ContentLoader(root: content).load()
        #expect(!loaded.articles.isEmpty)
        for article in loaded.articles {
            let conversions = Self.convert(article.body)
            if archive == "bundled" { #expect(conversions.plain != nil, "\(article.sourcePath)") }
            if let plain = conversions.plain {
                #expect(plain.html == conversions.libcmark.html, "\(article.sourcePath)")
                #expect(plain.blocks == conversions.libcmark.blocks, "\(article.sourcePath)")
            }
        }
    }
}
