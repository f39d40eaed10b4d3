import Foundation

/// Makes the reader search's index (`Public/search/`, see `SearchIndexLayout`) from the archive
/// model. Every file's bytes depend only on the archive; the build writes the files whose bytes
/// changed (`OutputPlan`).
public struct SearchIndexWriter: Sendable {
    /// Consecutive articles (in reading order) indexed together: one calendar month's, or a part
    /// of at most `blockSize` of a bigger month's. A block is named by its month and part, never
    /// by position, so an article added to an old issue changes its own block and no other.
    struct Block: Sendable, Equatable {
        /// "2018-07-0": the month and the part of it.
        let id: String
        /// The articles (by number in `Archive.articles`).
        let articles: Range<Int>
        var buckets: Int { SearchIndexLayout.buckets(forArticles: articles.count) }
    }

    let archive: Archive
    let blockSize: Int
    let blocks: [Block]

    init(archive: Archive, blockSize: Int = SearchIndexLayout.blockSize) {
        self.archive = archive
        self.blockSize = blockSize
        var blocks: [Block] = []
        var start = 0, part = 0
        for number in archive.articles.indices {
            let month = archive.articles[number].date.iso.prefix(7)
            let next = number + 1
            let monthEnds = next == archive.articles.count || archive.articles[next].date.iso.prefix(7) != month
            if monthEnds || next - start == blockSize {
                blocks.append(Block(id: "\(month)-\(part)", articles: start..<next))
                part = monthEnds ? 0 : part + 1
                start = next
            }
        }
        self.blocks = blocks
    }

    /// Neighbours whose records share one file: records compress far better together, and a page
    /// of results, mostly neighbours in reading order, needs few files.
    let recordGroup = SearchIndexLayout.recordGroup

    /// One block's postings and record files, in a stable order. They depend only on the block's
    /// own articles, so an incremental build makes again only the blocks whose articles changed;
    /// blocks are made one per core at a time, so memory holds a few blocks' text and index, not
    /// the archive's. `parallel`: spread the block's own work over the cores (when it is the only
    /// block to make).
    func blockFiles(_ index: Int, parallel: Bool) -> [(path: String, bytes: [UInt8])] {
        let block = blocks[index]
        let range = block.articles
        let texts = parallel ? parallelMap(Array(range)) { SearchableArticle(archive.articles[$0]) }
                             : range.map { SearchableArticle(archive.articles[$0]) }
        let groups = Array(stride(from: range.lowerBound, to: range.upperBound, by: recordGroup))
        let makeRecords: @Sendable (Int) -> (path: String, bytes: [UInt8]) = { first in
            var json: [UInt8] = [UInt8(ascii: "[")]
            for number in first..<min(range.upperBound, first + recordGroup) {
                if number > first { json.append(UInt8(ascii: ",")) }
                appendRecord(number, text: texts[number - range.lowerBound], to: &json)
            }
            json.append(UInt8(ascii: "]"))
            return (SearchIndexLayout.records(block: block.id, group: (first - range.lowerBound) / recordGroup), Deflate.compress(json))
        }
        let records = parallel ? parallelMap(groups, makeRecords) : groups.map(makeRecords)
        return postingFiles(block: block, texts: texts) + records
    }

    // MARK: Postings

    /// A character or bigram as one number: `a << 22`, plus `1 << 21 | b` for a bigram.
    private static func scalarKey(_ a: UInt32, _ b: UInt32? = nil) -> UInt64 {
        UInt64(a) << 22 | (b.map { 1 << 21 | UInt64($0) } ?? 0)
    }

    private static func keyBytes(_ key: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        appendUTF8(UInt32(key >> 22), to: &bytes)
        if key & (1 << 21) != 0 { appendUTF8(UInt32(key & 0x1F_FFFF), to: &bytes) }
        return bytes
    }

