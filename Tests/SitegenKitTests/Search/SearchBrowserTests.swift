import Foundation
import Testing

@testable import SitegenKit

/// The search page in headless Chromium, served over HTTP from a local server, against the
/// articles that really contain each phrase.
@Suite(.serialized) struct SearchBrowserTests {
    static var chromium: String? { TestSupport.which("chromium") }

    /// A built site whose search index has blocks of 4 articles, served on a free loopback port.
    final class Site {
        let scratch: ScratchFolder
        let archive: Archive
        let server: Process
        let port: Int

        init() throws {
            scratch = try ScratchFolder()
            var files = SearchCorpus.files(count: 90)
            files["2019/06/01/01/01.md"] = articleFile(
                title: "\"<i>花椒</i> & 之乡\"", date: "2019-06-01", page: "1",
                body: "花椒<b>乡</b>")
            // Long enough for its record file to be UTF-16LE (`SearchIndexWriter.recordFile`) …
            files["2019/05/31/01/01.md"] = articleFile(
                title: "香格里拉", date: "2019-05-31", page: "1",
                body: String(repeating: "香格里拉市坚持以党建引领乡村振兴，持续推进基层组织标准化规范化建设。", count: 8))
            // … and alone in its block, so its record file is ASCII and stays UTF-8.
            files["2015/01/05/01/01.md"] = articleFile(
                title: "Tea market", date: "2015-01-05", page: "1", body: "Pu'er tea from Shangri-La sold well.")
            let content = try scratch.write(files, under: "Content")
            try scratch.build(content: content)
            archive = try SearchCorpus.index(content, into: scratch.path("Index"), blockSize: 4)
            try FileManager.default.removeItem(at: scratch.path("Public/search/p"))
            try FileManager.default.removeItem(at: scratch.path("Public/search/a"))
            try FileManager.default.removeItem(at: scratch.path("Public/search/manifest.json"))
            for item in ["p", "a", "manifest.json"] {
                try FileManager.default.moveItem(
                    at: scratch.path("Index/search/\(item)"), to: scratch.path("Public/search/\(item)"))
            }
            (server, port) = try Self.serve(scratch.path("Public"))
        }

        /// SIGKILL: children of the test process inherit its blocked signals, SIGTERM included.
        deinit {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }

        /// Python's http.server on a port the system picks, which it writes to a file once listening.
        static func serve(_ folder: URL) throws -> (Process, Int) {
            let portFile = folder.deletingLastPathComponent().appendingPathComponent("port")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(TestSupport.which("python3")))
            process.arguments = [
                "-c",
                """
                import functools, http.server, os, sys
                handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
                server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
                open(sys.argv[2] + ".new", "w").write(str(server.server_address[1]))
                os.rename(sys.argv[2] + ".new", sys.argv[2])
                server.serve_forever()
                """, folder.path, portFile.path,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                    return (process, port)
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            kill(process.processIdentifier, SIGKILL)
            throw SitegenError(path: folder.path, "the test web server did not start")
        }

        /// The page's DOM once its scripts have run (Chromium's virtual time, at most 60 s of real time).
        func dom(_ query: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(SearchBrowserTests.chromium))
            process.arguments = [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=\(scratch.path("chromium").path)", "--virtual-time-budget=15000",
                "--dump-dom", "http://127.0.0.1:\(port)/search/index.html?\(query)",
            ]
            // Into a file, not a pipe: Chromium's helper processes may hold a pipe open after it exits.
            let dump = scratch.path("dom.html")
            #expect(FileManager.default.createFile(atPath: dump.path, contents: nil))
            let output = try FileHandle(forWritingTo: dump)
            defer { try? output.close() }
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let timer = DispatchWorkItem { kill(process.processIdentifier, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: timer)
            process.waitUntilExit()
            timer.cancel()
            return try String(contentsOf: dump, encoding: .utf8)
        }
    }

    /// The encodings of the site's record files (`SearchIndexWriter.recordFile`).
    static func recordEncodings(_ site: Site) throws -> Set<String> {
        let folder = site.scratch.path("Public/search/a")
        let files = try #require(FileManager.default.subpaths(atPath: folder.path)).filter { $0.hasSuffix(".z") }
        return Set(
            try files.map { file in
                let json = try #require(
                    Deflate.decompress(Array(Data(contentsOf: folder.appendingPathComponent(file)))))
                return SearchIndexWriter.isUTF16(record: json) ? "UTF-16LE" : "UTF-8"
            })
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// The `data-count` of `#search-count` (plain string search: Swift's Regex is slow in debug builds).
    static func count(in dom: String) -> Int? {
        guard let element = dom.range(of: "<p id=\"search-count\"") else { return nil }
        let tag = dom[element.upperBound...].prefix { $0 != ">" }
        guard let attribute = tag.range(of: "data-count=\"") else { return nil }
        return Int(tag[attribute.upperBound...].prefix { $0 != "\"" })
    }

