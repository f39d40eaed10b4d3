import Foundation
import Testing

@testable import SitegenKit

/// Publishing is durable: nothing is renamed before what the new site holds is flushed to disk,
/// and the renames themselves are flushed after. A recording disk (the real calls, each noted in
/// order) stands in for `strace`.
@Suite struct DurablePublishingTests {
    final class RecordingDisk: PublishingDisk, @unchecked Sendable {
        enum Step: Equatable {
            case file(String)
            case folder(String)
            case fileSystem(String)
            case exchange(String, String)
            case rename(String, String)

            var isRename: Bool {
                switch self {
                case .exchange, .rename: return true
                default: return false
                }
            }
        }

        private let lock = NSLock()
        private var recorded: [Step] = []
        private let real = SystemDisk()
        var steps: [Step] { lock.withLock { recorded } }

        private func note(_ step: Step) { lock.withLock { recorded.append(step) } }

        func flush(file path: String) throws {
            note(.file(path))
            try real.flush(file: path)
        }
        func flush(folder path: String) throws {
            note(.folder(path))
            try real.flush(folder: path)
        }
        func flushFileSystem(of path: String) throws {
            note(.fileSystem(path))
            try real.flushFileSystem(of: path)
        }
        func exchange(_ a: String, _ b: String) -> Bool {
            note(.exchange(a, b))
            return real.exchange(a, b)
        }
        func rename(_ from: String, to: String) throws {
            note(.rename(from, to))
            try real.rename(from, to: to)
        }
    }

    struct Project {
        let scratch: ScratchFolder
        let content: URL

        init() throws {
            scratch = try ScratchFolder()
            content = scratch.path("Content")
            try TestSupport.generatedArchive(in: content, issues: 3, pages: 2, perPage: 4, titled: "稿")
        }

        var staging: String { scratch.path(".Public.staging").standardizedFileURL.path }
        var parent: String { scratch.url.standardizedFileURL.path }

        func build(limit: Int = OutputDirectory.flushLimit) throws -> (SiteBuilder.Report, [RecordingDisk.Step]) {
            let disk = RecordingDisk()
            var options = SiteBuilder.Options(
                content: content, templates: TestSupport.templates, output: scratch.path("Public"))
            options.disk = disk
            options.flushLimit = limit
            let report = try SiteBuilder(options: options).build()
            return (report, disk.steps)
        }

        func site() throws -> [String: Data] { try HostileInputTests.snapshot(scratch.path("Public")) }
    }

    /// The steps before the first rename, which must be flushes only, and the step after the last.
    static func split(_ steps: [RecordingDisk.Step]) throws -> (
        before: [RecordingDisk.Step], renames: [RecordingDisk.Step], after: [RecordingDisk.Step]
    ) {
        let first = try #require(steps.firstIndex { $0.isRename }, "nothing was published")
        let last = steps.lastIndex { $0.isRename }!
        return (Array(steps[..<first]), Array(steps[first...last]), Array(steps[(last + 1)...]))
    }

    @Test func aFirstBuildFlushesTheFileSystemBeforeItPublishes() throws {
        let project = try Project()
        let (_, steps) = try project.build()
        let (before, renames, after) = try Self.split(steps)
        #expect(before == [.fileSystem(project.staging)])
        #expect(renames.first == .rename(project.staging, project.scratch.path("Public").standardizedFileURL.path))
        #expect(after == [.folder(project.parent)])
    }

