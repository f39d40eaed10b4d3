import Foundation
import Testing

@testable import SitegenServer

#if canImport(Glibc)
    import Glibc
#endif

/// `sitegen serve` as HTTP/1.0 and HTTP/1.1 clients meet it, spoken raw over a socket: which
/// connections persist (RFC 9112 §9.3), HEAD, byte ranges, revalidation, over-long targets.
@Suite(.timeLimit(.minutes(3))) struct HTTPProtocolTests {
    static let article = "/2018/07/19/03/05.html"

    /// One client connection; every read waits at most 10 s (a server that keeps an HTTP/1.0
    /// connection open fails the test instead of hanging it).
    final class Connection {
        struct Answer {
            var statusLine: String
            var headers: [String: String]  // lowercased names
            var body: Data
            var status: Int { Int(statusLine.split(separator: " ")[1]) ?? 0 }
        }

        let socket: Int32
        private var buffer: [UInt8] = []

        init(port: Int) throws {
            socket = try HTTPProbe.connect(port: port, timeoutSeconds: 10)
        }

        deinit { close(socket) }

        func send(_ request: String) {
            let bytes = Array(request.utf8)
            _ = Glibc.send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL))
        }

        /// Reads more bytes: false at the end of the stream; throws after 10 s of silence.
        private func fill() throws -> Bool {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = recv(socket, &chunk, chunk.count, 0)
            if count < 0 {
                throw HTTPProbe.Failure(
                    description: "no answer within 10 s (errno \(errno)); read so far: \(buffer.count) bytes")
            }
            buffer += chunk[0..<count]
            return count > 0
        }

        private var headerEnd: Int? {
            guard buffer.count >= 4 else { return nil }
            return (0...(buffer.count - 4)).first {
                buffer[$0] == 13 && buffer[$0 + 1] == 10 && buffer[$0 + 2] == 13 && buffer[$0 + 3] == 10
            }
        }

        /// One response; its body as its headers delimit it (none for HEAD and 304), or up to the close.
        func answer(toHead: Bool = false) throws -> Answer {
            var end = headerEnd
            while end == nil {
                guard try fill() else { throw HTTPProbe.Failure(description: "closed before a response") }
                end = headerEnd
            }
            let lines = String(decoding: buffer[..<end!], as: UTF8.self).components(separatedBy: "\r\n")
            buffer.removeFirst(end! + 4)
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
            var answer = Answer(statusLine: lines[0], headers: headers, body: Data())
            if toHead || answer.status == 304 { return answer }
            if let length = headers["content-length"].flatMap(Int.init) {
                while buffer.count < length { guard try fill() else { break } }
                answer.body = Data(buffer.prefix(length))
                buffer.removeFirst(min(length, buffer.count))
            } else {
                while try fill() {}
                answer.body = Data(buffer)
                buffer = []
            }
            return answer
        }

        /// Whether the server closed the connection (nothing more to read) within 10 s.
        func isClosedByServer() -> Bool {
            guard buffer.isEmpty else { return false }
            return (try? fill()) == false
        }
    }

    @Test func http10WithoutKeepAliveIsAnsweredIn10AndClosed() async throws {
        let server = try await PreviewServerTests.Running()
        let port = server.probe.port
        do {
            let connection = try Connection(port: port)
            connection.send("GET \(Self.article) HTTP/1.0\r\n\r\n")
            let answer = try connection.answer()
            #expect(answer.statusLine.hasPrefix("HTTP/1.0 200"))
            #expect(answer.headers["connection"]?.lowercased() == "close")
            #expect(answer.headers["content-length"] == String(answer.body.count))
            #expect(String(decoding: answer.body, as: UTF8.self).contains("党建引领聚合力"))
            #expect(connection.isClosedByServer())
        }
        await server.stop()
    }

    @Test func http10KeepAlivePersistsAndSaysSo() async throws {
        let server = try await PreviewServerTests.Running()
        let port = server.probe.port
        do {
            let connection = try Connection(port: port)
            for target in [Self.article, "/assets/site.css", "/no/such/page.html"] {
                connection.send("GET \(target) HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let answer = try connection.answer()
                #expect(answer.statusLine.hasPrefix("HTTP/1.0 "), "\(target)")
                #expect(answer.headers["connection"]?.lowercased() == "keep-alive", "\(target)")
                #expect(answer.headers["content-length"] == String(answer.body.count), "\(target)")
            }
            // The last request does not ask: answered, then closed.
            connection.send("GET / HTTP/1.0\r\n\r\n")
            #expect(try connection.answer().headers["connection"]?.lowercased() == "close")
            #expect(connection.isClosedByServer())
        }
        await server.stop()
    }

    @Test func http11PersistsUntilTheClientSaysClose() async throws {
        let server = try await PreviewServerTests.Running()
        let port = server.probe.port
        do {
            let connection = try Connection(port: port)
            for _ in 0..<3 {
                connection.send("GET \(Self.article) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                let answer = try connection.answer()
                #expect(answer.statusLine.hasPrefix("HTTP/1.1 200"))
                #expect(answer.headers["connection"] == nil)
            }
            connection.send("GET \(Self.article) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let last = try connection.answer()
            #expect(last.status == 200 && last.headers["connection"]?.lowercased() == "close")
            #expect(connection.isClosedByServer())
        }
        await server.stop()
    }

    /// HEAD: the GET's headers, no body (the next answer on the connection parses cleanly).
    @Test(arguments: ["HTTP/1.0", "HTTP/1.1"])
    func headAnswersWithoutABody(version: String) async throws {
        let server = try await PreviewServerTests.Running()
        let port = server.probe.port
        do {
            let connection = try Connection(port: port)
            let keep = version == "HTTP/1.0" ? "Connection: keep-alive\r\n" : ""
            for target in [Self.article, "/assets/dot.png", "/missing.html"] {
                connection.send("GET \(target) \(version)\r\nHost: x\r\n\(keep)\r\n")
                let get = try connection.answer()
                connection.send("HEAD \(target) \(version)\r\nHost: x\r\n\(keep)\r\n")
                let head = try connection.answer(toHead: true)
                #expect(head.status == get.status, "\(target)")
                #expect(head.headers["content-length"] == String(get.body.count), "\(target)")
                #expect(head.headers["content-type"] == get.headers["content-type"], "\(target)")
                #expect(head.headers["etag"] == get.headers["etag"], "\(target)")
            }
            connection.send("GET /assets/dot.svg \(version)\r\nHost: x\r\n\(keep)\r\n")
            #expect(try connection.answer().headers["content-type"] == "image/svg+xml")
        }
        await server.stop()
    }

    /// A PDF and a picture read in parts: 206 with the part, 416 past the end, the whole file for
    /// what is not one byte range.
    @Test(arguments: ["HTTP/1.0", "HTTP/1.1"])
    func rangesOfPDFsAndPictures(version: String) async throws {
        let server = try await PreviewServerTests.Running()
        let pdf = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try pdf.write(to: server.scratch.path("Templates/assets/page.pdf"))
        let png = Data([0x89, 0x50, 0x4E, 0x47])
        let port = server.probe.port
        var waited = 0
        while try await server.probe.get("/assets/page.pdf").status != 200, waited < 600 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        do {
            let cases: [(target: String, file: Data, range: String, part: Range<Int>?)] = [
                ("/assets/page.pdf", pdf, "bytes=0-99", 0..<100),
                ("/assets/page.pdf", pdf, "bytes=2990-", 2990..<3000),
                ("/assets/page.pdf", pdf, "bytes=-10", 2990..<3000),
                ("/assets/page.pdf", pdf, "bytes=2000-999999", 2000..<3000),
                ("/assets/dot.png", png, "bytes=1-2", 1..<3),
            ]
            for test in cases {
                let connection = try Connection(port: port)
                connection.send("GET \(test.target) \(version)\r\nHost: x\r\nRange: \(test.range)\r\n\r\n")
                let answer = try connection.answer()
                let part = try #require(test.part)
                #expect(answer.status == 206, "\(test.range)")
                #expect(
                    answer.headers["content-range"]
                        == "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(test.file.count)", "\(test.range)")
                #expect(answer.body == test.file.subdata(in: part), "\(test.range)")
                #expect(answer.headers["accept-ranges"] == "bytes")
            }
            for range in ["bytes=3000-", "bytes=5000-6000"] {
                let connection = try Connection(port: port)
                connection.send("GET /assets/page.pdf \(version)\r\nHost: x\r\nRange: \(range)\r\n\r\n")
                let answer = try connection.answer()
                #expect(answer.status == 416, "\(range)")
                #expect(answer.headers["content-range"] == "bytes */3000", "\(range)")
            }
            for range in ["bytes=0-1,5-6", "lines=1-2"] {
                let connection = try Connection(port: port)
                connection.send("GET /assets/page.pdf \(version)\r\nHost: x\r\nRange: \(range)\r\n\r\n")
                let answer = try connection.answer()
                #expect(answer.status == 200 && answer.body == pdf, "\(range)")
            }
        }
        await server.stop()
    }

    /// A browser's revalidation: 304 while the file is the same, 200 once a rebuild changed it.
    @Test(arguments: ["HTTP/1.0", "HTTP/1.1"])
    func revalidationGetsNotModified(version: String) async throws {
        let server = try await PreviewServerTests.Running()
        let port = server.probe.port
        // Blocking reads are fine here: the server answers on threads of its own (`ServerExecutor`).
        let first: (String, String) = try {
            let connection = try Connection(port: port)
            connection.send("GET \(Self.article) \(version)\r\nHost: x\r\n\r\n")
            let answer = try connection.answer()
            let etag = try #require(answer.headers["etag"])
            let modified = try #require(answer.headers["last-modified"])
            #expect(modified.hasSuffix(" GMT"))
            #expect(answer.headers["cache-control"] == "no-store")
            for condition in [
                "If-None-Match: \(etag)", "If-None-Match: \"other\", W/\(etag)", "If-Modified-Since: \(modified)",
                "If-Modified-Since: Fri, 31 Dec 2100 23:59:59 GMT",
            ] {
                let again = try Connection(port: port)
                again.send("GET \(Self.article) \(version)\r\nHost: x\r\n\(condition)\r\n\r\n")
                let revalidated = try again.answer()
                #expect(revalidated.status == 304, "\(condition)")
                #expect(revalidated.headers["etag"] == etag)
                #expect(again.isClosedByServer() == (version == "HTTP/1.0"), "\(condition)")
            }
            for condition in [
                "If-None-Match: \"other\"", "If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT",
                "If-Modified-Since: yesterday",
            ] {
                let again = try Connection(port: port)
                again.send("GET \(Self.article) \(version)\r\nHost: x\r\n\(condition)\r\n\r\n")
                #expect(try again.answer().status == 200, "\(condition)")
            }
            return (etag, modified)
        }()
        // An edit: the rebuilt page is a new version.
        let file = server.content.appendingPathComponent("2018/07/19/03/05.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "党建引领聚合力", with: "党建引领新合力").write(to: file, atomically: true, encoding: .utf8)
        #expect(try await server.waitFor("党建引领新合力", at: Self.article, seconds: 60) != nil)
        do {
            let connection = try Connection(port: port)
            connection.send("GET \(Self.article) \(version)\r\nHost: x\r\nIf-None-Match: \(first.0)\r\n\r\n")
            let answer = try connection.answer()
            #expect(answer.status == 200 && answer.headers["etag"] != first.0)
        }
        await server.stop()
    }

    /// Targets past 8 KiB are refused (414) and the connection closed; shorter ones are served.
    @Test(arguments: ["HTTP/1.0", "HTTP/1.1"])
    func overLongTargetsAreRefused(version: String) async throws {
        let server = try await PreviewServerTests.Running()
        let port = server.probe.port
        do {
            let long = try Connection(port: port)
            long.send("GET /\(String(repeating: "a", count: 9000)) \(version)\r\nHost: x\r\n\r\n")
            let refused = try long.answer()
            #expect(refused.status == 414)
            #expect(refused.headers["connection"]?.lowercased() == "close")
            #expect(long.isClosedByServer())

            let huge = try Connection(port: port)
            huge.send("GET /\(String(repeating: "b", count: 200_000)) \(version)\r\nHost: x\r\n\r\n")
            #expect([400, 414].contains(try huge.answer().status))

            let fine = try Connection(port: port)
            fine.send("GET /\(String(repeating: "c", count: 8000)) \(version)\r\nHost: x\r\n\r\n")
            #expect(try fine.answer().status == 404)
        }
        await server.stop()
    }
}
