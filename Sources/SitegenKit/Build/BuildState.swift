import Foundation

/// What one build leaves for the next, in one place: `.sitegen/<output>.state` beside the output
/// folder (`.sitegen/Public.state` for the default layout). Deleting it, or `--clean`, only makes
/// the next build a full one.
///
/// It holds the articles read (by file stamp, see `ContentCache`) and, for each of the two output
/// trees — the published `Public/` and the spare `.Public.spare/` that the next build updates
/// and swaps in — the fingerprint of every file it holds. A tree is trusted only while its
/// folder's inode is the one recorded, so a tree someone replaced is rebuilt, never patched.
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
    var content = ContentCache()
    var published: Tree?
    var spare: Tree?

    static let magic: [UInt8] = Array("sitegen-state-8\n".utf8)

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
        guard let data = try? Data(contentsOf: location(for: output)), data.starts(with: magic) else { return BuildState() }
        var reader = BinaryReader(Array(data.dropFirst(magic.count)))
        do {
            guard try reader.readUInt64() == generator else { return BuildState() }
            var state = BuildState()
            state.summary = try readSummary(&reader)
            state.content = try ContentCache.read(from: &reader, contentRoot: contentRoot)
            state.published = try readTree(&reader)
            state.spare = try readTree(&reader)
            return reader.isAtEnd ? state : BuildState()
        } catch {
            return BuildState()
        }
    }

    /// Only the summary of the saved state (nil when there is none).
    static func summary(for output: URL) -> Summary? {
        guard let data = try? Data(contentsOf: location(for: output)), data.starts(with: magic) else { return nil }
        var reader = BinaryReader(Array(data.dropFirst(magic.count)))
        guard (try? reader.readUInt64()) == generator else { return nil }
        return try? readSummary(&reader)
    }

    private static func readSummary(_ reader: inout BinaryReader) throws(BinaryReader.Damaged) -> Summary? {
        guard try reader.readUInt64() == 1 else { return nil }
        return Summary(identity: OutputDirectory.Identity(inode: try reader.readInt(), changed: try reader.readInt()),
                       inputs: try reader.readUInt64(), articles: try reader.readInt(), issues: try reader.readInt(),
                       files: try reader.readInt())
    }

    /// Writes the state aside and renames it into place, so it is never half-written.
    func save(for output: URL) throws {
        var writer = BinaryWriter()
        writer.write(Self.generator)
        if let summary {
            writer.write(1 as UInt64)
            writer.write(summary.identity.inode)
            writer.write(summary.identity.changed)
            writer.write(summary.inputs)
            writer.write(summary.articles)
            writer.write(summary.issues)
            writer.write(summary.files)
        } else {
            writer.write(0 as UInt64)
        }
        content.write(to: &writer)
        Self.write(published, to: &writer)
        Self.write(spare, to: &writer)
        let file = Self.location(for: output)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = file.appendingPathExtension("new")
        try Data(Self.magic + writer.bytes).write(to: temporary)
        if rename(temporary.path, file.path) != 0 { throw FileIO.posixError(file.path) }
    }

    private static func write(_ tree: Tree?, to writer: inout BinaryWriter) {
        guard let tree else { return writer.write(0 as UInt64) }
        writer.write(1 as UInt64)
        writer.write(tree.identity.inode)
        writer.write(tree.identity.changed)
        writer.write(tree.outputs.count)
        for (path, fingerprint) in tree.outputs {  // in no particular order, as the groups
            writer.write(path)
            writer.write(fingerprint)
        }
        writer.write(tree.groups.count)
        for (name, fingerprint) in tree.groups {
            writer.write(name)
            writer.write(fingerprint)
        }
    }

    private static func readTree(_ reader: inout BinaryReader) throws(BinaryReader.Damaged) -> Tree? {
        guard try reader.readUInt64() == 1 else { return nil }
        let identity = OutputDirectory.Identity(inode: try reader.readInt(), changed: try reader.readInt())
        let count = try reader.readInt()
        guard count >= 0 else { throw BinaryReader.Damaged() }
        var outputs: [String: UInt64] = [:]
        outputs.reserveCapacity(count)
        for _ in 0..<count {
            let path = try reader.readString()
            outputs[path] = try reader.readUInt64()
        }
        var groups: [String: UInt64] = [:]
        let groupCount = try reader.readInt()
        guard groupCount >= 0 else { throw BinaryReader.Damaged() }
        for _ in 0..<groupCount {
            let name = try reader.readString()
            groups[name] = try reader.readUInt64()
        }
        return Tree(identity: identity, outputs: outputs, groups: groups)
    }
}
