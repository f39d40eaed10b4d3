import Foundation

/// What one build leaves for the next, in one place: `.sitegen/<output>.state` beside the output
/// folder (`.sitegen/Public.state` for the default layout). Deleting it, or `--clean`, only makes
/// the next build a full one.
///
/// It holds the articles read (by file stamp, see `ContentCache`) and, for each of the two output
/// trees — the published `Public/` and the staging tree `.Public.staging/` that the next build updates
/// and swaps in — the fingerprint of every file it holds. A tree is trusted only while its
/// folder's inode is the one recorded, so a tree someone replaced is rebuilt, never patched.
/// It also holds the last plan's page fingerprints with the issues each page read (`PageReads`).
struct BuildState: Sendable {
    struct Tree: Sendable, Equatable {
        var identity: OutputDirectory.Identity
        /// Path relative to the tree → fingerprint of what is in that file.
        var outputs: [String: UInt64]
        /// Fingerprints of groups of files made together (the search index): equal fingerprint,
        /// same files, so they need not be made again.
        var groups: [String: UInt64] = [:]
    }

    /// What the published site was made from, at the front of the file so that a build can tell
    /// it has nothing to do without decoding the rest.
    struct Summary: Sendable, Equatable {
        var identity: OutputDirectory.Identity
        /// `InputDigest` of the build that made it.
        var inputs: UInt64
        var articles: Int
        var issues: Int
        var files: Int
    }

    var summary: Summary?
    var content = ContentCache() {
        didSet { encodedContent = nil }
    }
    /// `content` as `save` writes it, made ahead on another thread (`encodeContentAhead`).
    private var encodedContent: Background<[UInt8]>?
    var published: Tree?
    var staging: Tree?
    /// The last plan's page fingerprints and what each page read, for the next plan to reuse.
    var pageReads: PageReads?
    /// Paths outside which the staging tree's files are known to be the published ones (set by the
    /// build that swapped them; not saved): the save then compares only these.
    var stagingDiffersOnlyIn: [String]?

    static let magic: [UInt8] = Array("sitegen-state-12\n".utf8)

    /// The sitegen binary, by file stamp, written after the magic. A state another build of
    /// sitegen wrote is not trusted — a new version may read Content, render pages or lay out the
    /// search index differently — so the first build after an upgrade is a full one.
    static let generator: UInt64 = StableHash.of { $0.combine(ContentCache.Stamp(path: "/proc/self/exe")) }

