import Foundation
import Testing
import Yams

@testable import SitegenKit

/// Enormous and deeply nested input either works or fails cleanly, in bounded time and memory.
@Suite struct ResourceLimitTests {
    @Test func aOneMegabyteSingleLineParagraphWorks() throws {
        let scratch = try ScratchFolder()
        let paragraph = String(repeating: "迪庆日报", count: 90_000)  // 1,080,000 bytes, one line
        let content = try scratch.write(["2018/07/19/03/01.md": articleFile(body: paragraph)], under: "Content")
        try scratch.build(content: content)
        #expect(try scratch.read("Public/2018/07/19/03/01.html").contains(paragraph))
        #expect(
            try scratch.read("Public/2018/07/19/03/index.html").contains(String(repeating: "迪庆日报", count: 22) + "迪庆…"))
    }

    /// cmark's parser and renderer are iterative, and it caps bracket and emphasis look-back, so
    /// even 100,000 levels of nesting render in linear time.
    @Test(arguments: [
        ("block quotes", String(repeating: ">", count: 100_000) + " 深"),
        ("open brackets", String(repeating: "[", count: 100_000) + "深"),
        ("nested links", String(repeating: "[", count: 50_000) + "深" + String(repeating: "](x)", count: 50_000)),
        ("emphasis", String(repeating: "*a **", count: 50_000)),
        ("backticks", String(repeating: "`", count: 100_000)),
        ("link openers", String(repeating: "[a](", count: 50_000)),
        ("nested lists", String(repeating: "- ", count: 50_000) + "深"),
        ("html-like", String(repeating: "<a ", count: 100_000)),
    ])
    func deepMarkdownNestingRenders(_ name: String, _ body: String) throws {
        let html = Markdown.html(body)
        #expect(!html.isEmpty, "\(name)")
        _ = Markdown.lead(body)
    }

    @Test func tenThousandArticlesOnOnePageFailCleanly() throws {
        let scratch = try ScratchFolder()
        let content = scratch.path("Content/2018/07/19/03")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        for order in 1...10_000 {
            try Data(articleFile(title: "第\(order)篇", position: String(order)).utf8)
                .write(to: content.appendingPathComponent("\(ArchivePath.padded(order)).md"))
        }
        do {
            try scratch.build(content: scratch.path("Content"))
            Issue.record("positions past 999 must be refused")
        } catch let failure as SitegenErrors {
            #expect(failure.errors.count == 10_000 - IssueListing.maximumPosition)
            #expect(failure.errors.first?.path?.hasSuffix("2018/07/19/03/1000.md") == true)
            #expect(failure.errors.first?.line == 5)
        }
        #expect(!scratch.exists("Public"))
    }

    @Test func aTitleListLongerThanAPageCanHoldIsRefused() throws {
        let titles = (1...1_000).map { "      - 标题\($0)\n" }.joined()
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            ["2018/07/19/issue.yml": "pages:\n  - page: 3\n    titles:\n" + titles], under: "Content")
        #expect {
            _ = try ContentLoader(root: content).load()
        } throws: { error in
            (error as? SitegenErrors)?.errors.first?.line == 3
        }
    }

    @Test(arguments: [
        ("anchor on a list", "a: &a [x, y]\nb: *a\n", 1),
        (
            "billion laughs as a key",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n? *b\n: v\n", 1
        ),
        ("anchor on a list item", "authors:\n  - &first 陈义\n  - *first\n", 2),
        ("anchor after a tag", "title: !!str &t 标题\n", 1),
        ("anchor in a flow mapping", "x: {a: &a b}\n", 1),
        ("anchor in a flow list", "x: [a, &a b]\n", 1),
        ("anchor on an explicit key", "? &k a\n: b\n", 1),
        ("anchor on a continued flow list", "x: [a,\n  &a b]\n", 2),
        // Found by the fuzzer in a hand-written scanner this replaced: line 2 continues line 1's
        // plain text, so its `[` and `"` open nothing.
        ("anchor after a plain scalar's continuation", ":cae: :b,}@-\n [x,\"x,h ]\n9-19c: &c x]\n", 3),
    ])
    func yamlAnchorsAreRefused(_ name: String, _ yaml: String, _ line: Int) throws {
        #expect(YAMLLimits.firstAnchorLine(yaml) == line, "\(name)")
        #expect(throws: SitegenError.self) { _ = try YAMLFields(yaml: yaml, path: "x.yml") }
        #expect(Self.hasAnchors(yaml) == true, "the oracle must agree: \(name)")
    }

    @Test(arguments: [
        "title: R&D 与 A & B\n", "title: \"&开头 在引号里\"\n", "title: '&单引号 ''&'''\n",
        "subtitle: |\n  &块 里的文字\n  *也是\n", "byline: >-\n  &折叠\n", "title: 标题 # &注释\n",
        "authors: [\"&a\", '&b']\n", "title: a&b\n", "source: http://x.org/?a=1&b=2\n",
        "title: \"多行\n  &引号 文字\"\n",
    ])
    func ampersandsInTextAreNotAnchors(_ yaml: String) throws {
        #expect(YAMLLimits.firstAnchorLine(yaml) == nil, "\(yaml)")
        #expect(Self.hasAnchors(yaml) == false)
    }

    @Test func tooMuchYAMLIsRefused() throws {
        let yaml = "title: t\ncaptions:\n" + String(repeating: "  - 图片说明图片说明图片说明\n", count: 10_000)
        #expect {
            _ = try YAMLFields(yaml: yaml, path: "x.md", firstLine: 2)
        } throws: { error in
            (error as? SitegenError)?.message.contains("256 KB") == true
        }
    }

    @Test func deeplyNestedYAMLIsRefused() throws {
        for yaml in ["x: " + String(repeating: "[", count: 100_000), "x: " + String(repeating: "{a: ", count: 20_000)] {
            #expect(throws: SitegenError.self) { _ = try YAMLFields(yaml: yaml, path: "x.md") }
        }
    }

    /// The oracle: does Yams itself see an anchor? (The parser owns the anchors, so it stays alive
    /// while the tree is walked.) Nil when the YAML does not parse.
    static func hasAnchors(_ yaml: String) -> Bool? {
        guard let parser = try? Parser(yaml: yaml), let root = try? parser.singleRoot() else { return nil }
        func walk(_ node: Node) -> Bool {
            switch node {
            case .scalar(let scalar): return scalar.anchor != nil
            case .sequence(let sequence): return sequence.anchor != nil || sequence.contains(where: walk)
            case .mapping(let mapping):
                return mapping.anchor != nil || mapping.contains { walk($0.key) || walk($0.value) }
            case .alias: return true
            }
        }
        return withExtendedLifetime(parser) { walk(root) }
    }
}
