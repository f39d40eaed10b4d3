import Foundation
import Testing

@testable import SitegenKit

/// Broken and hostile Content: every failure names the file (and line) and leaves the published
/// site byte for byte as it was; nothing in Content reaches outside the output folder or gets
/// markup or script into the pages, the feed or the sitemap.
@Suite struct HostileInputTests {
    /// Every file of a folder (dot entries too) with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for relative in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[relative] = try Data(contentsOf: url)
            } else {
                files[relative + "/"] = Data()
            }
        }
        return files
    }

    struct Breakage: CustomTestStringConvertible, Sendable {
        var name: String
        /// Prepares the breakage in the Content folder.
        var apply: @Sendable (URL) throws -> Void
        /// The file the message must name (a suffix of its path) and the line, when there is one.
        var path: String
        var line: Int?
        var testDescription: String { name }

        static func file(_ name: String, _ relative: String, _ text: String, line: Int?) -> Breakage {
            Breakage(
                name: name,
                apply: { content in
                    let file = content.appendingPathComponent(relative)
                    try FileManager.default.createDirectory(
                        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: file)
                }, path: relative, line: line)
        }
    }

    static let breakages: [Breakage] = [
        .file("invalid YAML", "2018/07/19/03/02.md", "---\ntitle: [未闭合\ndate: 2018-07-19\n---\n正文\n", line: 3),
        .file("impossible date", "2018/07/19/03/02.md", articleFile(date: "2018-02-30", position: "2"), line: 3),
        .file("版次 with ..", "x/a.md", articleFile(page: "../../..", position: "2"), line: 4),
        .file("absolute 版次", "x/b.md", articleFile(page: "/etc/passwd", position: "2"), line: 4),
        .file("date as a path", "x/c.md", articleFile(date: "../../../tmp", position: "2"), line: 3),
        .file("position past the limit", "x/d.md", articleFile(position: "1000"), line: 5),
        .file("no front matter", "2018/07/19/03/02.md", "正文\n", line: 1),
        .file("front matter never closed", "2018/07/19/03/02.md", "---\ntitle: 标题\n", line: 1),
        .file("front matter is a list", "2018/07/19/03/02.md", "---\n- a\n- b\n---\n", line: 2),
        .file("two articles in one place", "elsewhere/copy.md", articleFile(title: "副本"), line: nil),
        .file("article at the wrong path", "2018/07/19/03/07.md", articleFile(position: "8"), line: 1),
        .file(
            "billion laughs", "2018/07/19/03/02.md",
            "---\ntitle: t\ndate: 2018-07-19\npage: 3\norder: 2\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n? [*b, *b, *b, *b]\n: v\n---\n",
            line: 6),
        .file("broken issue.yml", "2018/07/19/issue.yml", "pages: 3\n", line: 1),
        .file("issue.yml in the wrong folder", "2018/07/issue.yml", "pages: []\n", line: nil),
        .file("issue.yml listing a page twice", "2018/07/19/issue.yml", "pages:\n  - page: 3\n  - page: 03\n", line: 3),
        .file("broken site.yml", "site.yml", "base_url: ftp://example.org/\n", line: 1),
        Breakage(
            name: "not UTF-8",
            apply: { content in
                try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x3A, 0x20, 0xB1, 0xEA, 0x0A]).write(
                    to: content.appendingPathComponent("2018/07/19/03/02.md"))
            }, path: "2018/07/19/03/02.md", line: 2),
        Breakage(
            name: "enormous file",
            apply: { content in
                let url = content.appendingPathComponent("2018/07/19/03/02.md")
                #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
                let handle = try FileHandle(forWritingTo: url)
                try handle.truncate(atOffset: 1 << 30)  // sparse: 1 GB that takes no disk space
                try handle.close()
            }, path: "2018/07/19/03/02.md", line: nil),
        Breakage(
            name: "a pipe named .md",
            apply: { content in
                #expect(mkfifo(content.appendingPathComponent("2018/07/19/03/02.md").path, 0o644) == 0)
            }, path: "2018/07/19/03/02.md", line: nil),
        Breakage(
            name: "link out of Content",
            apply: { content in
                let outside = content.deletingLastPathComponent().appendingPathComponent("outside")
                try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
                try articleFile(position: "2").write(
                    to: outside.appendingPathComponent("02.md"), atomically: true, encoding: .utf8)
                try FileManager.default.createSymbolicLink(
                    at: content.appendingPathComponent("2018/07/20"), withDestinationURL: outside)
            }, path: "2018/07/20", line: nil),
    ]

    @Test(arguments: breakages)
    func aBrokenInputNamesItsFileAndLeavesThePreviousSiteAsItWas(_ breakage: Breakage) throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            [
                "2018/07/19/03/01.md": articleFile(title: "已发布"),
                "2018/07/19/issue.yml": "pages:\n  - page: 3\n    name: 要闻\n",
            ], under: "Content")
        try scratch.write([".gitkeep": ""], under: "Public")
        try scratch.build(content: content)
        let before = try Self.snapshot(scratch.path("Public"))
        let neighbours = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()

        try breakage.apply(content)
        do {
            try scratch.build(content: content)
            Issue.record("\(breakage.name): the build must refuse it")
        } catch let failure as SitegenErrors {
            let named = failure.errors.first { $0.path?.hasSuffix(breakage.path) == true }
            #expect(named != nil, "\(breakage.name): no message names \(breakage.path): \(failure)")
            if let line = breakage.line { #expect(named?.line == line, "\(breakage.name): \(failure)") }
            #expect(named?.fix != nil, "\(breakage.name): the message must say what to do")
        }
        #expect(try Self.snapshot(scratch.path("Public")) == before, "\(breakage.name) changed Public/")
        let after = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
        // (`outside` is the folder the symlink breakage links to.)
        #expect(after.filter { $0 != "outside" } == neighbours, "\(breakage.name) left something beside Public/")
    }

    @Test func linksAmongTheOutputsDotEntriesAreKeptAsLinks() throws {
        let scratch = try ScratchFolder()
        try scratch.write(["big/file.txt": "outside the site"], under: "elsewhere")
        try scratch.write([".gitkeep": ""], under: "Public")
        try FileManager.default.createSymbolicLink(
            at: scratch.path("Public/.deploy"), withDestinationURL: scratch.path("elsewhere"))
        try scratch.build(content: TestSupport.fixtureContent)
        try scratch.build(content: TestSupport.fixtureContent)
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: scratch.path("Public/.deploy").path)
                == scratch.path("elsewhere").path)
        #expect(try scratch.read("elsewhere/big/file.txt") == "outside the site")
    }

    @Test func anOutputThatIsAFileIsNamedAndKept() throws {
        let scratch = try ScratchFolder()
        try scratch.write(["Public": "not a folder"])
        #expect {
            try scratch.build(content: TestSupport.fixtureContent)
        } throws: { error in
            (error as? SitegenErrors)?.errors.first?.path == scratch.path("Public").path
        }
        #expect(try scratch.read("Public") == "not a folder")
    }

    // MARK: Escaping

    @Test func issueAndSiteTextIsEscapedInPagesFeedAndSitemap() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            [
                "site.yml":
                    "title: \"<script>alert('站')</script> & 日报\"\ndescription: \"\\\" onload=\\\"alert(1)\"\nfooter: \"<b>版权</b>\"\nbase_url: \"https://example.org/a&b/\"\n",
                "2018/07/19/issue.yml":
                    "pages:\n  - page: 3\n    name: \"<i>要闻</i>\"\n    titles:\n      - \"<img src=x onerror=alert(1)>\"\n      - 第二篇\n",
                "2018/07/19/03/02.md": articleFile(
                    title: "\"控制\\u0001字符\\u001F与\\uFFFE < 标题\"", position: "2",
                    extra:
                        "kicker: \"</p><script>x()</script>\"\nbyline: \"<svg onload=alert(1)>\"\nsubtitle: \"—— <u>副题</u>\"",
                    body: "正文\u{7}含控制字符。"),
            ], under: "Content")
        try scratch.build(content: content)
        let site = scratch.path("Public")
        for page in try FileManager.default.subpathsOfDirectory(atPath: site.path) where page.hasSuffix(".html") {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            for raw in [
                "<script>alert", "<img src=x", "<b>版权", "<i>要闻", "<svg", "<script>x()", "<u>副题", "\" onload=\"",
                "\u{1}", "\u{7}", "\u{FFFE}",
            ] {
                #expect(!html.contains(raw), "\(page) lets \(raw) through")
            }
        }
        for file in ["feed.xml", "sitemap.xml"] {
            let data = try Data(contentsOf: site.appendingPathComponent(file))
            guard case .success(let elements) = XMLOutline.parse(data) else {
                Issue.record("\(file) is not well-formed XML")
                continue
            }
            #expect(!elements.isEmpty)
        }
        let feed = try scratch.read("Public/feed.xml")
        #expect(feed.contains("<title>&lt;script&gt;alert(&#39;站&#39;)&lt;/script&gt; &amp; 日报</title>"))
        #expect(feed.contains("<title>控制字符与 &lt; 标题</title>"))
        #expect(
            try scratch.read("Public/sitemap.xml").contains(
                "<loc>https://example.org/a&amp;b/2018/07/19/03/02.html</loc>"))
    }

    /// Each payload is one article body; none may leave a script, an event handler or a
    /// script-carrying link in the page when site.yml does not say `unsafe_html: true`.
    static let markdownPayloads = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
        "[x](java&#115;cript:alert(1))", "[x](&#x6A;avascript:alert(1))", "[x](<javascript:alert(1)>)",
        "<javascript:alert(1)>", "![x](javascript:alert(1))", "[x]\n\n[x]: javascript:alert(1)",
        "[x](vbscript:msgbox(1))", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](file:///etc/passwd)", "<div onmouseover=\"alert(1)\">x</div>", "<style>body{display:none}</style>",
        "`<script>` 与 ```\n<script>alert(1)</script>\n```",
    ]

    @Test(arguments: markdownPayloads)
    func rawHTMLAndScriptLinksNeverReachThePage(_ payload: String) throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(["2018/07/19/03/01.md": articleFile(body: payload)], under: "Content")
        try scratch.build(content: content)
        let html = try scratch.read("Public/2018/07/19/03/01.html")
        let body =
            try #require(html.range(of: "<div class=\"article-body\">").map { String(html[$0.upperBound...]) })
            .components(separatedBy: "</div>").first ?? ""
        for raw in ["<script", "<img src=x", "<iframe", "onerror=", "onmouseover=", "<style", "<div onmouseover"] {
            #expect(!body.lowercased().contains(raw), "\(raw) reached the page from \(payload): \(body)")
        }
        for link in LinkChecker.links(in: body) {
            let scheme = link.href.lowercased().trimmingCharacters(in: .whitespaces)
            #expect(
                !["javascript:", "vbscript:", "data:text", "file:"].contains { scheme.hasPrefix($0) },
                "\(link.href) reached the page from \(payload)")
        }
    }

    // MARK: Nothing outside the output folder

    @Test func contentCannotWriteOutsideTheOutputFolder() throws {
        let scratch = try ScratchFolder()
        // Every path-making field is validated: these are refused outright (see the breakages above);
        // here a valid archive with the most extreme labels stays inside Public/.
        let content = try scratch.write(
            [
                "a.md": articleFile(page: "ZZZ9999", position: "999"),
                "b.md": articleFile(date: "9999-12-31", page: "1", position: "1"),
                "c.md": articleFile(date: "0001-01-01", page: "a1", position: "1"),
            ], under: "Content")
        try scratch.build(content: content, output: "out/Public")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == ["Content", "out"])
        // Beside it only the build's own lock, state and staging (a first build leaves it ready).
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: scratch.path("out").path).sorted()
                == [".Public.lock", ".Public.staging", ".sitegen", "Public"])
        #expect(scratch.exists("out/Public/2018/07/19/ZZZ9999/999.html"))
        #expect(scratch.exists("out/Public/0001/01/01/A01/01.html"))
        for label in ["..", "../x", "/etc", "3/..", "A/1", "A..1", "3 ", ".", "", "A1B", "AAAA1", "１", "3\u{0}"]
        where !label.hasSuffix(" ") {
            #expect(PageLabel(label) == nil, "\(label) must not be a 版次")
        }
    }

    @Test func linksInsideContentAreFollowedButNotOutOfIt() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(["_drafts/01.md": articleFile(title: "链接的文章")], under: "Content")
        try FileManager.default.createDirectory(
            at: content.appendingPathComponent("2018/07/19/03"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: content.appendingPathComponent("2018/07/19/03/01.md"),
            withDestinationURL: content.appendingPathComponent("_drafts/01.md"))
        try scratch.build(content: content)
        #expect(try scratch.read("Public/2018/07/19/03/01.html").contains("链接的文章"))

        try FileManager.default.createSymbolicLink(
            at: content.appendingPathComponent("passwd.md"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        #expect {
            try scratch.build(content: content)
        } throws: { error in
            (error as? SitegenErrors)?.errors.contains {
                $0.path?.hasSuffix("passwd.md") == true && $0.message.contains("outside the Content folder")
            } == true
        }
    }
}
