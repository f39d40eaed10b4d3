import CMark
import Foundation
import Synchronization
import Testing

@testable import SitegenKit

/// libcmark allocating from `MarkdownArena` makes what it makes with its own allocator: small and
/// huge documents (many blocks, buffers grown again and again), on several threads at once, and
/// with one document walked while another is converted.
@Suite struct MarkdownArenaTests {
    /// libcmark with its own allocator, as a String makes of its output.
    static func ownAllocatorHTML(_ markdown: String) -> String {
        markdown.withCString { pointer in
            let rendered = cmark_markdown_to_html(pointer, strlen(pointer), CMARK_OPT_DEFAULT)!
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// libcmark allocating from the arena, as `Markdown.html` converts text that is not plain.
    static func arenaHTML(_ markdown: String) -> String {
        var markdown = markdown
        var html: [UInt8] = []
        markdown.withUTF8 { Markdown.appendLibcmarkHTML(of: $0, allowRawHTML: false, to: &html) }
        return String(decoding: html, as: UTF8.self)
    }

    static let paragraph = "第一段，文字 *强调*、`代码` 与[链接](http://example.com/)&amp;。\n续行\n\n"

    static let documents: [(name: String, markdown: String)] = [
        ("empty", ""),
        ("one paragraph", paragraph),
        ("a few hundred kilobytes", String(repeating: paragraph + "- 列表\n- 第二项\n\n> 引文\n\n", count: 3_000)),
        ("one code block of a megabyte", "```\n" + String(repeating: "代码行 let x = 1\n", count: 50_000) + "```\n"),
        ("one paragraph of five megabytes", String(repeating: "文字很长的一段", count: 250_000)),
        ("nested lists", String(repeating: "- a\n  - b\n    - c\n", count: 20_000)),
    ]

    @Test(arguments: documents.map(\.name))
    func aDocumentIsWhatLibcmarksOwnAllocatorMakes(_ name: String) throws {
        let markdown = try #require(Self.documents.first { $0.name == name }).markdown
        let expected = Self.ownAllocatorHTML(markdown)
        // Twice: the second conversion reuses the thread's block the first one grew. By libcmark
        // even when the text is plain (`PlainMarkdown` would take it).
        #expect(Self.arenaHTML(markdown) == expected)
        #expect(Self.arenaHTML(markdown) == expected)
    }

    @Test func threadsConvertAtOnce() {
        let markdowns = (0..<64).map { String(repeating: Self.paragraph, count: 1 + $0 * 97 % 4_000) }
        let expected = markdowns.map(Self.ownAllocatorHTML)
        let results = Mutex([String?](repeating: nil, count: markdowns.count))
        DispatchQueue.concurrentPerform(iterations: markdowns.count) { index in
            let html = Markdown.html(markdowns[index])
            results.withLock { $0[index] = html }
        }
        #expect(results.withLock { $0 } == expected)
    }

    /// A conversion inside a walk (both in the arena) releases nothing the walk still reads.
    @Test func aConversionInsideAWalkLeavesTheWalksDocumentAlone() {
        let markdown = String(repeating: Self.paragraph + "## 小标题\n\n", count: 2_000)
        func blocks(convertingInside: Bool) -> [String] {
            var blocks: [String] = []
            var current: [UInt8] = []
            var pieces = 0
            var utf8 = Array(markdown.utf8)
            utf8.withUnsafeMutableBufferPointer { buffer in
                Markdown.forEachTextBlock(
                    in: UnsafeBufferPointer(buffer),
                    text: { piece in
                        current += piece
                        pieces += 1
                        // Now and then, a document that needs blocks of its own.
                        if convertingInside && pieces % 500 == 0 {
                            _ = Markdown.html(String(repeating: Self.paragraph, count: 3_000))
                        }
                    },
                    endBlock: {
                        blocks.append(String(decoding: current, as: UTF8.self))
                        current = []
                    })
            }
            return blocks
        }
        let plain = blocks(convertingInside: false)
        #expect(plain.count == 4_000)
        #expect(blocks(convertingInside: true) == plain)
    }
}
