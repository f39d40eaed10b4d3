import Foundation
import Testing

@testable import SitegenKit
@testable import SitegenServer

/// `sitegen serve`, run in-process on a free loopback port against a scratch copy of the fixture
/// archive, and asked the way a browser (or an attacker) asks.
/// Deadlines are generous (the other tests' builds share the cores); the 2 s goal for an edit is
/// measured by Benchmarks/serve_reload.py.
@Suite(.timeLimit(.minutes(3))) struct PreviewServerTests {
    /// A scratch project with a running server; `stop()` cancels it.
    final class Running {
        let scratch: ScratchFolder
        let content: URL
        let probe: HTTPProbe
        let task: Task<Void, any Error>

        init() async throws {
            scratch = try ScratchFolder()
            content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
            let templates = try scratch.copy(TestSupport.templates, to: "Templates")
            // Assets of the other kinds a site may carry.
            _ = try scratch.write(
                [
                    "assets/data.json": "{\"a\": 1}\n",
                    "assets/dot.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
                ], under: "Templates")
            try Data([0x89, 0x50, 0x4E, 0x47]).write(to: templates.appendingPathComponent("assets/dot.png"))
            try "secret outside the site\n".write(to: scratch.path("secret.txt"), atomically: false, encoding: .utf8)

            let options = SiteBuilder.Options(content: content, templates: templates, output: scratch.path("Public"))
            var server = PreviewServer(builder: SiteBuilder(options: options), port: 0)
            server.pollInterval = .milliseconds(100)
            server.log = { _ in }
            let (ports, listening) = AsyncStream<Int>.makeStream()
            server.onListening = { listening.yield($0) }
            let configured = server
            task = Task { try await configured.run(stopOnSignals: false) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw HTTPProbe.Failure(description: "server did not start") }
            probe = HTTPProbe(port: port)
        }

        func stop() async {
            task.cancel()
            _ = await task.result
        }

        /// Polls until `path` answers with a body containing `text`; the seconds it took, or nil.
        func waitFor(_ text: String, at path: String, seconds: Double) async throws -> Double? {
            let start = Date()
            while Date().timeIntervalSince(start) < seconds {
                if try await probe.get(path).text.contains(text) { return Date().timeIntervalSince(start) }
                try await Task.sleep(for: .milliseconds(50))
            }
            return nil
        }
    }

    @Test func servesTheSiteWithItsContentTypes() async throws {
        let server = try await Running()
        let expected = [
            "/": "text/html; charset=utf-8",
            "/2018/07/19/03/05.html": "text/html; charset=utf-8",
            "/assets/site.css": "text/css; charset=utf-8",
            "/assets/site.js": "application/javascript; charset=utf-8",
            "/assets/data.json": "application/json",
            "/assets/dot.png": "image/png",
            "/assets/dot.svg": "image/svg+xml",
            "/feed.xml": "application/atom+xml",
            "/sitemap.xml": "application/xml",
            "/robots.txt": "text/plain; charset=utf-8",
            "/_sitegen/live.js": "application/javascript; charset=utf-8",
        ]
        for (path, type) in expected {
            let response = try await server.probe.get(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type, "\(path)")
        }
        let article = try await server.probe.get("/2018/07/19/03/05.html")
        #expect(article.text.contains("党建引领聚合力"))
        // The reload script goes into served HTML only, never into the built files or other types.
        #expect(article.text.contains("<script src=\"/_sitegen/live.js\"></script>\n</body>"))
        #expect(!(try server.scratch.read("Public/2018/07/19/03/05.html")).contains("_sitegen"))
        #expect(!(try await server.probe.get("/assets/site.js")).text.contains("_sitegen"))
        let head = try await server.probe.get("/assets/site.css", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] != "0")
        await server.stop()
    }

    @Test func foldersServeTheirIndexAndGainTheirSlash() async throws {
        let server = try await Running()
        let bare = try await server.probe.get("/2018/07/19")
        #expect(bare.status == 302)
        #expect(bare.headers["location"] == "/2018/07/19/")
        let folder = try await server.probe.get("/2018/07/19/")
        #expect(folder.status == 200)
        #expect(
            folder.text
                == (try server.scratch.read("Public/2018/07/19/index.html")).replacingOccurrences(
                    of: "</body>", with: "<script src=\"/_sitegen/live.js\"></script>\n</body>"))
        await server.stop()
    }

    @Test func missesGetTheSitesOwnNotFoundPage() async throws {
        let server = try await Running()
        for path in ["/nope.html", "/2018/07/19/03/99.html", "/2030/"] {
            let response = try await server.probe.get(path)
            #expect(response.status == 404, "\(path)")
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.text.contains("找不到该页"), "\(path)")
        }
        await server.stop()
    }

    @Test func nothingOutsideTheSiteIsServed() async throws {
        let server = try await Running()
        let site = server.scratch.path("Public")
        // Links inside the output folder pointing out of it: a file and a folder.
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("leak.txt").path,
            withDestinationPath: server.scratch.path("secret.txt").path)
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("outside").path,
            withDestinationPath: server.scratch.url.path)
        let attempts = [
            "/../secret.txt", "/../../../../../../etc/passwd", "/assets/../../secret.txt",
            "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/assets/%2e%2e/%2e%2e/secret.txt",
            "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/assets%2f..%2f..%2fsecret.txt",
            "/leak.txt", "/outside/secret.txt", "/outside/Content/site.yml", "/outside/",
            "/.Public.staging/index.html", "/%00", "/index.html%00.txt", "/.sitegen/Public.state",
        ]
        for path in attempts {
            let response = try await server.probe.get(path)
            #expect(response.status == 404, "\(path) answered \(response.status)")
            #expect(!response.text.contains("secret outside") && !response.text.contains("root:"), "\(path)")
        }
        await server.stop()
    }

    @Test func anEditIsServedAndABrokenFileIsShownUntilFixed() async throws {
        let server = try await Running()
        let article = server.content.appendingPathComponent("2018/07/19/03/05.md")
        let original = try String(contentsOf: article, encoding: .utf8)

        try original.replacingOccurrences(of: "title: 党建引领聚合力", with: "title: 改过的标题").write(
            to: article, atomically: true, encoding: .utf8)
        let seconds = try await server.waitFor("改过的标题", at: "/2018/07/19/03/05.html", seconds: 60)
        #expect(seconds != nil, "the edit was not served within 60 s")

        // A broken file: open pages are told (the text goes over the page), the last good site stays.
        let broken = original.replacingOccurrences(of: "date: 2018-07-19", with: "date: 2018-07-99")
        let stream = try await server.probe.events(until: { $0.contains("event: failed") }, seconds: 60) {
            try? broken.write(to: article, atomically: true, encoding: .utf8)
        }
        #expect(stream.contains("event: ok"), "a page connecting to a good build hears so first")
        #expect(stream.contains("event: failed\ndata: error: "))
        #expect(stream.contains("05.md"), "the error names the file")
        #expect(try await server.probe.get("/2018/07/19/03/05.html").text.contains("改过的标题"))
        // A page opened now learns about the error at once.
        let late = try await server.probe.events(until: { $0.contains("event: failed") }, seconds: 60)
        #expect(late.contains("event: failed"))

        // Fixing it recovers without a restart, and open pages reload.
        let fixed = try await server.probe.events(until: { $0.contains("event: reload") }, seconds: 60) {
            try? original.write(to: article, atomically: true, encoding: .utf8)
        }
        #expect(fixed.contains("event: reload"))
        #expect(try await server.waitFor("党建引领聚合力", at: "/2018/07/19/03/05.html", seconds: 60) != nil)
        await server.stop()
    }

    @Test func errorTextTravelsLineByLine() {
        #expect(LiveReload.Event.failed("a\nb <script>").wire == "event: failed\ndata: a\ndata: b <script>\n\n")
        #expect(
            LiveReload.inject(into: Data("<p>x</p></body></html>".utf8))
                == Data("<p>x</p><script src=\"/_sitegen/live.js\"></script>\n</body></html>".utf8))
    }
}