    private static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        bytes.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// One block's postings, bucket by bucket. Occurrences are counted per key first and then laid
    /// out key after key in two flat arrays (a counting sort), so no per-key arrays are made.
    private func postingFiles(block: Block, texts: [SearchableArticle]) -> [(path: String, bytes: [UInt8])] {
        let range = block.articles
        let first = range.lowerBound
        let size = range.count
        var table = KeyTable(expected: texts.reduce(0) { $0 + $1.length } / 2 + 64)
        var counts: [Int] = []
        var lastArticle: [Int32] = []
        var sequence: [Int32] = []  // key of every occurrence, in the order of the second pass
        sequence.reserveCapacity(texts.reduce(0) { $0 + 2 * $1.length })
        func id(_ key: UInt64) -> Int32 {
            let (id, new) = table.id(of: key)
            if new {
                counts.append(0)
                lastArticle.append(-1)
            }
            return id
        }
        for (local, text) in texts.enumerated() {
            let local = Int32(local)
            for field in text.fields {
                let text = field.text
                for offset in text.indices {
                    let unigram = id(Self.scalarKey(text[offset]))
                    sequence.append(unigram)
                    if lastArticle[Int(unigram)] != local {
                        lastArticle[Int(unigram)] = local
                        counts[Int(unigram)] += 1
                    }
                    if offset + 1 < text.count {
                        let bigram = id(Self.scalarKey(text[offset], text[offset + 1]))
                        sequence.append(bigram)
                        counts[Int(bigram)] += 1
                    }
                }
            }
        }
        let keys = table.keys
        var starts = [Int](repeating: 0, count: keys.count + 1)
        for index in keys.indices { starts[index + 1] = starts[index] + counts[index] }
        var cursor = Array(starts.dropLast())
        var articles = [UInt32](repeating: 0, count: starts[keys.count])
        var values = [UInt32](repeating: 0, count: starts[keys.count])  // position, or the title bit
        var next = 0
        for (local, text) in texts.enumerated() {
            let local = UInt32(local)
            for field in text.fields {
                let titleBit: UInt32 = field.start == 0 ? 1 : 0
                for offset in field.text.indices {
                    let unigram = Int(sequence[next])
                    next += 1
                    let at = cursor[unigram]
                    if at > starts[unigram] && articles[at - 1] == local {
                        values[at - 1] |= titleBit
                    } else {
                        articles[at] = local
                        values[at] = titleBit
                        cursor[unigram] += 1
                    }
                    if offset + 1 < field.text.count {
                        let bigram = Int(sequence[next])
                        next += 1
                        articles[cursor[bigram]] = local
                        values[cursor[bigram]] = UInt32(field.start + offset)
                        cursor[bigram] += 1
                    }
                }
            }
        }
        sequence = []

        var facets: [String: [UInt32]] = [:]  // key → local articles
        for number in range {
            let local = UInt32(number - first)
            let location = archive.locations[number]
            if let name = archive.issues[location.issue].pages[location.page].name, !name.isEmpty {
                facets[SearchIndexLayout.Key.pageName(name), default: []].append(local)
            }
            for name in Set(archive.articles[number].authors.flatMap { $0.split(whereSeparator: { $0.isWhitespace }) }) {
                facets[SearchIndexLayout.Key.author(String(name)), default: []].append(local)
            }
        }

        // Entries in a deterministic order: the filters' keys by name, then characters and bigrams
        // by code point, each appended to its bucket's bytes as it is encoded (key heads as
        // `SearchIndexLayout.KeyHead` describes).
        var buckets = [VarintWriter](repeating: VarintWriter(), count: block.buckets)
        var entries = [Int](repeating: 0, count: block.buckets)
        var previous = [UInt32](repeating: 0, count: block.buckets)  // first code point of the last character key
        var data = BitWriter()
        for key in facets.keys.sorted() {
            data.gamma(facets[key]!.count)
            appendArticles(facets[key]!, of: size, to: &data)
            let bytes = Array(key.utf8), bucket = SearchIndexLayout.bucket(of: bytes, buckets: block.buckets)
            entries[bucket] += 1
            buckets[bucket].append(0)
            buckets[bucket].append(bytes: bytes)
            data.finish(appendingTo: &buckets[bucket])
        }
        for index in keys.indices.sorted(by: { keys[$0] < keys[$1] }) {
            let key = keys[index], first = UInt32(key >> 22), bigram = key & (1 << 21) != 0
            let slice = starts[index]..<starts[index + 1]
            if bigram {
                positional(articles[slice], values[slice], of: size, into: &data)
            } else {
                articleFlags(articles[slice], values[slice], of: size, into: &data)
            }
            let bucket = SearchIndexLayout.bucket(of: Self.keyBytes(key), buckets: block.buckets)
            entries[bucket] += 1
            buckets[bucket].append(Int(first - previous[bucket]) << 1 + (bigram ? 1 : 0) + 1)
            if bigram { buckets[bucket].append(Int(key & 0x1F_FFFF)) }
            previous[bucket] = first
            data.finish(appendingTo: &buckets[bucket])
        }
        return buckets.indices.compactMap { bucket in
            guard entries[bucket] > 0 else { return nil }
            var file = VarintWriter()
            file.append(entries[bucket])
            file.bytes += buckets[bucket].bytes
            // Rice codes leave deflate little to find: its fastest level gives the same size.
            return (SearchIndexLayout.postings(block: block.id, bucket: bucket), Deflate.compress(file.bytes, level: 1))
        }
    }

