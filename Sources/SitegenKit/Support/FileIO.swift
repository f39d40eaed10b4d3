import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The few file-system calls Foundation does not offer, or offers slowly.
package enum FileIO {
    /// Writes bytes to a new or truncated file with plain POSIX calls (no temporary, no extra copy).
    package static func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw posixError(path) }
        defer { close(descriptor) }
        try write(bytes, to: descriptor, path: path)
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, path: String) throws {
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

    /// Replaces a file's bytes without ever writing through a hard link: a file with another
    /// name (the published site's copy) is unlinked and made anew, so the other name keeps the
    /// old bytes. A file with no other name is rewritten in place: keeping its inode spares the
    /// file system an allocation, which on ext4 without a journal scans past every inode freed in
    /// the last half minute (a quarter of a `--clean` build's time after it replaced a site).
    /// The new bytes go over the old ones and the rest is cut off after: a file truncated to
    /// nothing first is flushed to disk when closed (ext4's `auto_da_alloc`).
    ///
    /// `startingWriteback`: the disk starts writing the bytes at once, while the build goes on,
    /// so that flushing them before publishing (`PendingFlushes`) mostly finds them written.
    /// `likelyLinked`: the caller expects the file to have another name, so it is made anew without
    /// first being opened to find out (when it has none, that costs an allocation, not correctness).
    package static func replace(
        with bytes: UnsafeBufferPointer<UInt8>, at path: String, startingWriteback: Bool = false,
        likelyLinked: Bool = false
    ) throws {
        let existing = likelyLinked ? -1 : open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if existing >= 0 {
            defer { close(existing) }
            var status = stat()
            if fstat(existing, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1 {
                try write(bytes, to: existing, path: path)
                if Int(status.st_size) > bytes.count, ftruncate(existing, off_t(bytes.count)) != 0 {
                    throw posixError(path)
                }
                if startingWriteback { startWriteback(existing) }
                return
            }
        }
        if unlink(path) != 0 && errno != ENOENT { throw posixError(path) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw posixError(path) }
        defer { close(descriptor) }
        try write(bytes, to: descriptor, path: path)
        if startingWriteback { startWriteback(descriptor) }
    }

    /// Writes a file that must not exist yet (`O_EXCL`): one `open` where `replace` needs three
    /// for a new file. False, with nothing written, when something is already at `path`.
    package static func create(with bytes: UnsafeBufferPointer<UInt8>, at path: String, startingWriteback: Bool = false)
        throws -> Bool
    {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw posixError(path)
        }
        defer { close(descriptor) }
        try write(bytes, to: descriptor, path: path)
        if startingWriteback { startWriteback(descriptor) }
        return true
    }

    /// `sync_file_range(SYNC_FILE_RANGE_WRITE)`: starts writing a file's dirty pages without
    /// waiting for them (not a flush: the inode and folder still need one). Glibc's module map
    /// leaves it out (a GNU extension); without it, nothing.
    static func startWriteback(_ descriptor: Int32) {
        _ = syncFileRange?(descriptor, 0, 0, 2)
    }

    private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    }()

    /// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`). False when the
    /// kernel or C library lacks it, so the caller can fall back to renames.
    package static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }

    /// Recreates a tree of folders with hard links to its files (a copy where links are refused).
    /// Files already linked to the same inode are left alone, so repeating it is cheap. Symbolic
    /// links are recreated as links, never followed: `Public/.x -> /` must not pull the whole disk
    /// into the site. Plain system calls on every core: the first build after `--clean` links the
    /// whole published site (about 20,000 files for 10,000 articles).
    package static func linkTree(from source: URL, to target: URL) throws {
        let from = source.path
        let to = target.path
        var status = stat()
        guard lstat(from, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            return try linkEntry(from, to, isLink: status.st_mode & S_IFMT == S_IFLNK)
        }
        if mkdir(to, 0o755) != 0 && errno != EEXIST { throw posixError(to) }
        var files: [String] = []
        var failure: Error?
        walk(from) { relative, _, kind in
            guard failure == nil else { return false }
            switch kind {
            case .folder:
                if mkdir(to + "/" + relative, 0o755) != 0 && errno != EEXIST {
                    failure = posixError(to + "/" + relative)
                }
                return true
            case .link:
                do { try linkEntry(from + "/" + relative, to + "/" + relative, isLink: true) } catch { failure = error }
            case .file:
                files.append(relative)
            }
            return false
        }
        if let failure { throw failure }
        let failures = parallelMap(files) { relative -> SitegenError? in
            do {
                try linkEntry(from + "/" + relative, to + "/" + relative, isLink: false)
                return nil
            } catch {
                return error as? SitegenError ?? SitegenError(path: to + "/" + relative, "\(error)")
            }
        }
        if let first = failures.lazy.compactMap({ $0 }).first { throw first }
    }

    /// The folder a path names a file of: `2018/07` for `2018/07/19`, `` for `2018`, `/` for `/x`.
    /// (Foundation's `NSString.deletingLastPathComponent` traps on a one-character name here.)
    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    /// One file (hard link, or a copy where links are refused) or symbolic link (recreated) of `linkTree`.
    private static func linkEntry(_ from: String, _ to: String, isLink: Bool) throws {
        let fileManager = FileManager.default
        if isLink {
            let destination = try fileManager.destinationOfSymbolicLink(atPath: from)
            if (try? fileManager.destinationOfSymbolicLink(atPath: to)) == destination { return }
            unlink(to)
            try fileManager.createSymbolicLink(atPath: to, withDestinationPath: destination)
            return
        }
        if link(from, to) == 0 { return }
        if errno == EEXIST {
            var source = stat()
            var existing = stat()
            if lstat(from, &source) == 0, lstat(to, &existing) == 0, existing.st_ino == source.st_ino { return }
            unlink(to)
            if link(from, to) == 0 { return }
        }
        unlink(to)
        try fileManager.copyItem(atPath: from, toPath: to)
    }

    package enum EntryKind { case file, folder, link }

    /// Whether anything (a file, folder or link) is at `path`.
    package static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// True for a folder (following links).
    package static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// Walks a folder with readdir, each folder's entries in name order. `visit(relativePath, name,
    /// kind)` returns whether to descend into a folder. Links are reported as links and not followed.
    package static func walk(_ root: String, _ visit: (String, String, EntryKind) -> Bool) {
        walk(root, statFiles: false) { relative, name, kind, _ in visit(relative, name, kind) }
    }

    /// `walk` from the folder `start` (relative to `root`; "" for the root itself). With
    /// `statFiles`, `visit` also gets each regular file's status. Files are stat'ed and folders
    /// opened through their open parent (`fstatat`, `openat`), which spares the kernel a lookup
    /// of every component of the whole path: on a machine with many cached paths those lookups
    /// were a tenth of an incremental build.
    package static func walk(
        _ root: String, from start: String = "", statFiles: Bool,
        _ visit: (String, String, EntryKind, stat?) -> Bool
    ) {
        func descend(_ relative: String, in parent: Int32?, named folder: String) {
            let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
            let descriptor =
                parent.map { openat($0, folder, flags | O_NOFOLLOW) }
                ?? open(relative.isEmpty ? root : root + "/" + relative, flags)
            guard descriptor >= 0 else { return }
            guard let directory = fdopendir(descriptor) else {
                close(descriptor)
                return
            }
            defer { closedir(directory) }  // closes `descriptor` too
            var entries: [(String, EntryKind, stat?)] = []
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                var kind: EntryKind
                var status: stat?
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): kind = .folder
                case Int32(DT_LNK): kind = .link
                case Int32(DT_REG):
                    kind = .file
                    if statFiles {
                        var fileStatus = stat()
                        if fstatat(descriptor, name, &fileStatus, AT_SYMLINK_NOFOLLOW) == 0 { status = fileStatus }
                    }
                default:
                    var entryStatus = stat()
                    guard fstatat(descriptor, name, &entryStatus, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                    switch entryStatus.st_mode & S_IFMT {
                    case S_IFDIR: kind = .folder
                    case S_IFLNK: kind = .link
                    default:
                        kind = .file
                        if statFiles { status = entryStatus }
                    }
                }
                entries.append((name, kind, status))
            }
            // In name order, not the file system's: a walk of sorted folders lists its files sorted.
            entries.sort { $0.0 < $1.0 }
            for (name, kind, status) in entries {
                let entryPath = relative.isEmpty ? name : relative + "/" + name
                if visit(entryPath, name, kind, status) && kind == .folder {
                    descend(entryPath, in: descriptor, named: name)
                }
            }
        }
        descend(start, in: nil, named: "")
    }

    /// `walk` on every core: `visit` sees the top levels first, on the calling thread, level by
    /// level until there are folders enough to share among the cores (a Content folder often
    /// holds a single year); then those folders are walked concurrently. Each task collects into
    /// a part of its own (made by `part`); the parts come back as: the top levels', then the
    /// folders' in name order.
    package static func walkInParallel<Part: Sendable>(
        _ root: String, statFiles: Bool, part: @Sendable () -> Part,
        _ visit: @Sendable (inout Part, String, String, EntryKind, stat?) -> Bool
    ) -> [Part] {
        let wanted = ProcessInfo.processInfo.activeProcessorCount * 4
        var top = part()
        var level = [""]
        for depth in 0..<3 {
            var next: [String] = []
            for folder in level {
                walk(root, from: folder, statFiles: statFiles) { relative, name, kind, status in
                    if visit(&top, relative, name, kind, status) && kind == .folder { next.append(relative) }
                    return false  // one level at a time
                }
            }
            level = next
            if level.count >= wanted || depth == 2 { break }
        }
        let parts = parallelMap(level.sorted()) { folder in
            var own = part()
            walk(root, from: folder, statFiles: statFiles) { relative, name, kind, status in
                visit(&own, relative, name, kind, status)
            }
            return own
        }
        return [top] + parts
    }

    package static func posixError(_ path: String) -> SitegenError {
        SitegenError(
            path: path, "cannot be written: \(String(cString: strerror(errno)))",
            fix: "check the folder's permissions and free disk space")
    }
}