    static func location(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".sitegen")
            .appendingPathComponent("\(output.lastPathComponent).state")
    }

    /// The saved state, or an empty one when there is none or it cannot be read.
    static func load(for output: URL, contentRoot: URL) -> BuildState {
        guard let data = try? Data(contentsOf: location(for: output)), data.starts(with: magic) else {
            return BuildState()
        }
        var reader = BinaryReader(Array(data.dropFirst(magic.count)))
        do {
            guard try reader.readUInt64() == generator else { return BuildState() }
            var state = BuildState()
            state.summary = try readSummary(&reader)
            state.content = try ContentCache.read(from: &reader, contentRoot: contentRoot)
            state.published = try readTree(&reader, base: nil)
            state.staging = try readTree(&reader, base: state.published)
            state.pageReads = try reader.readUInt64() == 1 ? try PageReads.read(from: &reader) : nil
            return reader.isAtEnd ? state : BuildState()
        } catch {
            return BuildState()
        }
    }

    /// Only the summary of the saved state (nil when there is none).
    static func summary(for output: URL) -> Summary? {
        // The head of the file only: the rest is megabytes this question does not need.
        guard let file = FileHandle(forReadingAtPath: location(for: output).path) else { return nil }
        defer { try? file.close() }
        guard let data = try? file.read(upToCount: 256), data.starts(with: magic) else { return nil }
        var reader = BinaryReader(Array(data.dropFirst(magic.count)))
        guard (try? reader.readUInt64()) == generator else { return nil }
        return try? readSummary(&reader)
    }

    private static func readSummary(_ reader: inout BinaryReader) throws(BinaryReader.Damaged) -> Summary? {
        guard try reader.readUInt64() == 1 else { return nil }
        return Summary(
            identity: OutputDirectory.Identity(inode: try reader.readInt(), changed: try reader.readInt()),
            inputs: try reader.readUInt64(), articles: try reader.readInt(), issues: try reader.readInt(),
            files: try reader.readInt())
    }

    /// Writes the state aside and renames it into place, so it is never half-written.
    /// Starts encoding the content cache for `save` while the build goes on: once the articles
    /// are loaded it no longer changes, and it is the largest part of the state.
    mutating func encodeContentAhead() {
        let content = self.content
        encodedContent = Background { BuildState.encode(content) }
    }

    private static func encode(_ content: ContentCache) -> [UInt8] {
        var writer = BinaryWriter()
        content.write(to: &writer)
        return writer.bytes
    }

    func save(for output: URL) throws {
        // The parts are encoded side by side (the content cache perhaps already, see
        // `encodeContentAhead`): each of the three large ones takes about a third of the time.
        let parts = parallelMap([0, 1, 2, 3, 4]) { part -> [UInt8] in
            var writer = BinaryWriter()
            switch part {
            case 0:
                writer.write(Self.generator)
                writeSummary(to: &writer)
            case 1: return encodedContent?.value ?? Self.encode(content)
            case 2: Self.write(published, against: nil, to: &writer)
            case 3: Self.write(staging, against: published, onlyIn: stagingDiffersOnlyIn, to: &writer)
            default:
                writer.write(pageReads == nil ? 0 as UInt64 : 1)
                pageReads?.write(to: &writer)
            }
            return writer.bytes
        }
        var bytes = Self.magic
        bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.count })
        for part in parts { bytes += part }
        let file = Self.location(for: output)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = file.path + ".new"
        try bytes.withUnsafeBufferPointer { try FileIO.write($0, to: temporary) }
        if rename(temporary, file.path) != 0 { throw FileIO.posixError(file.path) }
    }

    private func writeSummary(to writer: inout BinaryWriter) {
        guard let summary else { return writer.write(0 as UInt64) }
        writer.write(1 as UInt64)
        writer.write(summary.identity.inode)
        writer.write(summary.identity.changed)
        writer.write(summary.inputs)
        writer.write(summary.articles)
        writer.write(summary.issues)
        writer.write(summary.files)
    }

    /// A tree is written whole (1), or as its differences from `base` (2): the staging tree is the site
    /// as it was one build earlier, so it differs from the published one in a few files only.
    private static func write(
        _ tree: Tree?, against base: Tree?, onlyIn candidates: [String]? = nil, to writer: inout BinaryWriter
    ) {
        guard let tree else { return writer.write(0 as UInt64) }
        writer.write(base == nil ? 1 as UInt64 : 2)
        writer.write(tree.identity.inode)
        writer.write(tree.identity.changed)
        write(tree.outputs, against: base?.outputs ?? [:], onlyIn: base == nil ? nil : candidates, to: &writer)
        write(tree.groups, against: base?.groups ?? [:], to: &writer)
    }

    /// The entries that differ from `base` (in no particular order), then the names `base` has
    /// and `map` has not. `candidates`: the only names where the two can differ, when known.
    private static func write(
        _ map: [String: UInt64], against base: [String: UInt64], onlyIn candidates: [String]? = nil,
        to writer: inout BinaryWriter
    ) {
        let differing: [(String, UInt64)]
        let gone: [String]
        if let candidates {
            differing = candidates.compactMap { name in map[name].flatMap { base[name] != $0 ? (name, $0) : nil } }
            gone = candidates.filter { map[$0] == nil && base[$0] != nil }
        } else {
            differing =
                base.isEmpty
                ? map.map { ($0.key, $0.value) }
                : map.compactMap { base[$0.key] != $0.value ? ($0.key, $0.value) : nil }
            gone = base.keys.filter { map[$0] == nil }
        }
        writer.write(differing.count)
        for (name, fingerprint) in differing {
            writer.write(name)
            writer.write(fingerprint)
        }
        writer.write(gone.count)
        for name in gone { writer.write(name) }
    }

    private static func readTree(_ reader: inout BinaryReader, base: Tree?) throws(BinaryReader.Damaged) -> Tree? {
        let kind = try reader.readUInt64()
        guard kind != 0 else { return nil }
        guard kind == 1 || (kind == 2 && base != nil) else { throw BinaryReader.Damaged() }
        let identity = OutputDirectory.Identity(inode: try reader.readInt(), changed: try reader.readInt())
        let outputs = try readMap(&reader, base: base?.outputs ?? [:])
        let groups = try readMap(&reader, base: base?.groups ?? [:])
        return Tree(identity: identity, outputs: outputs, groups: groups)
    }

    private static func readMap(_ reader: inout BinaryReader, base: [String: UInt64]) throws(BinaryReader.Damaged)
        -> [String: UInt64]
    {
        var map = base
        let count = try reader.readInt()
        guard count >= 0 else { throw BinaryReader.Damaged() }
        map.reserveCapacity(base.count + count)
        for _ in 0..<count {
            let name = try reader.readString()
            map[name] = try reader.readUInt64()
        }
        let goneCount = try reader.readInt()
        guard goneCount >= 0 else { throw BinaryReader.Damaged() }
        for _ in 0..<goneCount { map[try reader.readString()] = nil }
        return map
    }
}
