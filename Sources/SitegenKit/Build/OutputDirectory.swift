import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The published site and its spare, and the atomic swap between them.
///
/// A build never writes into `Public/`. It brings the spare tree `.Public.spare/` (beside it, on
/// the same file system) up to date — writing only files whose fingerprint changed, deleting
/// files no longer produced — and then swaps the two folders with one
/// `renameat2(RENAME_EXCHANGE)` call. At every instant `Public/` is the old complete site or the
/// new one; a failed or killed build leaves it exactly as it was. The old site becomes the spare
/// that the next build updates, so a small change costs a few file writes, not a copy of the site.
///
/// Dot-entries at the top of `Public/` (`.gitkeep`, a deploy repository's `.git`) are not the
/// generator's; they are carried into every new site.
///
/// Publishing is durable: before the swap, what the build changed in the spare is flushed to
/// disk (each file written, then each folder whose entries changed; one `syncfs` when that is
/// more than `flushLimit` or a whole tree was made), and after it the parent folder, so a power
/// cut leaves `Public/` the old site or the whole new one, never files of zero length.
///
/// One build at a time writes an output folder: `lock()` takes an exclusive lock on
/// `.Public.lock` (released when the build ends, or by the kernel when the process dies), so two
/// builds started together cannot write into, or swap in, each other's spare.
struct OutputDirectory {
    let destination: URL
    let spare: URL
    /// The first build of a site (nothing published, an empty spare) also links every file it
    /// writes into `.Public.twin/`, which becomes the spare once the site is published: the next
    /// build finds its spare ready instead of linking the whole site first. See `startTwin()`.
    let twin: URL
    private let twinState = TwinState()
    /// Set when `prepareSpare` made the spare as a new empty folder: every file is then new, and
    /// is created without first looking for one to replace.
    private let spareIsNew = Flag()
    private let removal = Removal()
    private let disk: any PublishingDisk
    private let flushes: PendingFlushes
    /// An edit writes a few dozen files; a first build thousands.
    static let flushLimit = 256

    init(destination: URL, disk: any PublishingDisk = SystemDisk(), flushLimit: Int = flushLimit) {
        self.disk = disk
        flushes = PendingFlushes(limit: flushLimit)
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        spare = parent.appendingPathComponent(".\(self.destination.lastPathComponent).spare")
        twin = parent.appendingPathComponent(".\(self.destination.lastPathComponent).twin")
    }

    /// Takes the output's build lock, or says who holds it.
    func lock() throws -> FileLock {
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let lock = FileLock(destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).lock").path)
        guard try lock.acquire() else {
            throw SitegenError(path: destination.path, "is being written by another sitegen build right now",
                               fix: "wait for that build to finish, then build again")
        }
        return lock
    }

    /// Which folder this is: its inode and the time it last changed (its own entries, or its
    /// name). Recorded right after a build, so any later change to the folder shows.
    struct Identity: Hashable, Sendable {
        var inode: Int
        var changed: Int  // ctime, nanoseconds

        init(inode: Int, changed: Int) {
            self.inode = inode
            self.changed = changed
        }

