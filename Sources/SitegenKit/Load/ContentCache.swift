import Foundation

/// What an earlier build learnt from each article file, keyed by path and file stamp, so that an
/// unchanged file is neither read nor parsed again. Kept in the build state (see `BuildState`).
struct ContentCache: Sendable {
    /// Size and modification time: a file whose stamp is unchanged is taken as unchanged.
    struct Stamp: Hashable, Sendable {
        var size: Int
        var modified: Int  // nanoseconds since 1970
        var inode: Int

        init(size: Int, modified: Int, inode: Int) {
            self.size = size
            self.modified = modified
            self.inode = inode
        }

        /// The stamp of a file (following links), nil when it cannot be read.
        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            self.init(status: status)
        }

        init(status: stat) {
            size = Int(status.st_size)
            modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
            inode = Int(status.st_ino)
        }
    }

    struct Entry: Sendable {
        var stamp: Stamp
        var article: Article
        /// The entry as the saved state held it, when it was read from there: written back as it
        /// is, so that saving the state after an edit does not encode 10,000 articles again.
        var encoded: ArraySlice<UInt8>? = nil
    }

    var entries: [String: Entry] = [:]

    func write(to writer: inout BinaryWriter) {
        writer.write(entries.count)
        for (path, entry) in entries {  // in no particular order: the reader makes a dictionary again
            if let encoded = entry.encoded {
                writer.write(encoded: encoded)
                continue
            }
            let a = entry.article
            writer.write(path)
            writer.write(entry.stamp.size)
            writer.write(entry.stamp.modified)
            writer.write(entry.stamp.inode)
            writer.write(a.title)
            writer.write(a.titleLine)
            writer.write(a.kicker)
            writer.write(a.subtitle)
            writer.write(a.authors)
            writer.write(a.byline)
            writer.write(a.date.year)
            writer.write(a.date.month)
            writer.write(a.date.day)
            writer.write(a.weekday)
            writer.write(a.weekdayLine ?? 0)
            writer.write(a.page.prefix)
            writer.write(a.page.number)
            writer.write(a.pageName)
            writer.write(a.order)
            writer.write(a.oldPositionLine ?? 0)
            writer.write(a.captions)
            writer.write(a.source)
            writer.write(a.bodyDigest)
            writer.write(a.fieldsDigest)
        }
    }

    /// Entries whose bodies are read from `contentRoot` when needed.
    static func read(from reader: inout BinaryReader, contentRoot: URL) throws(BinaryReader.Damaged) -> ContentCache {
        var cache = ContentCache()
        let rootPath = contentRoot.path + "/"
        let count = try reader.readInt()
        guard count >= 0 else { throw BinaryReader.Damaged() }
        cache.entries.reserveCapacity(count)
        for _ in 0..<count {
            let start = reader.position
            let path = try reader.readString()
            let stamp = Stamp(size: try reader.readInt(), modified: try reader.readInt(), inode: try reader.readInt())
            let title = try reader.readString()
            let titleLine = try reader.readInt()
            let kicker = try reader.readOptionalString()
            let subtitle = try reader.readOptionalString()
            let authors = try reader.readStrings()
            let byline = try reader.readOptionalString()
            let date = IssueDate(year: try reader.readInt(), month: try reader.readInt(), day: try reader.readInt())
            let weekday = try reader.readOptionalString()
            let weekdayLine = try reader.readInt()
            guard let date, let page = PageLabel(prefix: try reader.readString(), number: try reader.readInt()) else {
                throw BinaryReader.Damaged()
            }
            let pageName = try reader.readOptionalString()
            let order = try reader.readInt()
            let oldPositionLine = try reader.readInt()
            let captions = try reader.readStrings()
            let source = try reader.readOptionalString()
            let digest = try reader.readUInt64()
            let fieldsDigest = try reader.readUInt64()
            let article = Article(
                sourcePath: path, title: title, kicker: kicker, subtitle: subtitle, authors: authors,
                byline: byline, date: date, weekday: weekday, page: page, pageName: pageName, order: order,
                captions: captions, source: source, bodyIn: rootPath + path, bodyDigest: digest, titleLine: titleLine,
                weekdayLine: weekday == nil ? nil : weekdayLine,
                oldPositionLine: oldPositionLine == 0 ? nil : oldPositionLine, fieldsDigest: fieldsDigest)
            cache.entries[path] = Entry(stamp: stamp, article: article, encoded: reader.bytes(from: start))
        }
        return cache
    }
}

extension StableHash {
    /// A file's stamp; all -1 when the file cannot be read.
    mutating func combine(_ stamp: ContentCache.Stamp?) {
        combine(stamp?.size ?? -1)
        combine(stamp?.modified ?? -1)
        combine(stamp?.inode ?? -1)
    }
}
