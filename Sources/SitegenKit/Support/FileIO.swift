import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The few file-system calls Foundation does not offer, or offers slowly.
enum FileIO {
    /// Writes bytes to a new or truncated file with plain POSIX calls (no temporary, no extra copy).
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw posixError(path) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw posixError(path)
            }
            offset += written
        }
    }

    /// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`). False when the
    /// kernel or C library lacks it, so the caller can fall back to renames.
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }

    /// Recreates a tree of folders with hard links to its files (a copy where links are refused).
    /// Symbolic links are recreated as links, never followed: `Public/.x -> /` must not pull the
    /// whole disk into the site.
    static func linkTree(from source: URL, to target: URL) throws {
        let fileManager = FileManager.default
        if let destination = try? fileManager.destinationOfSymbolicLink(atPath: source.path) {
            try fileManager.createSymbolicLink(atPath: target.path, withDestinationPath: destination)
            return
        }
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: source.path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue {
            try fileManager.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try fileManager.contentsOfDirectory(atPath: source.path) {
                try linkTree(from: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
            }
        } else if link(source.path, target.path) != 0 {
            try fileManager.copyItem(at: source, to: target)
        }
    }

    static func posixError(_ path: String) -> SitegenError {
        SitegenError(path: path, "cannot be written: \(String(cString: strerror(errno)))",
                     fix: "check the folder's permissions and free disk space")
    }
}
