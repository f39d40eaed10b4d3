import Foundation
import Testing
import Yams

@testable import SitegenKit

/// `SimpleYAML` reads the common front matter without Yams; on every input it either declines
/// (nil) or gives what Yams gives, in everything `YAMLFields` reads.
@Suite struct SimpleYAMLTests {
    /// Nil when the fast path declined; otherwise records an issue unless Yams reads the same
    /// values (text, plain or not, lines, order, nesting: all that `YAMLFields` reads).
    @discardableResult
    static func agreesWithYams(_ yaml: String, _ source: String) -> Bool? {
        guard let fast = SimpleYAML.mapping(yaml) else { return nil }
        let yams: Node?
        do {
            yams = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch {
            Issue.record("\(source): the fast path read \(yaml.debugDescription), which Yams refuses: \(error)")
            return false
        }
        let expected = yams.map(YAMLValue.init)
        #expect(fast == expected, "\(source): \(yaml.debugDescription)")
        return fast == expected
    }

    /// The YAML of every article and listing under a Content folder.
    static func yamlFiles(under root: URL) throws -> [(String, String)] {
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        var result: [(String, String)] = []
        for case let url as URL in files where ["md", "yml"].contains(url.pathExtension) {
            let text = try TextFile.read(path: url.path, displayPath: url.path)
            let yaml = url.pathExtension == "md" ? try FrontMatter.split(text, path: url.path).yaml : text
            result.append((url.path, yaml))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    static let contentFolders = [TestSupport.packageRoot.appendingPathComponent("Content"), TestSupport.fixtureContent]

    @Test func agreesWithYamsOnTheBundledAndFixtureContent() throws {
        var fast = 0
        var declined: [String] = []
        for folder in Self.contentFolders {
            for (path, yaml) in try Self.yamlFiles(under: folder) {
                switch Self.agreesWithYams(yaml, path) {
                case true?: fast += 1
                case nil: declined.append(path)
                case false?: break
                }
            }
        }
        // issue.yml's pages (a list of mappings) and one fixture's flow list `[a, b]` are Yams' to read.
        #expect(fast >= 10)
        #expect(declined.allSatisfy { $0.hasSuffix(".yml") || $0.hasSuffix("2018/07/18/01/01.md") }, "\(declined)")
    }

    @Test func agreesWithYamsOnTheFuzzCorpus() throws {
        var fast = 0
        for (name, bytes) in try FuzzCorpusTests.inputs() {
            guard let text = try? TextFile.decode(bytes, displayPath: name),
                let yaml = try? FrontMatter.split(text, path: name).yaml
            else { continue }
            if Self.agreesWithYams(yaml, name) != nil { fast += 1 }
        }
        // Most of the corpus is the fuzzer's garbage, but some inputs are plain front matter.
        #expect(fast >= 20, "the fast path read only \(fast) inputs")
    }

    /// Values that test each rule of plain text: indicators first, `: ` and ` #` inside,
    /// reserved words, spaces at the ends, characters YAML treats specially.
    static let values: [String] = {
        var values = [
            "标题", "党建引领聚合力 打赢脱贫攻坚战", "本报记者 段梅 通讯员 袁福", "2018-07-19", "3", "A10", "007",
            "~", "null", "Null", "NULL", "yes", "no", "true", "off", "0x1F", "1e3", ".5", "-1", "+1", "=", "<<",
            "a: b", "a:b", "a:", "a::b", "a :b", "http://www.xgll.com.cn/a.htm?x=1&y=2#top", "a #b", "a#b", "a  #",
            "a, b", "a [b] {c}", "a]b", "a}", "他说\"好\"", "it's", "a 'b'", "a \"b\"", "\\n", "a\\", "C#", "x%y",
            "a - b", "a -", "a ---", "...", "...a", "a...", "---a", "a & b", "a *b*", "a!", "a|b", "a>b", "@x", "`x`",
            "陈义：", "松学宝 摄", "（上）", "7月19日,云南省", "a\u{A0}b", "a\u{A0}", "\u{A0}a", "a\u{3000}", "\u{3000}a",
            "a\u{85}b", "a\u{2028}b", "a\u{2029}b", "\u{FEFF}a", "a\u{FEFF}", "a\u{FFFE}", "a\u{7F}", "a\u{1}b",
            "a\tb", "a\t", "a\rb", "a\r", "\u{1F600}", "é", "e\u{301}", "\u{10FFFF}", "\u{E000}", "a\u{9F}",
            "", " ", "  a", "a ", "a   ", "a  b", String(repeating: "长", count: 2_000),
            String(repeating: "a ", count: 600),
        ]
        for indicator in "-?:,[]{}#&*!|>'\"%@`." {
            values += ["\(indicator)", "\(indicator)a", "\(indicator) a", "a\(indicator)", "a \(indicator) b"]
        }
        return values
    }()

    static let keys = [
        "title", "page_name", "a-b", "a.b", "1", "_x", "x1", "-x", ".x", "x y", "x:y", "\"q\"", "'q'", "标题", "null",
        "~", "?x", "? x", "x ", "x\t", "<<", "[x]", "&a x", "!t x", "A", "x_", "x-", String(repeating: "k", count: 256),
        String(repeating: "k", count: 300), String(repeating: "k", count: 1_100),
    ]

    /// Where a tricky value or key can stand: on its key's line, as a list item (indented or not),
    /// between other fields.
    static func documents(value: String, key: String) -> [String] {
        [
            "\(key): \(value)\n", "\(key):\(value)\n", "\(key):   \(value)   \n", "\(key): \(value)",
            "title: t\n\(key): \(value)\norder: 1\n", "authors:\n  - \(value)\n", "authors:\n- \(value)\n",
            "authors:\n    - a\n    - \(value)\ntitle: t\n", "authors:\n  -   \(value)\n  - b\n",
            "\(key):\n  - \(value)\n", "title: \(value)\n\(key): x\n", "\n\n\(key): \(value)\n\n",
        ]
    }

    /// Structures around plain fields: lists, blank lines, indentation, markers, comments, continuations.
    static let structures = [
        "", "\n", "\n\n", " \n", "title: t", "title: t\n", "title:\n", "title:", "title:  \n", "title:\ndate: d\n",
        "title: a\ntitle: b\n", "title: a\nTitle: b\n", "  title: t\n", "title: t\n  date: d\n", "title: t\n date: d\n",
        "title: a\n  continued\n", "title: a\n\n  continued\n", "title: a\ncontinued\n", "title: a\n# comment\n",
        "# comment\ntitle: a\n", "title: a # comment\n", "---\ntitle: a\n", "title: a\n---\n", "title: a\n...\n",
        "%YAML 1.1\n---\ntitle: a\n", "a\n", "- a\n", "- a\n- b\n", "title: a\n- b\n", "authors:\n  - a\n",
        "authors:\n  - a\n  - b\ntitle: t\n", "authors:\n- a\n- b\ntitle: t\n", "authors:\n  - a\n - b\n",
        "authors:\n  - a\n   - b\n", "authors:\n - a\n  - b\n", "authors:\n  - a\n    continued\n",
        "authors:\n  - a\n  continued\n", "authors:\n  -\n", "authors:\n  - \n", "authors:\n  -a\n",
        "authors:\n  - a\n  -\n", "authors: []\n", "authors:\n  []\n", "authors: {}\n",
        "authors:\n\n  - a\n\n  - b\n\ntitle: c\n", "authors:\n  - a\n\n", "authors:\n  - - a\n",
        "authors:\n  - a: b\n", "authors:\n  - a\ncaptions:\n    - b\n", "authors:\n\ttitle: a\n", "authors:\n  \n",
        "authors:\n  - a\n  \n  - b\n", "authors:\ntitle: t\n", "authors:\n\ntitle: t\n", "a:\n  b: c\n",
        "a:\n  b\n", "a:\n  - b\n  c: d\n", "a: b\nc:\n  - d\ne: f\ng:\n  - h\n  - i\n",
        "title: t\r\ndate: d\r\n", "title: t\rdate: d\n", "\u{FEFF}title: t\n", "title: t\u{85}date: d\n",
        "title: t\u{2028}date: d\n", "title: t\n\u{A0}date: d\n", "title: t\n\u{3000}date: d\n",
        "? title\n: t\n", "title: &a t\nx: *a\n", "title: !!str t\n", "title: |\n  t\n", "title: >\n  t\n",
        "title: 'a'\n", "title: \"a\"\n", "title: 'a\n  b'\n", "title: a\n...\ntitle: b\n",
    ]

    @Test func agreesWithYamsOnTrickyLines() throws {
        var fast = 0
        var declined = 0
        var inputs = Self.structures
        for value in Self.values { inputs += Self.documents(value: value, key: "title") }
        for key in Self.keys { inputs += Self.documents(value: "值", key: key) }
        for input in inputs {
            switch Self.agreesWithYams(input, "generated") {
            case nil: declined += 1
            case true?: fast += 1
            case false?: break
            }
        }
        // Both outcomes are well covered, or the test checks little.
        #expect(fast >= 500 && declined >= 500, "fast \(fast), declined \(declined)")
    }

    /// Documents pieced together at random (with a fixed seed) from fragments that matter to YAML,
    /// so that combinations nobody listed are tried too.
    @Test func agreesWithYamsOnRandomDocuments() throws {
        // Mostly the shapes of real front matter, so that a good share is read by the fast path
        // and each odd fragment is tried in many places.
        let indents = ["", "  ", "    ", " "]
        let oddStarts = ["-", "? ", "#", "---", "...", "", "  ", "title :", "title:\t", "title", "k0: ", "k1:", "\t- "]
        let common = ["a", "陈义", " ", "本报记者", "3", "2018-07-19", "x"]
        let odd = [
            "#", " #", ":", ": ", "-", "- ", "'", "\"", "[", "]", ",", "{", "&", "*", "!", "|", ">", "%", "@", "`", "~",
            "null", "\t", "\u{A0}", ".", "?", "\u{3000}", "http://x", "\r", "\u{85}", "\u{FEFF}", "\u{1}", "\n  ",
        ]
        var random = IngestFuzzTests.Random(state: 18)
        var fast = 0
        for _ in 0..<20_000 {
            let indent = indents[random.below(indents.count)]
            var yaml = ""
            for line in 0..<(1 + random.below(6)) {
                switch random.below(10) {
                case 0...3: yaml += "k\(line): "
                case 4...5: yaml += "k\(line):\n" + indent + "- "
                case 6...8: yaml += random.below(10) == 0 ? indents[random.below(indents.count)] + "- " : indent + "- "
                default: yaml += oddStarts[random.below(oddStarts.count)]
                }
                for _ in 0..<random.below(4) {
                    yaml += random.below(8) == 0 ? odd[random.below(odd.count)] : common[random.below(common.count)]
                }
                yaml += "\n"
            }
            if Self.agreesWithYams(yaml, "random") != nil { fast += 1 }
        }
        #expect(fast >= 2_000, "the fast path read only \(fast) of the random documents")
    }

    /// Front matter as ingest and the benchmark corpus write it takes the fast path (the speed-up
    /// cannot vanish unnoticed), and gives the same fields and lines.
    @Test func commonFrontMatterTakesTheFastPath() throws {
        let yaml = """
            title: 每个贫困户都有帮扶责任人
            kicker: 迪庆州
            subtitle: ——三坝乡抓党建促脱贫攻坚工作纪实
            author: 本报记者 段梅 通讯员 袁福
            authors:
              - 陈义
              - 松学宝
            date: 2001-03-23
            page: 3
            page_name: 综合
            order: 1
            captions:
              - 7月19日,云南省迪庆藏族自治州建州60周年新闻发布会在昆明举行。 (松学宝 摄)
            source: http://www.xgll.com.cn/oldepaper/dqrb/html/2017-07/20/content_92190.htm
            ingest_digest: d49e42e80d0e8f0c

            """
        let fields = try YAMLFields(yaml: yaml, path: "a.md", firstLine: 2)
        #expect(fields.reader == .simple)
        #expect(Self.agreesWithYams(yaml, "common") == true)
        #expect(try fields.string("title") == "每个贫困户都有帮扶责任人")
        #expect(try fields.strings("authors") == ["陈义", "松学宝"])
        #expect(fields.lineOf("order") == 12 && fields.lineOf("ingest_digest") == 16)
        let bundled = try Self.yamlFiles(under: Self.contentFolders[0]).filter { $0.0.hasSuffix(".md") }
        #expect(!bundled.isEmpty)
        for (path, yaml) in bundled {
            #expect(try YAMLFields(yaml: yaml, path: path).reader == .simple, "\(path)")
        }
        // Anything else still goes to Yams, with its messages and lines.
        #expect(try YAMLFields(yaml: "title: \"t\"\n", path: "a.md").reader == .yams)
        let error = #expect(throws: SitegenError.self) { _ = try YAMLFields(yaml: "a: 1\nb: 2\na: 3\n", path: "a.md") }
        #expect(error?.message.contains("the field a is given twice") == true && error?.line == 1)
    }
}