    /// Bits: `gamma(articles)`, 4-bit Rice parameters for first positions and for position gaps,
    /// then per article `rice(gap − 1)`, `gamma(count)`, the first position (a bit telling title or
    /// not, then `rice(position)`, counted from `titleSpan` outside the title) and `rice(gap)`s.
    /// `articles` holds one entry per occurrence, grouped by article, of a block of `size` articles.
    func positional(_ articles: ArraySlice<UInt32>, _ positions: ArraySlice<UInt32>, of size: Int, into writer: inout BitWriter) {
        func groupEnd(from index: Int) -> Int {
            var end = index
            while end < articles.endIndex, articles[end] == articles[index] { end += 1 }
            return end
        }
        var groups = 0, firstTotal = 0, gapTotal = 0, gapCount = 0
        var index = articles.startIndex
        while index < articles.endIndex {
            let end = groupEnd(from: index)
            groups += 1
            firstTotal += Self.firstPositionValue(Int(positions[index]))
            gapTotal += Int(positions[end - 1]) - Int(positions[index])
            gapCount += end - index - 1
            index = end
        }
        let firstK = BitWriter.riceParameter(total: firstTotal, count: groups)
        let gapK = BitWriter.riceParameter(total: gapTotal, count: gapCount)
        writer.gamma(groups)
        writer.bits(firstK, count: 4)
        writer.bits(gapK, count: 4)
        let articleK = SearchIndexLayout.articleGapParameter(articles: groups, blockSize: size)
        var previous = -1
        index = articles.startIndex
        while index < articles.endIndex {
            let end = groupEnd(from: index)
            writer.rice(Int(articles[index]) - previous - 1, k: articleK)
            previous = Int(articles[index])
            writer.gamma(end - index)
            let first = Int(positions[index])
            writer.bit(first >= SearchIndexLayout.titleSpan)
            writer.rice(Self.firstPositionValue(first), k: firstK)
            var last = first
            for at in (index + 1)..<end {
                writer.rice(Int(positions[at]) - last, k: gapK)
                last = Int(positions[at])
            }
            index = end
        }
    }

    static func firstPositionValue(_ position: Int) -> Int {
        position >= SearchIndexLayout.titleSpan ? position - SearchIndexLayout.titleSpan : position
    }

    /// Bits: `gamma(articles)`, then per article `rice(gap − 1)` and one bit: in the title.
    func articleFlags(_ articles: ArraySlice<UInt32>, _ flags: ArraySlice<UInt32>, of size: Int, into writer: inout BitWriter) {
        writer.gamma(articles.count)
        let k = SearchIndexLayout.articleGapParameter(articles: articles.count, blockSize: size)
        var previous = -1
        for index in articles.indices {
            writer.rice(Int(articles[index]) - previous - 1, k: k)
            writer.bit(flags[index] & 1 == 1)
            previous = Int(articles[index])
        }
    }

    /// Bits: per article `rice(gap − 1)` (after `gamma(articles)`).
    private func appendArticles(_ articles: [UInt32], of size: Int, to writer: inout BitWriter) {
        let k = SearchIndexLayout.articleGapParameter(articles: articles.count, blockSize: size)
        var previous = -1
        for article in articles {
            writer.rice(Int(article) - previous - 1, k: k)
            previous = Int(article)
        }
    }

    // MARK: Manifest and article records

    struct Manifest: Codable {
        var version: Int
        var articles: Int
        /// The most articles a block holds.
        var blockSize: Int
        /// Per block, oldest first: its name (the folder of its files), the number of its first
        /// article, and how many bucket files its postings are spread over.
        var blocks: [String]
        var blockStarts: [Int]
        var blockBuckets: [Int]
        var titleSpan: Int
        /// Articles per record file (`SearchIndexLayout.records`).
        var recordGroup: Int
        /// Every month with articles ("2018-07"), oldest first, and the number of its first article.
        var months: [String]
        var monthStarts: [Int]
        /// Every 版名, most used first.
        var pageNames: [String]
    }