    /// An edit flushes every file it changed, and their folders, before the swap, and nothing
    /// else: a few files, not the site.
    @Test func anEditFlushesWhatItWroteBeforeTheSwap() throws {
        let project = try Project()
        try project.build()
        let old = try project.site()
        let article = project.content.appendingPathComponent("2018/07/02/01/03.md")
        try articleFile(title: "改过的标题", date: "2018-07-02", page: "1", position: "3", body: "新的正文。")
            .write(to: article, atomically: true, encoding: .utf8)
        let (report, steps) = try project.build()
        let new = try project.site()
        let changed = Set(new.filter { !$0.key.hasSuffix("/") && old[$0.key] != $0.value }.keys)
        #expect(!changed.isEmpty)

        let (before, renames, after) = try Self.split(steps)
        #expect(renames.count == 1)
        #expect(after == [.folder(project.parent)])
        #expect(!before.contains { if case .fileSystem = $0 { return true } else { return false } })
        let prefix = project.staging + "/"
        let flushedFiles = Set(
            before.compactMap { step -> String? in
                if case .file(let path) = step, path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
                return nil
            })
        let flushedFolders = Set(
            before.compactMap { step -> String? in
                if case .folder(let path) = step {
                    return path == project.staging
                        ? "" : path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
                }
                return nil
            })
        // Every file the new site changed is flushed, and the folder holding it.
        #expect(changed.subtracting(flushedFiles).isEmpty, "not flushed: \(changed.subtracting(flushedFiles).sorted())")
        for path in changed {
            #expect(flushedFolders.contains((path as NSString).deletingLastPathComponent), "\(path)'s folder")
        }
        // Files before folders, and no more than the build wrote.
        let lastFile = before.lastIndex { if case .file = $0 { return true } else { return false } } ?? 0
        let firstFolder =
            before.firstIndex { if case .folder = $0 { return true } else { return false } } ?? before.count
        #expect(lastFile < firstFolder)
        #expect(flushedFiles.isSubset(of: Set(new.keys)) && flushedFiles.count <= report.filesWritten)
        #expect(
            flushedFiles.count * 5 < new.count,
            "an edit flushes a few files, not the site (\(flushedFiles.count) of \(new.count))")
    }

    /// A removed article: the folders that lost it are flushed, so it cannot come back.
    @Test func aRemovalFlushesTheFolderThatLostTheFile() throws {
        let project = try Project()
        try project.build()
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("2018/07/03/02/04.md"))
        let (_, steps) = try project.build()
        let (before, _, _) = try Self.split(steps)
        #expect(before.contains(.folder(project.staging + "/2018/07/03/02")))
        #expect(!project.scratch.exists("Public/2018/07/03/02/04.html"))
    }

    /// A whole page removed: its folder is gone, so the folder that held it is flushed instead.
    @Test func aRemovedFolderIsFlushedInItsParent() throws {
        let project = try Project()
        try project.build()
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("2018/07/03/02"))
        let (_, steps) = try project.build()
        let (before, _, _) = try Self.split(steps)
        #expect(!project.scratch.exists("Public/2018/07/03/02"))
        #expect(before.contains(.folder(project.staging + "/2018/07/03")))
        #expect(!before.contains(.folder(project.staging + "/2018/07/03/02")))
        #expect(
            !before.contains {
                if case .file(let path) = $0 {
                    return path.hasPrefix(project.staging + "/2018/07/03/02/")
                } else {
                    return false
                }
            })
    }

    /// Past the limit, one `syncfs` instead of one `fsync` per file.
    @Test func manyChangesFlushTheFileSystemOnce() throws {
        let project = try Project()
        try project.build()
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("2018/07/03/02/04.md"))
        let (_, steps) = try project.build(limit: 2)
        let (before, _, after) = try Self.split(steps)
        #expect(before == [.fileSystem(project.staging)])
        #expect(after == [.folder(project.parent)])
    }
}

/// Past the flush limit, files leave their writeback to `PacedWriteback`, which writes back
/// while the build writes and stops before the flush that publishing relies on.
@Suite struct PacedWritebackTests {
    @Test func filesStartTheirOwnWritebackUntilTheLimit() {
        let flushes = PendingFlushes(limit: 4)
        #expect(!flushes.wrote(file: "a/1.html"))  // the file and its folder: 2
        #expect(!flushes.wrote(file: "a/2.html"))  // 3
        #expect(!flushes.wrote(file: "a/3.html"))  // 4
        #expect(flushes.wrote(file: "b/1.html"))  // past the limit: the file system is flushed
        #expect(flushes.wrote(file: "c/1.html"))
    }

    @Test func itWritesBackUntilStoppedAndNotAfter() throws {
        let count = Counter()
        let writeback = PacedWriteback(interval: .milliseconds(5)) { count.increment() }
        writeback.stop()  // not started: nothing to stop
        writeback.start()
        writeback.start()  // one thread, not two
        let deadline = Date().addingTimeInterval(5)
        while count.value < 3 && Date() < deadline { usleep(1000) }
        writeback.stop()
        let stopped = count.value
        #expect(stopped >= 3)
        usleep(30_000)
        #expect(count.value == stopped)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }
}