    /// The result links, relative to the site root.
    static func links(in dom: String) -> [String] {
        dom.components(separatedBy: "<li class=\"search-result\"><h2><a href=\"../").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }

    @Test(
        .enabled(if: chromium != nil || TestSupport.toolsRequired, "chromium is not installed (make test installs it)"))
    func theSearchPageListsEveryArticleContainingThePhrase() throws {
        let site = try Site()
        let archive = site.archive
        // Common and rare phrases, one character, Latin typed full-width, punctuation typed half-width.
        // … and pasted sentences of more distinct characters than a query reads (checked against
        // the records): one that occurs, one with a character changed between those read.
        let sentence = "以党建引领乡村振兴，持续推进基层组织标准化规范化建设"
        #expect(Set(SearchText.normalized(sentence)).count > SearchQuery.maxCharacters)
        #expect(try Self.recordEncodings(site) == ["UTF-8", "UTF-16LE"], "the page should read records of both")
        for query in [
            "花椒", "花", "椒之乡", "ａＢ", "乡,", "Li Na", "建的党", "tea market", sentence,
            sentence.replacingOccurrences(of: "基层", with: "基础"),
        ] {
            let truth = SearchCorpus.truth(archive, query).sorted(by: >)
            let dom = try site.dom("q=\(Self.encode(query))")
            #expect(Self.count(in: dom) == truth.count, "count for \(query)")
            #expect(dom.contains("data-complete=\"true\""), "\(query): every block should be read on this small site")
            let expected = truth.prefix(10).map { Paths.article(archive.articles[$0].slot) }  // the first page
            #expect(Self.links(in: dom) == Array(expected), "links for \(query)")
            if !truth.isEmpty { #expect(dom.contains("<mark>"), "\(query): the phrase should be highlighted") }
        }
    }

    /// With a budget smaller than a block (`data-budget` on `#main`), the first round reads the
    /// newest block only and says which ten-day period it searched.
    @Test(
        .enabled(if: chromium != nil || TestSupport.toolsRequired, "chromium is not installed (make test installs it)"))
    func aFirstRoundOnABudgetSaysWhatItSearched() throws {
        let site = try Site()
        let page = site.scratch.path("Public/search/index.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        try html.replacingOccurrences(
            of: "class=\"main wide search-page\"", with: "class=\"main wide search-page\" data-budget=\"1\""
        )
        .write(to: page, atomically: true, encoding: .utf8)
        // The newest block is 2019-06-1-0 (上旬 of June 2019), one article, whose title has 花椒.
        let dom = try site.dom("q=\(Self.encode("花椒"))")
        #expect(Self.count(in: dom) == 1)
        #expect(dom.contains("data-complete=\"false\""))
        #expect(dom.contains("已找到 1 篇（已检索2019年6月上旬以来的文章"), "the count should name the period searched")
        #expect(dom.contains("继续检索更早的文章"))
        #expect(Self.links(in: dom) == ["2019/06/01/01/01.html"])
    }

    @Test(
        .enabled(if: chromium != nil || TestSupport.toolsRequired, "chromium is not installed (make test installs it)"))
    func filtersOrderAndEscaping() throws {
        let site = try Site()
        let archive = site.archive
        let truth = SearchCorpus.truth(archive, "花椒")
        let onPage = truth.filter { archive.articles[$0].pageName == "要闻" && archive.articles[$0].date.month <= 3 }
        let dom = try site.dom("q=\(Self.encode("花椒"))&page=\(Self.encode("要闻"))&to=2018-03&sort=best")
        #expect(Self.count(in: dom) == onPage.count)
        #expect(Set(Self.links(in: dom)) == Set(onPage.map { Paths.article(archive.articles[$0].slot) }))

        let escaped = try site.dom("q=\(Self.encode("花椒"))&from=2019-06")
        #expect(Self.count(in: escaped) == 1)
        #expect(escaped.contains("&lt;i&gt;<mark>花椒</mark>&lt;/i&gt; &amp; 之乡"), "titles are text, not HTML")
        #expect(!escaped.contains("<i>花椒</i>"))
        #expect(!escaped.contains("<b>乡</b>"))
    }
}
