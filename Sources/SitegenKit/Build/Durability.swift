import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The system calls that publish a site and make it durable, behind one protocol so a test can
/// record their order (`OutputDirectory.publish` must flush before it renames).
protocol PublishingDisk: Sendable {
    /// `fsync` of a file's data and inode.
    func flush(file path: String) throws
    /// `fsync` of a folder: its entries (names created, linked, removed) reach the disk.
    func flush(folder path: String) throws
    /// `syncfs`: everything written on the file system holding `path`, in one call.
    func flushFileSystem(of path: String) throws
    /// Atomic exchange of two paths; false when the system has none.
    func exchange(_ a: String, _ b: String) -> Bool
    func rename(_ from: String, to: String) throws
}

/// The real disk.
struct SystemDisk: PublishingDisk {
    func flush(file path: String) throws { try sync(path, flags: O_RDONLY) { fsync($0) } }
    func flush(folder path: String) throws { try sync(path, flags: O_RDONLY | O_DIRECTORY) { fsync($0) } }

    func flushFileSystem(of path: String) throws {
        guard let syncfs = Self.syncfs else { return Glibc.sync() }
        try sync(path, flags: O_RDONLY | O_DIRECTORY) { syncfs($0) }
    }

    /// Glibc's module map leaves `syncfs` out (it is a GNU extension); without it, `sync`.
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()
    func exchange(_ a: String, _ b: String) -> Bool { FileIO.exchange(a, b) }

    func rename(_ from: String, to: String) throws {
        if Glibc.rename(from, to) != 0 { throw FileIO.posixError(to) }
    }

    private func sync(_ path: String, flags: Int32, call: (Int32) -> Int32) throws {
        let descriptor = open(path, flags | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw FileIO.posixError(path) }
        defer { close(descriptor) }
        while call(descriptor) != 0 {
            // A file system that cannot flush this (some refuse folders): nothing more to do.
            if errno == EINVAL || errno == ENOTSUP { return }
            if errno != EINTR { throw FileIO.posixError(path) }
        }
    }
}

/// What a build changed in the staging tree, to be flushed before the staging tree is published: the files it
/// wrote and the folders whose entries it changed, no more (an edit flushes its few files). Past
/// `limit` entries, or when a whole tree was made (a first build, a staging tree linked from the site),
/// one `syncfs` is cheaper than thousands of `fsync`s. Shared by the threads writing.
final class PendingFlushes: @unchecked Sendable {
    /// Files and folders beyond which the whole file system is flushed instead (`syncfs`).
    let limit: Int
    private let lock = NSLock()
    private var files: Set<String> = []
    private var folders: Set<String> = []
    private var whole = false

    init(limit: Int) {
        self.limit = limit
    }

    /// A file is about to be written. True when the whole file system will be flushed (the
    /// file's own writeback is then left to `PacedWriteback`).
    func wrote(file path: String) -> Bool {
        lock.withLock {
            guard !whole else { return true }
            files.insert(path)
            folders.insert(FileIO.parent(of: path))
            overflowIfNeeded()
            return whole
        }
    }

    /// A name was added to or removed from `path`.
    func changed(folder path: String) {
        lock.withLock {
            guard !whole else { return }
            folders.insert(path)
            overflowIfNeeded()
        }
    }

    /// A file or folder was removed (it may have been written earlier in the build): it is no
    /// longer flushed itself, its removal is, in the folder that held it.
    func removed(_ path: String) {
        lock.withLock {
            guard !whole else { return }
            files.remove(path)
            folders.remove(path)
            folders.insert(FileIO.parent(of: path))
            overflowIfNeeded()
        }
    }

    /// A tree was made or linked in full: everything is flushed.
    func changedEverything() {
        lock.withLock {
            whole = true
            files = []
            folders = []
        }
    }

    private func overflowIfNeeded() {
        if files.count + folders.count > limit {
            whole = true
            files = []
            folders = []
        }
    }

    /// Makes the changes durable: each file, then each folder (deepest first, so a folder's own
    /// entry in its parent is flushed after what it holds), or the whole file system of `root`.
    func flush(on disk: any PublishingDisk, root: String) throws {
        let (files, folders, whole) = lock.withLock { (self.files, self.folders, self.whole) }
        if whole {
            try disk.flushFileSystem(of: root)
        } else {
            for file in files.sorted() { try disk.flush(file: root + "/" + file) }
            for folder in folders.sorted(by: { ($0.count, $0) > ($1.count, $1) }) {
                try disk.flush(folder: folder.isEmpty ? root : root + "/" + folder)
            }
        }
        lock.withLock {
            self.files = []
            self.folders = []
            self.whole = false
        }
    }
}

/// The disk's writing of a build that writes thousands of files, started while the build goes on,
/// so that the flush before publishing finds little left to write. A file's own writeback
/// (`sync_file_range`) submits one small request per file, and on a virtual disk each request
/// costs an exit to the hypervisor; here a thread asks the file system to write everything
/// back (`syncfs`) every `interval`, in large requests, until the writing is over.
final class PacedWriteback: @unchecked Sendable {
    static let interval = DispatchTimeInterval.milliseconds(100)
    private let interval: DispatchTimeInterval
    private let writeBack: @Sendable () -> Void
    private let lock = NSLock()
    /// The running thread (`Background`, whose value is there once it has stopped) and its stop signal.
    private var running: (stop: DispatchSemaphore, thread: Background<Void>)?

    /// For the file system holding `root`.
    convenience init(root: String) {
        // A head start, not the flush publishing relies on (`PendingFlushes.flush`): a failure
        // here is left to that flush.
        self.init(interval: Self.interval) { try? SystemDisk().flushFileSystem(of: root) }
    }

    init(interval: DispatchTimeInterval, writeBack: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.writeBack = writeBack
    }

    /// Starts the thread, unless it runs already.
    func start() {
        lock.withLock {
            guard running == nil else { return }
            let stop = DispatchSemaphore(value: 0)
            let (interval, writeBack) = (self.interval, self.writeBack)
            running = (stop, Background { while stop.wait(timeout: .now() + interval) == .timedOut { writeBack() } })
        }
    }

    /// Stops the thread and waits for it (a write-back under way ends first).
    func stop() {
        let running = lock.withLock { () -> (stop: DispatchSemaphore, thread: Background<Void>)? in
            defer { self.running = nil }
            return self.running
        }
        guard let running else { return }
        running.stop.signal()
        running.thread.value
    }
}
