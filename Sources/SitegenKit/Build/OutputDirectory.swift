import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The published site and its staging, and the atomic swap between them.
///
/// A build never writes into `Public/`. It brings the staging tree `.Public.staging/` (beside it, on
/// the same file system) up to date — writing only files whose fingerprint changed, deleting
/// files no longer produced — and then swaps the two folders with one
/// `renameat2(RENAME_EXCHANGE)` call. At every instant `Public/` is the old complete site or the
/// new one; a failed or killed build leaves it exactly as it was. The old site becomes the staging tree
/// that the next build updates, so a small change costs a few file writes, not a copy of the site.
///
/// Dot-entries at the top of `Public/` (`.gitkeep`, a deploy repository's `.git`) are not the
/// generator's; they are carried into every new site.
///
/// Publishing is durable: before the swap, what the build changed in the staging tree is flushed to
/// disk (each file written, then each folder whose entries changed; one `syncfs` when that is
/// more than `flushLimit` or a whole tree was made), and after it the parent folder, so a power
/// cut leaves `Public/` the old site or the whole new one, never files of zero length.
///
/// One build at a time writes an output folder: `lock()` takes an exclusive lock on
/// `.Public.lock` (released when the build ends, or by the kernel when the process dies), so two
/// builds started together cannot write into, or swap in, each other's staging.
struct OutputDirectory {
    let destination: URL
    let staging: URL
    /// The first build of a site (nothing published, an empty staging) also links every file it
    /// writes into `.Public.linked-copy/`, which becomes the staging tree once the site is published: the next
    /// build finds its staging ready instead of linking the whole site first. See `startLinkedCopy()`.
    let linkedCopy: URL
    private let linkedCopyState = LinkedCopyState()
    /// Set when `prepareStaging` made the staging tree as a new empty folder: every file is then new, and
    /// is created without first looking for one to replace.
    private let stagingIsNew = Flag()
    private let removal = Removal()
    /// Set once this build has started removing the trees a killed build left (`removeDiscardedTrees`).
    private let leftoversTaken = Flag()
    /// Folders of the staging tree this build made or found made (`makeFolder`).
    private let madeFolders = ConcurrentSet()
    private let disk: any PublishingDisk
    private let flushes: PendingFlushes
    private let pacedWriteback: PacedWriteback
    /// An edit writes a few dozen files; a first build thousands.
    static let flushLimit = 256

