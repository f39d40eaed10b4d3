import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a new site beside the published one and swaps it in only when complete, so a failed or
/// killed build leaves the previous `Public/` exactly as it was.
///
/// The swap is one `renameat2(RENAME_EXCHANGE)` call where the kernel offers it: at every instant
/// `Public/` is either the old complete site or the new one. Dot-entries at the top of `Public/`
/// (`.gitkeep`, a deploy repository's `.git`) are not the generator's and are carried over.
///
/// One build at a time writes an output folder: `prepare()` takes an exclusive lock on
/// `.Public.lock` (released by `commit()`, `discard()`, or the kernel when the process dies), so
/// two builds started together cannot write into, or swap in, each other's staging folder.
struct OutputDirectory {
    let destination: URL
    /// `.Public.staging` beside `Public/`: same file system, so the swap is a rename.
    let staging: URL
    private let retired: URL
    private let lock: FileLock

    init(destination: URL) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).staging")
        retired = parent.appendingPathComponent(".\(name).previous")
        lock = FileLock(parent.appendingPathComponent(".\(name).lock").path)
    }

    /// Takes the lock and makes an empty staging folder (a leftover from a killed build is removed
    /// first, and must be: its files would otherwise be published).
    func prepare() throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard try lock.acquire() else {
            throw SitegenError(path: destination.path, "is being written by another sitegen build right now",
                               fix: "wait for that build to finish, then build again")
        }
        for leftover in [staging, retired] where fileManager.fileExists(atPath: leftover.path) {
            try fileManager.removeItem(at: leftover)
        }
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
    }

    /// Creates the folders the files will go to, once, before parallel writes.
    func createDirectories(for paths: some Sequence<String>) throws {
        var made = Set<Substring>()
        for path in paths {
            guard let slash = path.lastIndex(of: "/") else { continue }
            let folder = path[..<slash]
            if made.insert(folder).inserted {
                try FileManager.default.createDirectory(at: staging.appendingPathComponent(String(folder)),
                                                        withIntermediateDirectories: true)
            }
        }
    }

    /// Writes one file into the staging folder; its folder must exist.
    func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            try FileIO.write(bytes, to: staging.path + "/" + path)
        }
    }

    /// Swaps the staging folder in as the published site and removes the old one.
    func commit() throws {
        defer { lock.release() }
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        let exists = fileManager.fileExists(atPath: destination.path, isDirectory: &isFolder)
        if exists && !isFolder.boolValue {
            throw SitegenError(path: destination.path, "is a file, not a folder",
                               fix: "move it away or choose another --output")
        }
        guard exists else {
            try fileManager.moveItem(at: staging, to: destination)
            return
        }
        try carryOverHiddenEntries()
        if FileIO.exchange(staging.path, destination.path) {
            try? fileManager.removeItem(at: staging)
        } else {
            // No atomic exchange on this system: two renames, the old site kept until the second.
            try fileManager.moveItem(at: destination, to: retired)
            try fileManager.moveItem(at: staging, to: destination)
            try? fileManager.removeItem(at: retired)
        }
    }

    /// Removes this build's staging folder; a build that never got the lock leaves the folder to
    /// the build that holds it.
    func discard() {
        guard lock.isHeld else { return }
        try? FileManager.default.removeItem(at: staging)
        lock.release()
    }

    /// Hard-links `.gitkeep`, `.git/…` and the like from the published site into the new one.
    private func carryOverHiddenEntries() throws {
        let fileManager = FileManager.default
        for name in (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? [] where name.hasPrefix(".") {
            try FileIO.linkTree(from: destination.appendingPathComponent(name), to: staging.appendingPathComponent(name))
        }
    }
}

/// An exclusive `flock` on a file, held by this process until released or until it exits.
final class FileLock: @unchecked Sendable {
    private let path: String
    private var descriptor: Int32 = -1

    init(_ path: String) {
        self.path = path
    }

    deinit { release() }

    var isHeld: Bool { descriptor >= 0 }

    /// True when the lock is now held; false when another process holds it.
    func acquire() throws -> Bool {
        if isHeld { return true }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileIO.posixError(path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return false
        }
        descriptor = fd
        return true
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
