import Foundation
import Testing

@testable import SitegenKit

/// A build killed at any moment leaves either the old complete site or the new complete site:
/// the real `sitegen` binary, SIGKILLed at several points of a few-hundred-article build.
@Suite struct InterruptedBuildTests {
    /// Two generated archives (300 articles each) and the sites they build into (builds are
    /// deterministic, so these are the only two acceptable states of Public/).
    final class Setup {
        let scratch: ScratchFolder
        let binary: URL
        let old: URL, new: URL
        let oldSite: [String: Data], newSite: [String: Data]
        var publicFolder: URL { scratch.path("Public") }

        init() throws {
            binary = try #require(TestSupport.sitegenBinary, "build sitegen first (swift build)")
            scratch = try ScratchFolder()
            old = scratch.path("ContentOld")
            new = scratch.path("ContentNew")
            try TestSupport.generatedArchive(in: old, issues: 10, pages: 3, perPage: 10, titled: "旧")
            try TestSupport.generatedArchive(in: new, issues: 10, pages: 3, perPage: 10, titled: "新")
            try scratch.build(content: old, output: "ReferenceOld")
            try scratch.build(content: new, output: "ReferenceNew")
            oldSite = try HostileInputTests.snapshot(scratch.path("ReferenceOld"))
            newSite = try HostileInputTests.snapshot(scratch.path("ReferenceNew"))
        }

        func resetToOld() throws {
            try? FileManager.default.removeItem(at: publicFolder)
            try FileManager.default.copyItem(at: scratch.path("ReferenceOld"), to: publicFolder)
        }

        func startBuild(_ content: URL? = nil) throws -> Process {
            let process = Process()
            process.executableURL = binary
            process.arguments = [
                "build", "--content", (content ?? new).path, "--templates", TestSupport.templates.path,
                "--output", publicFolder.path,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }

        func state() throws -> String {
            let site = try HostileInputTests.snapshot(publicFolder)
            return site == oldSite ? "old" : site == newSite ? "new" : "BROKEN"
        }
    }

    @Test func aKilledBuildLeavesTheOldOrTheNewSite() throws {
        let setup = try Setup()
        let (oldSite, newSite, publicFolder) = (setup.oldSite, setup.newSite, setup.publicFolder)
        #expect(oldSite.count > 300 && oldSite != newSite)
        let resetToOld = setup.resetToOld
        let startBuild = { try setup.startBuild() }

        // How long an uninterrupted build takes here, to spread the kills over it.
        try resetToOld()
        let started = Date()
        let probe = try startBuild()
        probe.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        #expect(probe.terminationStatus == 0)
        #expect(try HostileInputTests.snapshot(publicFolder) == newSite)

        var outcomes: [String] = []
        for fraction in [0.0, 0.2, 0.4, 0.55, 0.7, 0.85, 1.0, 1.3] {
            try resetToOld()
            let build = try startBuild()
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(build.processIdentifier, SIGKILL)
            build.waitUntilExit()
            let site = try HostileInputTests.snapshot(publicFolder)
            let outcome = site == oldSite ? "old" : site == newSite ? "new" : "BROKEN"
            outcomes.append("\(fraction): \(outcome)")
            #expect(
                outcome != "BROKEN",
                "killed at \(fraction) of \(duration) s: Public/ is neither the old nor the new site")
        }
        #expect(outcomes.first?.hasSuffix("old") == true, "\(outcomes)")

        // The next build after a kill publishes the new site (a half-updated staging is never trusted).
        let recovery = try startBuild()
        recovery.waitUntilExit()
        #expect(recovery.terminationStatus == 0)
        #expect(try HostileInputTests.snapshot(publicFolder) == newSite)
        print(
            "killed builds (fraction of \(String(format: "%.2f", duration)) s → Public/):",
            outcomes.joined(separator: ", "))
    }

    @Test func twoBuildsAtOnceNeverMixTheirSites() throws {
        let setup = try Setup()
        for round in 0..<4 {
            try setup.resetToOld()
            let first = try setup.startBuild(round % 2 == 0 ? setup.new : setup.old)
            Thread.sleep(forTimeInterval: 0.05 * Double(round))
            let second = try setup.startBuild(round % 2 == 0 ? setup.old : setup.new)
            first.waitUntilExit()
            second.waitUntilExit()
            #expect(
                first.terminationStatus == 0 || second.terminationStatus == 0, "round \(round): neither build published"
            )
            #expect(try setup.state() != "BROKEN", "round \(round): two builds at once mixed their sites")
        }
    }
}
