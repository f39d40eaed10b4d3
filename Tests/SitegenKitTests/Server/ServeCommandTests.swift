import Foundation
import Testing

@testable import SitegenKit

/// The real `sitegen serve` binary: it says where it listens and stops on Ctrl-C / SIGTERM even
/// while a page holds the live-reload stream open.
@Suite(.timeLimit(.minutes(3))) struct ServeCommandTests {
    /// `swift test` builds the executable beside the test bundle.
    static var binary: URL? {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = folder.appendingPathComponent("sitegen")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    @Test(.enabled(if: binary != nil, "the sitegen binary is not built beside the tests"))
    func stopsOnSIGTERMWithAnOpenEventStream() async throws {
        let scratch = try ScratchFolder()
        _ = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        _ = try scratch.copy(TestSupport.templates, to: "Templates")
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = scratch.url
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // "Serving Public/ at http://127.0.0.1:PORT/ — …"
        let line = try await Task.detached { () -> String in
            var text = ""
            while !text.contains("Serving "), !text.hasSuffix("\n\n") {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            return text
        }.value
        let port = try #require(
            line.firstMatch(of: /127\.0\.0\.1:(\d+)\//).flatMap { Int($0.1) }, "no address in: \(line)")
        #expect(try await HTTPProbe(port: port).get("/").status == 200)

        let stream = try await HTTPProbe(port: port).events(until: { $0.contains("event: ok") }, seconds: 60) {}
        #expect(stream.contains("event: ok"))
        // Hold a stream open while the server is told to stop.
        let held = Task.detached { try await HTTPProbe(port: port).events(until: { _ in false }, seconds: 60) }
        try await Task.sleep(for: .milliseconds(300))
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "sitegen serve did not stop within 20 s of SIGTERM")
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        } else {
            #expect(process.terminationReason == .exit)
        }
        _ = try? await held.value
    }
}
