import Foundation

/// Makes the reader search's index (`Public/search/`, see `SearchIndexLayout`) from the archive
/// model. Every file's bytes depend only on the archive; the build writes the files whose bytes
/// changed (`OutputPlan`).
public struct SearchIndexWriter: Sendable {
    /// Consecutive articles (in reading order) indexed together: the issues of one ten-day period
    /// of a month (days 1–10, 11–20, 21–31, as 上旬, 中旬, 下旬), or an equal part of at most
    /// `blockSize` of a bigger period's. A block is named by its month, period and part, never by
    /// position, so an article added to an old issue changes its own period's blocks and no other.
    struct Block: Sendable, Equatable {
        /// "2018-07-2-0": the month, the period (1, 2 or 3) and the part of it.
        let id: String
        /// The articles (by number in `Archive.articles`).
        let articles: Range<Int>

        /// The period an issue date falls in (1, 2 or 3).
        static func period(of date: IssueDate) -> Int { min(3, (date.day - 1) / 10 + 1) }
    }

    let archive: Archive
    let blockSize: Int
    let blocks: [Block]

    init(archive: Archive, blockSize: Int = SearchIndexLayout.blockSize) {
        self.archive = archive
        self.blockSize = blockSize
        var blocks: [Block] = []
        var periodStart = 0
        // Built on every build: periods compared as numbers, a block's name made once.
        func period(_ number: Int) -> (Int, Int, Int) {
            let date = archive.articles[number].date
            return (date.year, date.month, Block.period(of: date))
        }
        for number in archive.articles.indices {
            let next = number + 1
            guard next == archive.articles.count || period(next) != period(number) else { continue }
            let name =
                "\(archive.articles[number].date.iso.prefix(7))-\(Block.period(of: archive.articles[number].date))"
            let count = next - periodStart
            let parts = (count + blockSize - 1) / blockSize
            for part in 0..<parts {
                let range = (periodStart + part * count / parts)..<(periodStart + (part + 1) * count / parts)
                blocks.append(Block(id: "\(name)-\(part)", articles: range))
            }
            periodStart = next
        }
        self.blocks = blocks
    }

    /// Neighbours whose records share one file: records compress far better together, and a page
    /// of results, mostly neighbours in reading order, needs few files.
    let recordGroup = SearchIndexLayout.recordGroup

    /// The record files of a block: each one's path and the articles it holds.
    func recordFiles(_ index: Int) -> [(path: String, articles: Range<Int>)] {
        let block = blocks[index]
        let range = block.articles
        return stride(from: range.lowerBound, to: range.upperBound, by: recordGroup).map { first in
            (
                SearchIndexLayout.records(block: block.id, group: (first - range.lowerBound) / recordGroup),
                first..<min(range.upperBound, first + recordGroup)
            )
        }
    }

    /// What a block's files are made from: its articles as the index reads them, and its
    /// postings files (the part that depends on every article of the block).
    struct PreparedBlock: Sendable {
        let index: Int
        let texts: [SearchableArticle]
        let postings: [(path: String, bytes: [UInt8])]
    }

    /// `parallel`: spread the block's own work over the cores (when it is the only block to make).
    func prepare(_ index: Int, parallel: Bool) -> PreparedBlock {
        let range = blocks[index].articles
        var texts =
            parallel
            ? parallelMap(Array(range)) { SearchableArticle(archive.articles[$0]) }
            : range.map { SearchableArticle(archive.articles[$0]) }
        let occurrences = Occurrences(of: texts)
        // The records need the texts, not their code points (as many again in memory as the
        // occurrences, and this runs on every core at once): let go before the postings are made.
        for number in texts.indices { texts[number].dropFields() }
        return PreparedBlock(
            index: index, texts: texts, postings: postingFiles(block: blocks[index], occurrences: occurrences))
    }

    /// One block's postings files and the record files `makeRecords` asks for (by their place in
    /// `recordFiles`), in a stable order. They depend only on the block's own articles, so an
    /// incremental build makes again only the blocks whose articles changed, and of those only the
    /// record files whose articles changed; blocks are made one per core at a time, so memory holds
    /// a few blocks' text and index, not the archive's.
    func blockFiles(_ index: Int, parallel: Bool, makeRecords wanted: (Int) -> Bool = { _ in true }) -> [(
        path: String, bytes: [UInt8]
    )] {
        blockFiles(prepare(index, parallel: parallel), parallel: parallel, makeRecords: wanted)
    }

    func blockFiles(_ prepared: PreparedBlock, parallel: Bool, makeRecords wanted: (Int) -> Bool) -> [(
        path: String, bytes: [UInt8]
    )] {
        let texts = prepared.texts
        let start = blocks[prepared.index].articles.lowerBound
        let files = recordFiles(prepared.index).enumerated().filter { wanted($0.offset) }.map(\.element)
        let record: @Sendable ((path: String, articles: Range<Int>)) -> (path: String, bytes: [UInt8]) = { file in
            var json: [UInt8] = [UInt8(ascii: "[")]
            for number in file.articles {
                if number > file.articles.lowerBound { json.append(UInt8(ascii: ",")) }
                appendRecord(number, text: texts[number - start], to: &json)
            }
            json.append(UInt8(ascii: "]"))
            return (file.path, Self.recordFile(json: json))
        }
        return prepared.postings + (parallel ? parallelMap(files, record) : files.map(record))
    }
}

extension SearchIndexWriter {
    /// `sitegen search-index`: loads Content and writes only `search/` into `output` (for
    /// measuring the index step alone; `sitegen build` writes the same files along with the pages).
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
            // A block's files share two folders: each is made once.
            for parent in Set(files.map { folder.appendingPathComponent($0.path).deletingLastPathComponent() }) {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            }
            for file in files {
                try file.bytes.withUnsafeBufferPointer {
                    try FileIO.replace(with: $0, at: folder.appendingPathComponent(file.path).path)
                }
            }
        }
        try save([(SearchIndexLayout.manifest, Array(manifest().utf8))])
        let written = parallelMap(Array(blocks.indices)) { block -> Result<Int, Error> in
            let files = blockFiles(block, parallel: blocks.count == 1)
            return Result {
                try save(files)
                return files.count
            }
        }
        return try written.reduce(1) { try $0 + $1.get() }
    }
}