    func manifest() -> String {
        var months: [String] = []
        var monthStarts: [Int] = []
        var pageNameCounts: [String: Int] = [:]
        for (number, article) in archive.articles.enumerated() {
            let month = String(article.date.iso.prefix(7))
            if month != months.last {
                months.append(month)
                monthStarts.append(number)
            }
            let location = archive.locations[number]
            if let name = archive.issues[location.issue].pages[location.page].name, !name.isEmpty {
                pageNameCounts[name, default: 0] += 1
            }
        }
        let pageNames = pageNameCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let manifest = Manifest(version: SearchIndexLayout.version, articles: archive.articles.count,
                                blockSize: blockSize, blocks: blocks.map(\.id), blockStarts: blocks.map(\.articles.lowerBound),
                                blockBuckets: blocks.map(\.buckets),
                                titleSpan: SearchIndexLayout.titleSpan, recordGroup: recordGroup, months: months, monthStarts: monthStarts,
                                pageNames: pageNames)
        return Self.json(manifest) + "\n"
    }

    /// What a result list shows of one article.
    struct ArticleRecord: Codable {
        /// Path from the site root.
        var u: String
        var t: String
        var k: String?
        var s: String?
        var a: [String]
        /// 2018-07-19
        var d: String
        /// 第3版:要闻
        var h: String
        /// The body's blocks, cleaned.
        var b: [String]
    }

    /// One article's record as JSON, appended to `json` as UTF-8 bytes. Written by hand
    /// (JSONEncoder is slow on Linux, and this runs for every article): the same keys, sorted,
    /// as `ArticleRecord` decodes.
    private func appendRecord(_ number: Int, text: SearchableArticle, to json: inout [UInt8]) {
        let article = archive.articles[number]
        let location = archive.locations[number]
        func key(_ name: StaticString, first: Bool = false) {
            json.append(UInt8(ascii: first ? "{" : ","))
            json.append(UInt8(ascii: "\""))
            json.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            json.append(contentsOf: "\":".utf8)
        }
        func array(_ texts: [String]) {
            json.append(UInt8(ascii: "["))
            for (index, text) in texts.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                Self.appendJSONString(text, to: &json)
            }
            json.append(UInt8(ascii: "]"))
        }
        key("a", first: true); array(text.authors)
        key("b"); array(text.body)
        key("d"); Self.appendJSONString(article.date.iso, to: &json)
        key("h"); Self.appendJSONString(archive.issues[location.issue].pages[location.page].heading, to: &json)
        if let kicker = text.kicker { key("k"); Self.appendJSONString(kicker, to: &json) }
        if let subtitle = text.subtitle { key("s"); Self.appendJSONString(subtitle, to: &json) }
        key("t"); Self.appendJSONString(text.title, to: &json)
        key("u"); Self.appendJSONString(Paths.article(article.slot), to: &json)
        json.append(UInt8(ascii: "}"))
    }

    /// A JSON string literal, byte by byte: quotes, backslashes and control characters escaped,
    /// everything else (UTF-8 included) as it is.
    static func appendJSONString(_ text: String, to json: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        json.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                json.append(UInt8(ascii: "\\"))
                json.append(byte)
            case 0..<0x20:
                json.append(contentsOf: "\\u00".utf8)
                json.append(hex[Int(byte >> 4)])
                json.append(hex[Int(byte & 0xF)])
            default:
                json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

extension SearchIndexWriter {
    /// `sitegen search-index`: loads Content and writes only `search/` into `output` (for
    /// measuring the index step alone; `sitegen build` writes the same files as one of its phases).
    public static func writeIndexOnly(content: URL, output: URL) throws(SitegenErrors) -> Int {
        let loaded = try ContentLoader(root: content, displayRoot: content.path).load()
        let archive = Archive(articles: loaded.articles, listings: loaded.listings, site: loaded.site)
        do {
            return try SearchIndexWriter(archive: archive).write(to: output)
        } catch {
            throw SitegenErrors([error as? SitegenError ?? SitegenError(path: output.path, "\(error)")])
        }
    }

    /// Writes the index's files into `folder` (as `folder/search/…`), not atomically, a block
    /// per core at a time: for the benchmark and tests. `sitegen build` publishes them with the
    /// rest of the site.
    func write(to folder: URL) throws -> Int {
        @Sendable func save(_ files: [(path: String, bytes: [UInt8])]) throws {
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.bytes.withUnsafeBufferPointer { try FileIO.replace(with: $0, at: url.path) }
            }
        }
        try save([(SearchIndexLayout.manifest, Array(manifest().utf8))])
        let written = parallelMap(Array(blocks.indices)) { block -> Result<Int, Error> in
            let files = blockFiles(block, parallel: blocks.count == 1)
            return Result { try save(files); return files.count }
        }
        return try written.reduce(1) { try $0 + $1.get() }
    }
}