        /// The folder's identity, nil when there is no such folder.
        init?(of url: URL) {
            var status = stat()
            guard lstat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return nil }
            inode = Int(status.st_ino)
            changed = Int(status.st_ctim.tv_sec) * 1_000_000_000 + Int(status.st_ctim.tv_nsec)
        }
    }

    /// A recorded tree, if the folder on disk is still the one it describes.
    static func trusted(_ tree: BuildState.Tree?, at url: URL) -> BuildState.Tree? {
        guard let tree, Identity(of: url) == tree.identity else { return nil }
        return tree
    }

    /// What the spare holds once `prepareSpare` made it ready.
    struct Contents {
        /// Files known to show what the record says: path → fingerprint.
        var held: [String: UInt64]
        /// Files of a spare reused with no record of it (after `--clean`): what they show is
        /// unknown, so each is made again or removed. They are kept until then so that making a
        /// file again rewrites it in place (`FileIO.replace`) instead of allocating an inode.
        var unknown: [String] = []

        var isEmpty: Bool { held.isEmpty && unknown.isEmpty }
    }

    /// Makes the spare ready to become the next site and says what it holds now: the recorded
    /// spare when it can be trusted; else, when the published site can be trusted, a copy of it
    /// made of hard links (a file with another name is replaced, never written through, so the
    /// links never change the live site); else the spare as it is, its files all unknown (no
    /// record to start from: `--clean`, or a lost state); else an empty folder.
    ///
    /// The spare is marked unfinished before anything in it changes: the mark changes the
    /// folder's ctime, so no recorded identity matches the spare again until it is published
    /// (a killed build leaves a spare that the next one makes afresh, without writing the state
    /// first).
    ///
    /// `strays`: the spare's files beyond its record, looked for beforehand (`lookForStrays`).
    func prepareSpare(spareRecord: BuildState.Tree?, publishedRecord: BuildState.Tree?, strays: StraySearch? = nil) throws -> Contents {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let published = Self.trusted(publishedRecord, at: destination)
        if let spareRecord = Self.trusted(spareRecord, at: spare) {
            removeDiscardedLeftovers()
            try markUnfinished()
            // Whatever the spare holds beyond its record (a file someone put into `Public/` while
            // it was published) is deleted, so that it is never published again.
            remove(strays?.result(for: spareRecord.identity) ?? filesNotIn(spareRecord.outputs))
            return Contents(held: spareRecord.outputs)
        }
        if published == nil, let identity = Identity(of: spare) {
            removeDiscardedLeftovers()
            let unknown = strays?.result(for: identity) ?? filesNotIn([:], hidden: true)
            try markUnfinished()
            return Contents(held: [:], unknown: unknown)
        }
        if FileIO.exists(spare.path) {
            try discard(spare)
        } else {
            removeDiscardedLeftovers()
        }
        // A tree made here, all of it to be flushed.
        flushes.changedEverything()
        if let published {
            try FileIO.linkTree(from: destination, to: spare)
            try markUnfinished()
            return Contents(held: published.outputs)
        }
        try fileManager.createDirectory(at: spare, withIntermediateDirectories: false)
        try markUnfinished()
        spareIsNew.set()
        return Contents(held: [:])
    }

    /// Where discarded trees wait for their removal, beside the site. A spare that cannot be
    /// trusted while the published site can (a killed build), or a twin a killed build left, is
    /// moved here at once and removed on another thread while the build goes on: removing a
    /// whole site takes about a second for 20,000 files, mostly waiting on the disk.
    /// `finishDiscarding()` waits.
    private var discarded: URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).discarded")
    }

    private func discard(_ tree: URL) throws {
        let fileManager = FileManager.default
        if !FileIO.exists(discarded.path) { try fileManager.createDirectory(at: discarded, withIntermediateDirectories: false) }
        // A name no earlier discarded tree has, even one a killed build left.
        let aside = discarded.appendingPathComponent("\(getpid())-\(DispatchTime.now().uptimeNanoseconds)")
        try fileManager.moveItem(at: tree, to: aside)
        startRemovingDiscarded()
    }

    /// Trees a killed build moved aside but did not finish removing.
    private func removeDiscardedLeftovers() {
        if FileIO.exists(discarded.path) { startRemovingDiscarded() }
    }

    private func startRemovingDiscarded() {
        let folder = discarded
        removal.start { try? FileManager.default.removeItem(at: folder) }
    }

    /// Waits until the discarded trees are removed; call before the build returns.
    func finishDiscarding() {
        removal.wait()
    }

    /// Starts the twin when this build publishes the first site into an empty spare (see
    /// `twin`); a twin a killed build left behind is removed either way. Call after
    /// `prepareSpare`, before any write.
    func startTwin(spareIsEmpty: Bool) throws {
        let fileManager = FileManager.default
        if FileIO.exists(twin.path) { try discard(twin) }
        guard spareIsEmpty, !FileIO.exists(destination.path) else { return }
        try fileManager.createDirectory(at: twin, withIntermediateDirectories: false)
        twinState.set(.growing)
    }

    /// Links a file just written into the spare into the twin too. A link that fails only
    /// spoils the twin, which is then dropped at publishing: the site itself is unaffected.
    private func linkIntoTwin(_ path: String) {
        guard twinState.value == .growing else { return }
        if link(spare.path + "/" + path, twin.path + "/" + path) != 0 { twinState.set(.spoiled) }
    }

    /// The spare's mark while a build changes it (`prepareSpare`), removed just before the swap.
    private var unfinishedMark: String { spare.appendingPathComponent(".sitegen-unfinished").path }

    private func markUnfinished() throws {
        let descriptor = open(unfinishedMark, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileIO.posixError(unfinishedMark) }
        close(descriptor)
        flushes.changed(folder: "")
    }

    /// The spare's files beyond `outputs`. Dot-entries at the top (`.git`) are not the
    /// generator's: they are carried from the published site at publishing (and added to what
    /// is published). With `hidden`, they are strays too, so that they are carried afresh.
    fileprivate func filesNotIn(_ outputs: [String: UInt64], hidden: Bool = false) -> [String] {
        let mark = (unfinishedMark as NSString).lastPathComponent
        let strays = FileIO.walkInParallel(spare.path, statFiles: false, part: { [String]() }) { strays, relative, name, kind, _ in
            if name.hasPrefix("."), !relative.utf8.contains(UInt8(ascii: "/")), !hidden || name == mark { return false }
            if kind == .folder { return true }
            if outputs[relative] == nil { strays.append(relative) }
            return false
        }
        return Array(strays.joined())
    }

    /// Starts looking for the spare's strays on another thread, so that the walk overlaps the
    /// build's reading and planning; `prepareSpare` waits for it. Strays are the files beyond
    /// the record of a trusted spare, or every file of a spare `prepareSpare` will reuse with no
    /// record (nothing published to trust either).
    func lookForStrays(spareRecord: BuildState.Tree?, publishedRecord: BuildState.Tree?) -> StraySearch? {
        if let record = Self.trusted(spareRecord, at: spare) {
            return StraySearch(identity: record.identity, strays: Background { filesNotIn(record.outputs) })
        }
        guard Self.trusted(publishedRecord, at: destination) == nil, let identity = Identity(of: spare) else { return nil }
        return StraySearch(identity: identity, strays: Background { filesNotIn([:], hidden: true) })
    }

    /// Creates the folders the files will go to, once, before parallel writes.
    func createDirectories(for paths: some Sequence<String>) throws {
        var made = Set<Substring>()
        for path in paths {
            guard let slash = path.lastIndex(of: "/") else { continue }
            let folder = path[..<slash]
            if made.insert(folder).inserted {
                let url = spare.appendingPathComponent(String(folder))
                if !FileIO.exists(url.path) {
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                    // The new folders and the folders they were added to.
                    var changed = String(folder)
                    while true {
                        flushes.changed(folder: changed)
                        if changed.isEmpty { break }
                        changed = (changed as NSString).deletingLastPathComponent
                    }
                }
                if twinState.value == .growing {
                    try FileManager.default.createDirectory(at: twin.appendingPathComponent(String(folder)),
                                                            withIntermediateDirectories: true)
                }
            }
        }
    }

    /// Replaces one file of the spare tree; its folder must exist.
    func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { bytes in try write(bytes, to: path) }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws {
        let full = spare.path + "/" + path
        let created = spareIsNew.isSet ? try FileIO.create(with: bytes, at: full, startingWriteback: true) : false
        if !created { try FileIO.replace(with: bytes, at: full, startingWriteback: true) }
        flushes.wrote(file: path)
        linkIntoTwin(path)
    }

    /// Replaces a file of the spare by a hard link to the published site's copy; false when that
    /// cannot be done (the caller then makes the file).
    func linkFromPublished(_ path: String) -> Bool {
        let target = spare.path + "/" + path
        if unlink(target) != 0 && errno != ENOENT { return false }
        // The file's data is the published site's, flushed when it was published: only the
        // folder's new entry needs flushing.
        flushes.changed(folder: (path as NSString).deletingLastPathComponent)
        return link(destination.path + "/" + path, target) == 0
    }

    func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { raw in try write(raw.bindMemory(to: UInt8.self), to: path) }
    }

    /// Deletes files the new site no longer has, and folders left empty by that.
    func remove(_ paths: some Sequence<String>) {
        var folders = Set<String>()
        for path in paths {
            unlink(spare.path + "/" + path)
            flushes.removed(path)
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty {
                folders.insert(folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        // Deepest first; rmdir refuses folders that still hold something.
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            if rmdir(spare.path + "/" + folder) == 0 { flushes.removed(folder) }
        }
    }

    /// Swaps the spare in as the published site; returns the identities of the new published
    /// folder and of the spare (the old site), read after the swap.
    func publish() throws -> (published: Identity?, spare: Identity?) {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        let exists = fileManager.fileExists(atPath: destination.path, isDirectory: &isFolder)
        if exists && !isFolder.boolValue {
            throw SitegenError(path: destination.path, "is a file, not a folder",
                               fix: "move it away or choose another --output")
        }
        if unlink(unfinishedMark) != 0 && errno != ENOENT { throw FileIO.posixError(unfinishedMark) }
        flushes.changed(folder: "")
        if exists { try carryOverHiddenEntries() }
        // Nothing is renamed before what the new site holds is on disk.
        try flushes.flush(on: disk, root: spare.path)
        if exists {
            if !disk.exchange(spare.path, destination.path) {
                // No atomic exchange on this system: three renames, the old site kept throughout.
                let aside = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).previous")
                try? fileManager.removeItem(at: aside)
                try disk.rename(destination.path, to: aside.path)
                try disk.rename(spare.path, to: destination.path)
                try disk.rename(aside.path, to: spare.path)
            }
        } else {
            try disk.rename(spare.path, to: destination.path)
            if twinState.value == .growing {
                try disk.rename(twin.path, to: spare.path)
                twinState.set(.published)
            }
        }
        // The renames themselves: entries of the parent folder.
        try disk.flush(folder: destination.deletingLastPathComponent().path)
        if FileIO.exists(twin.path) { try? discard(twin) }  // a spoiled one
        return (Identity(of: destination), Identity(of: spare))
    }

    /// True when the spare is now a twin of the site just published (`twin`).
    var spareIsTwin: Bool { twinState.value == .published }

    /// Hard-links `.gitkeep`, `.git/…` and the like from the published site into the new one.
    private func carryOverHiddenEntries() throws {
        let fileManager = FileManager.default
        for name in (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? [] where name.hasPrefix(".") {
            let from = destination.appendingPathComponent(name)
            try FileIO.linkTree(from: from, to: spare.appendingPathComponent(name))
            // A carried folder (`.git`) is a tree of new folders.
            if FileIO.isFolder(from.path) { flushes.changedEverything() }
        }
    }
}

/// A walk of the spare for strays running on another thread (`OutputDirectory.lookForStrays`).
struct StraySearch: Sendable {
    /// The spare the walk is for.
    fileprivate let identity: OutputDirectory.Identity
    fileprivate let strays: Background<[String]>

    /// The strays, once the walk is over; nil if the walk was for another spare than this one.
    fileprivate func result(for spare: OutputDirectory.Identity) -> [String]? {
        spare == identity ? strays.value : nil
    }
}

/// The removal of discarded trees running on another thread (`OutputDirectory.discarded`).
final class Removal: @unchecked Sendable {
    private let lock = NSLock()
    private var running: [Background<Void>] = []

    func start(_ work: @escaping @Sendable () -> Void) {
        let job = Background(work)
        lock.withLock { running.append(job) }
    }

    func wait() {
        for job in lock.withLock({ running }) { job.value }
    }
}

/// A flag set once, read by the threads writing.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() {
        lock.withLock { value = true }
    }
}

/// How far the twin of a first build got (`OutputDirectory.twin`), shared by the threads writing.
final class TwinState: @unchecked Sendable {
    enum Value { case none, growing, spoiled, published }
    private let lock = NSLock()
    private var current = Value.none

    var value: Value { lock.withLock { current } }

    func set(_ value: Value) {
        lock.withLock { current = value }
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
