import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// Paths into the repository and scratch folders for end-to-end tests.
enum TestSupport {
    /// The package root (…/Tests/SitegenKitTests/Support/TestSupport.swift → three folders up).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = packageRoot.appendingPathComponent("Templates")
    static let fixtures = packageRoot.appendingPathComponent("Tests/SitegenKitTests/Fixtures")
    static let fixtureContent = fixtures.appendingPathComponent("archive/Content")

    /// True when `make test` runs us: tools the Makefile installs must then be present.
    static let toolsRequired = ProcessInfo.processInfo.environment["SITEGEN_REQUIRE_TOOLS"] == "1"

    static func which(_ tool: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// A fresh folder under the system's temporary folder, removed when the test is done with it.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes text files (relative path → contents), creating folders as needed.
    @discardableResult
    func write(_ files: [String: String], under folder: String = "") throws -> URL {
        let base = folder.isEmpty ? url : path(folder)
        for (relative, text) in files {
            let file = base.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: false, encoding: .utf8)
        }
        return base
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: path(relative), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative).path)
    }

    /// Copies a folder into the scratch folder.
    func copy(_ source: URL, to relative: String) throws -> URL {
        let target = path(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: target)
        return target
    }

    /// Builds `content` with the project's templates into `output`.
    @discardableResult
    func build(
        content: URL, output: String = "Public", templates: URL = TestSupport.templates,
        baseURL: String? = nil
    ) throws -> SiteBuilder.Report {
        try SiteBuilder(options: .init(content: content, templates: templates, output: path(output), baseURL: baseURL))
            .build()
    }

    /// As `sitegen build` runs: the inbox first, then the build.
    func buildAfterInbox(content: URL, output: String = "Public") throws -> Inbox.Build {
        try Inbox.thenBuild(
            SiteBuilder(options: .init(content: content, templates: TestSupport.templates, output: path(output))))
    }
}

/// A minimal valid article file.
func articleFile(
    title: String = "标题", date: String = "2018-07-19", page: String = "3", position: String = "1",
    extra: String = "", body: String = "正文。"
) -> String {
    "---\ntitle: \(title)\ndate: \(date)\npage: \(page)\nposition: \(position)\n\(extra)\(extra.isEmpty || extra.hasSuffix("\n") ? "" : "\n")---\n\n\(body)\n"
}

extension TestSupport {
    /// The `sitegen` executable `swift test` built next to the test bundle (.build/debug/sitegen).
    static var sitegenBinary: URL? {
        let folders =
            Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
            + [
                URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                packageRoot.appendingPathComponent(".build/debug"),
            ]
        return folders.map { $0.appendingPathComponent("sitegen") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A generated archive: `issues` issues of `pages` pages with `perPage` articles each.
    static func generatedArchive(in folder: URL, issues: Int, pages: Int, perPage: Int, titled prefix: String) throws {
        for issue in 0..<issues {
            let date = "2018-07-\(ArchivePath.padded(issue + 1))"
            for page in 1...pages {
                for order in 1...perPage {
                    let file = folder.appendingPathComponent(
                        "2018/07/\(ArchivePath.padded(issue + 1))/\(ArchivePath.padded(page))/\(ArchivePath.padded(order)).md")
                    try FileManager.default.createDirectory(
                        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try articleFile(
                        title: "\(prefix) \(date) 第\(page)版 第\(order)篇", date: date, page: String(page),
                        position: String(order),
                        body: String(repeating: "\(prefix)的正文,第\(order)段。\n\n", count: 5)
                    )
                    .write(to: file, atomically: false, encoding: .utf8)
                }
            }
        }
    }
}

extension TestSupport {
    /// Runs the real `sitegen` binary in `folder` and waits: exit status and standard output.
    static func runSitegen(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try #require(sitegenBinary, "build sitegen first (swift build)")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