    init(destination: URL, disk: any PublishingDisk = SystemDisk(), flushLimit: Int = flushLimit) {
        self.disk = disk
        flushes = PendingFlushes(limit: flushLimit)
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).staging")
        linkedCopy = parent.appendingPathComponent(".\(self.destination.lastPathComponent).linked-copy")
        pacedWriteback = PacedWriteback(root: staging.path)
    }

    /// Takes the output's build lock, or says who holds it.
    func lock() throws -> FileLock {
        try FileManager.default.createDirectory(
            at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let lock = FileLock(
            destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).lock")
                .path)
        guard try lock.acquire() else {
            throw SitegenError(
                path: destination.path, "is being written by another sitegen build right now",
                fix: "wait for that build to finish, then build again")
        }
        adoptOlderNames()
        return lock
    }

    /// Builds before 2026-12 kept the staging tree as `.Public.spare/` and the linked copy as
    /// `.Public.twin/`: taken over under today's names (trusted by no record, since a rename changes
    /// the folder's identity), so an upgrade leaves no forgotten copy of the site behind.
    private func adoptOlderNames() {
        let parent = destination.deletingLastPathComponent()
        for (older, current) in [("spare", staging), ("twin", linkedCopy)] {
            let old = parent.appendingPathComponent(".\(destination.lastPathComponent).\(older)")
            guard FileIO.exists(old.path), !FileIO.exists(current.path) else { continue }
            _ = rename(old.path, current.path)
        }
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

    /// What the staging tree holds once `prepareStaging` made it ready.
    struct Contents {
        /// Files known to show what the record says: path → fingerprint.
        var known: [String: UInt64]
        /// Files of a staging tree reused with no record of it (after `--clean`): what they show is
        /// unknown, so each is made again or removed. They are kept until then so that making a
        /// file again rewrites it in place (`FileIO.replace`) instead of allocating an inode.
        var unknown: [String] = []

        var isEmpty: Bool { known.isEmpty && unknown.isEmpty }
    }

    /// Makes the staging tree ready to become the next site and says what it holds now: the recorded
    /// staging when it can be trusted; else, when the published site can be trusted, a copy of it
    /// made of hard links (a file with another name is replaced, never written through, so the
    /// links never change the live site); else the staging tree as it is, its files all unknown (no
    /// record to start from: `--clean`, or a lost state); else an empty folder.
    ///
    /// The staging tree is marked unfinished before anything in it changes: the mark changes the
    /// folder's ctime, so no recorded identity matches the staging tree again until it is published
    /// (a killed build leaves a staging tree that the next one makes afresh, without writing the state
    /// first).
    ///
    /// `unrecorded`: the staging tree's files beyond its record, looked for beforehand (`lookForUnrecorded`).
    func prepareStaging(
        stagingRecord: BuildState.Tree?, publishedRecord: BuildState.Tree?, unrecorded: UnrecordedSearch? = nil
    ) throws -> Contents {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let published = Self.trusted(publishedRecord, at: destination)
        if let stagingRecord = Self.trusted(stagingRecord, at: staging) {
            removeDiscardedTrees()
            try markUnfinished()
            // Whatever the staging tree holds beyond its record (a file someone put into `Public/` while
            // it was published) is deleted, so that it is never published again.
            remove(unrecorded?.result(for: stagingRecord.identity) ?? filesNotIn(stagingRecord.outputs))
            return Contents(known: stagingRecord.outputs)
        }
        if published == nil, let identity = Identity(of: staging) {
            removeDiscardedTrees()
            let unknown = unrecorded?.result(for: identity) ?? filesNotIn([:], hidden: true)
            try markUnfinished()
            return Contents(known: [:], unknown: unknown)
        }
        if FileIO.exists(staging.path) {
            try discard(staging)
        } else {
            removeDiscardedTrees()
        }
        // A tree made here, all of it to be flushed.
        flushes.changedEverything()
        if let published {
            try FileIO.linkTree(from: destination, to: staging)
            try markUnfinished()
            return Contents(known: published.outputs)
        }
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        try markUnfinished()
        stagingIsNew.set()
        return Contents(known: [:])
    }

    /// Where discarded trees wait for their removal, beside the site. A staging tree that cannot be
    /// trusted while the published site can (a killed build), or a linked copy a killed build left, is
    /// moved here at once and removed on another thread while the build goes on: removing a
    /// whole site takes about a second for 20,000 files, mostly waiting on the disk.
    /// `finishBackgroundWork()` waits.
    private var discarded: URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).discarded")
    }

    private func discard(_ tree: URL) throws {
        removeDiscardedTrees()
        let fileManager = FileManager.default
        if !FileIO.exists(discarded.path) {
            try fileManager.createDirectory(at: discarded, withIntermediateDirectories: false)
        }
        // A name no earlier discarded tree has, even one a killed build left.
        let aside = discarded.appendingPathComponent("\(getpid())-\(DispatchTime.now().uptimeNanoseconds)")
        try fileManager.moveItem(at: tree, to: aside)
        // Only this tree: the folder stays until the build ends (`finishBackgroundWork`), so a tree
        // discarded next never finds it half removed.
        removal.start { try? FileManager.default.removeItem(at: aside) }
    }

    /// Trees a killed build moved aside but did not finish removing: those there before this build
    /// discards any, taken once.
    private func removeDiscardedTrees() {
        guard !leftoversTaken.isSet else { return }
        leftoversTaken.set()
        let folder = discarded
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard !leftovers.isEmpty else { return }
        removal.start {
            for name in leftovers { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        }
    }

    /// Waits until the discarded trees are removed and the paced writeback has stopped; call
    /// before the build returns, whether it failed or not.
    func finishBackgroundWork() {
        pacedWriteback.stop()
        removal.wait()
        rmdir(discarded.path)  // when empty, as it is unless a removal failed
    }

    /// Starts the linked copy when this build publishes the first site into an empty staging (see
    /// `linkedCopy`); a linked copy a killed build left behind is removed either way. Call after
    /// `prepareStaging`, before any write.
    func startLinkedCopy(stagingIsEmpty: Bool) throws {
        let fileManager = FileManager.default
        if FileIO.exists(linkedCopy.path) { try discard(linkedCopy) }
        guard stagingIsEmpty, !FileIO.exists(destination.path) else { return }
        try fileManager.createDirectory(at: linkedCopy, withIntermediateDirectories: false)
        linkedCopyState.set(.growing)
    }

    /// Links a file just written into the staging tree into the linked copy too. A link that fails only
    /// spoils the linked copy, which is then dropped at publishing: the site itself is unaffected.
    private func linkIntoCopy(_ path: String) {
        guard linkedCopyState.value == .growing else { return }
        if link(staging.path + "/" + path, linkedCopy.path + "/" + path) != 0 { linkedCopyState.set(.spoiled) }
    }

    /// The staging tree's mark while a build changes it (`prepareStaging`), removed just before the swap.
    private var unfinishedMark: String { staging.appendingPathComponent(".sitegen-unfinished").path }

    private func markUnfinished() throws {
        let descriptor = open(unfinishedMark, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileIO.posixError(unfinishedMark) }
        close(descriptor)
        flushes.changed(folder: "")
    }

    /// The staging tree's files beyond `outputs`. Dot-entries at the top (`.git`) are not the
    /// generator's: they are carried from the published site at publishing (and added to what
    /// is published). With `hidden`, they are unrecorded files too, so that they are carried afresh.
    fileprivate func filesNotIn(_ outputs: [String: UInt64], hidden: Bool = false) -> [String] {
        let mark = (unfinishedMark as NSString).lastPathComponent
        let unrecorded = FileIO.walkInParallel(staging.path, statFiles: false, part: { [String]() }) {
            unrecorded, relative, name, kind, _ in
            if name.hasPrefix("."), !relative.utf8.contains(UInt8(ascii: "/")), !hidden || name == mark { return false }
            if kind == .folder { return true }
            if outputs[relative] == nil { unrecorded.append(relative) }
            return false
        }
        return Array(unrecorded.joined())
    }

    /// Starts looking for the staging tree's unrecorded files on another thread, so that the walk overlaps the
    /// build's reading and planning; `prepareStaging` waits for it. Unrecorded files are the files beyond
    /// the record of a trusted staging, or every file of a staging tree `prepareStaging` will reuse with no
    /// record (nothing published to trust either).
    func lookForUnrecorded(stagingRecord: BuildState.Tree?, publishedRecord: BuildState.Tree?) -> UnrecordedSearch? {
        if let record = Self.trusted(stagingRecord, at: staging) {
            return UnrecordedSearch(identity: record.identity, unrecorded: Background { filesNotIn(record.outputs) })
        }
        guard Self.trusted(publishedRecord, at: destination) == nil, let identity = Identity(of: staging) else {
            return nil
        }
        return UnrecordedSearch(identity: identity, unrecorded: Background { filesNotIn([:], hidden: true) })
    }

    /// Makes the folder `path` goes into, and the folders above it, in the staging tree (and in the
    /// linked copy while it grows), unless this build already did: whichever thread writes a
    /// folder's first file makes it, so a first build makes its thousands of folders on every core
    /// while it renders, not one by one before.
    private func makeFolder(of path: String) throws {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        try makeFolder(String(path[..<slash]))
    }

    private func makeFolder(_ folder: String) throws {
        guard !madeFolders.contains(folder) else { return }
        let parent = FileIO.parent(of: folder)
        if !parent.isEmpty { try makeFolder(parent) }
        let path = staging.path + "/" + folder
        // The folder it was added to is flushed; the new one is, once a file or folder goes into it.
        if mkdir(path, 0o755) == 0 {
            flushes.changed(folder: parent)
        } else if errno != EEXIST || !FileIO.isFolder(path) {
            if errno == EEXIST { errno = ENOTDIR }
            throw FileIO.posixError(path)
        }
        // Another thread may make it at the same time: either finds it made.
        if linkedCopyState.value == .growing, mkdir(linkedCopy.path + "/" + folder, 0o755) != 0, errno != EEXIST {
            linkedCopyState.set(.spoiled)
        }
        madeFolders.insert(folder)
    }

    /// Replaces one file of the staging tree, making its folder if needed. `likelyLinked`: the
    /// staging file is probably a hard link to the published one (see `FileIO.replace`).
    func write(_ text: String, to path: String, likelyLinked: Bool = false) throws {
        var text = text
        try text.withUTF8 { bytes in try write(bytes, to: path, likelyLinked: likelyLinked) }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String, likelyLinked: Bool = false) throws {
        try makeFolder(of: path)
        let full = staging.path + "/" + path
        // A few files start their own writeback; thousands leave it to the paced writeback.
        let paced = flushes.wrote(file: path)
        if paced { pacedWriteback.start() }
        let created =
            stagingIsNew.isSet ? try FileIO.create(with: bytes, at: full, startingWriteback: !paced) : false
        if !created {
            try FileIO.replace(with: bytes, at: full, startingWriteback: !paced, likelyLinked: likelyLinked)
        }
        linkIntoCopy(path)
    }

    /// Replaces a file of the staging tree by a hard link to the published site's copy; false when that
    /// cannot be done (the caller then makes the file).
    func linkFromPublished(_ path: String) -> Bool {
        guard (try? makeFolder(of: path)) != nil else { return false }
        let target = staging.path + "/" + path
        if unlink(target) != 0 && errno != ENOENT { return false }
        // The file's data is the published site's, flushed when it was published: only the
        // folder's new entry needs flushing.
        flushes.changed(folder: (path as NSString).deletingLastPathComponent)
        return link(destination.path + "/" + path, target) == 0
    }

    func write(_ data: Data, to path: String, likelyLinked: Bool = false) throws {
        try data.withUnsafeBytes { raw in
            try write(raw.bindMemory(to: UInt8.self), to: path, likelyLinked: likelyLinked)
        }
    }

    /// Deletes files the new site no longer has, and folders left empty by that.
    func remove(_ paths: some Sequence<String>) {
        var folders = Set<String>()
        for path in paths {
            unlink(staging.path + "/" + path)
            flushes.removed(path)
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty {
                folders.insert(folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        // Deepest first; rmdir refuses folders that still hold something.
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            if rmdir(staging.path + "/" + folder) == 0 { flushes.removed(folder) }
        }
    }

    /// Swaps the staging tree in as the published site; returns the identities of the new published
    /// folder and of the staging tree (the old site), read after the swap.
    func publish() throws -> (published: Identity?, staging: Identity?) {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        let exists = fileManager.fileExists(atPath: destination.path, isDirectory: &isFolder)
        if exists && !isFolder.boolValue {
            throw SitegenError(
                path: destination.path, "is a file, not a folder",
                fix: "move it away or choose another --output")
        }
        if unlink(unfinishedMark) != 0 && errno != ENOENT { throw FileIO.posixError(unfinishedMark) }
        flushes.changed(folder: "")
        if exists { try carryOverHiddenEntries() }
        // Nothing is renamed before what the new site holds is on disk.
        pacedWriteback.stop()
        try flushes.flush(on: disk, root: staging.path)
        if exists {
            if !disk.exchange(staging.path, destination.path) {
                // No atomic exchange on this system: three renames, the old site kept throughout.
                let aside = destination.deletingLastPathComponent().appendingPathComponent(
                    ".\(destination.lastPathComponent).previous")
                try? fileManager.removeItem(at: aside)
                try disk.rename(destination.path, to: aside.path)
                try disk.rename(staging.path, to: destination.path)
                try disk.rename(aside.path, to: staging.path)
            }
        } else {
            try disk.rename(staging.path, to: destination.path)
            if linkedCopyState.value == .growing {
                try disk.rename(linkedCopy.path, to: staging.path)
                linkedCopyState.set(.published)
            }
        }
        // The renames themselves: entries of the parent folder.
        try disk.flush(folder: destination.deletingLastPathComponent().path)
        if FileIO.exists(linkedCopy.path) { try? discard(linkedCopy) }  // a spoiled one
        return (Identity(of: destination), Identity(of: staging))
    }

    /// True when the staging tree is now a linked copy of the site just published (`linkedCopy`).
    var stagingIsLinkedCopy: Bool { linkedCopyState.value == .published }

    /// Hard-links `.gitkeep`, `.git/…` and the like from the published site into the new one.
    private func carryOverHiddenEntries() throws {
        let fileManager = FileManager.default
        for name in (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? [] where name.hasPrefix(".") {
            let from = destination.appendingPathComponent(name)
            try FileIO.linkTree(from: from, to: staging.appendingPathComponent(name))
            // A carried folder (`.git`) is a tree of new folders.
            if FileIO.isFolder(from.path) { flushes.changedEverything() }
        }
    }
}

/// A walk of the staging tree for unrecorded files running on another thread (`OutputDirectory.lookForUnrecorded`).
struct UnrecordedSearch: Sendable {
    /// The staging tree the walk is for.
    fileprivate let identity: OutputDirectory.Identity
    fileprivate let unrecorded: Background<[String]>

    /// The unrecorded, once the walk is over; nil if the walk was for another staging than this one.
    fileprivate func result(for staging: OutputDirectory.Identity) -> [String]? {
        staging == identity ? unrecorded.value : nil
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

/// Names shared by the threads writing (`OutputDirectory.madeFolders`).
final class ConcurrentSet: @unchecked Sendable {
    private let lock = NSLock()
    private var members: Set<String> = []

    func contains(_ member: String) -> Bool { lock.withLock { members.contains(member) } }

    func insert(_ member: String) {
        _ = lock.withLock { members.insert(member) }
    }
}

/// How far the linked copy of a first build got (`OutputDirectory.linkedCopy`), shared by the threads writing.
final class LinkedCopyState: @unchecked Sendable {
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
