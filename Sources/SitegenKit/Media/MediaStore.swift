import Foundation

/// The site's copies of Content's scans, photos and PDFs, made once and kept between builds in
/// `.sitegen/<output>.media/`, named by a digest of the input's bytes: a file whose stamp (size,
/// modification time, inode) is unchanged is not read again, and one whose bytes are unchanged
/// is not processed again.
struct MediaStore: Sendable {
    /// Folded into every digest: a change to what a variant is made with makes every copy anew.
    static let version = 2

    struct Variant: Codable, Sendable, Hashable {
        var name: String
        var width: Int
        var height: Int
        var file: String
    }

    /// What the store knows of one Content file.
    struct Record: Codable, Sendable {
        var size: Int, modified: Int, inode: Int
        var digest: UInt64
        var width: Int, height: Int
        var variants: [Variant]
    }

    /// How a kind of image is shown: its variants' names, widths and JPEG/WebP quality.
    static func variants(of name: MediaName) -> [(name: String, width: Int, quality: Int)] {
        switch name {
        case .scan: return [("display", 1000, 82), ("thumb", 240, 75)]
        case .photo: return [("display", 800, 82)]
        case .pdf: return []
        }
    }

    let folder: URL

    init(output: URL) {
        folder = output.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".sitegen")
            .appendingPathComponent("\(output.lastPathComponent).media")
    }

    var indexURL: URL { folder.appendingPathComponent("index.json") }

    func loadIndex() -> [String: Record] {
        guard let data = try? Data(contentsOf: indexURL) else { return [:] }
        return (try? JSONDecoder().decode([String: Record].self, from: data)) ?? [:]
    }

    func saveIndex(_ index: [String: Record]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(index) else { return }
        try? data.withUnsafeBytes { try FileIO.replace(with: $0.bindMemory(to: UInt8.self), at: indexURL.path) }
    }

    /// The record of `file`, from `index` when its stamp and copies are unchanged, else made now
    /// (`known`: records by digest, so that a renamed or touched file is not processed again).
    /// `processed`: whether libvips made the copies now (false: they were made by an earlier build).
    func record(
        for file: MediaFile, at path: String, index: [String: Record],
        known: [UInt64: Record]
    ) throws(ImageProcessor.Failure) -> (record: Record, processed: Bool) {
        if let stamp = file.stamp, let record = index[file.relative], record.size == stamp.size,
            record.modified == stamp.modified, record.inode == stamp.inode, copiesExist(record)
        {
            return (record, false)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImageProcessor.Failure(message: "cannot be read")
        }
        let digest = StableHash.of { hash in
            hash.combine(Self.version)
            hash.combine(StableHash.of(bytes: data))
        }
        let stamp = file.stamp ?? ContentCache.Stamp(size: -1, modified: -1, inode: -1)
        if var record = known[digest], copiesExist(record) {
            (record.size, record.modified, record.inode) = (stamp.size, stamp.modified, stamp.inode)
            return (record, false)
        }
        var record = Record(
            size: stamp.size, modified: stamp.modified, inode: stamp.inode, digest: digest,
            width: 0, height: 0, variants: [])
        if case .pdf = file.name {
            guard data.starts(with: Array("%PDF-".utf8)) else {
                throw ImageProcessor.Failure(message: "is not a PDF file")
            }
            return (record, false)
        }
        (record.width, record.height) = try ImageProcessor.size(of: path)
        try ImageProcessor.checkLimits((record.width, record.height))
        let ext: String
        switch file.name {
        case .scan(let value), .photo(_, _, let value): ext = MediaName.outputExtension(value)
        case .pdf: ext = "pdf"
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Each smaller copy is made from the one before (a scan's thumbnail from its display
        // copy), so a large original is decoded once.
        var from = path
        for variant in Self.variants(of: file.name) {
            let name = String(digest, radix: 16) + "-\(variant.name).\(ext)"
            // Written under a name of its own and renamed: a build stopped midway leaves no half copy.
            let temporary = folder.appendingPathComponent(".\(UUID().uuidString).\(ext)").path
            let size = try ImageProcessor.shrink(from, to: temporary, width: variant.width, quality: variant.quality)
            guard rename(temporary, folder.appendingPathComponent(name).path) == 0 else {
                unlink(temporary)
                throw ImageProcessor.Failure(message: "could not be stored in \(folder.path)")
            }
            record.variants.append(Variant(name: variant.name, width: size.width, height: size.height, file: name))
            from = folder.appendingPathComponent(name).path
        }
        return (record, true)
    }

    /// Removes the copies no record uses (a replaced or deleted image's) and half-made ones a
    /// stopped build left: without this the store grows by a scan's copies at every replacement.
    /// The published site keeps its own links to the copies it shows.
    func prune(keeping records: some Collection<Record>) {
        let kept = Set(records.flatMap { $0.variants.map(\.file) } + [indexURL.lastPathComponent])
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where !kept.contains(name) { unlink(folder.appendingPathComponent(name).path) }
    }

    private func copiesExist(_ record: Record) -> Bool {
        record.variants.allSatisfy { FileIO.exists(folder.appendingPathComponent($0.file).path) }
    }
}
