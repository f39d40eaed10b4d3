import Foundation

/// Writes the reader search's index (`Public/search/`, see `SearchIndexLayout`) from the archive
/// model. Every file's bytes depend only on the archive, and a file whose bytes are those of the
/// published site's copy is hard-linked from it rather than written again.
struct SearchIndexWriter {
    let archive: Archive
    var blockSize = SearchIndexLayout.blockSize

    struct Outcome {
        var written = 0
        var unchanged = 0
    }

    /// Writes into `output.staging`; with `reusingPrevious`, unchanged files come from `output.destination`.
    func write(into output: OutputDirectory, reusingPrevious: Bool = true) throws -> Outcome {
        let files = self.files()
        try output.createDirectories(for: files.lazy.map(\.path))
        let results = parallelMap(files) { file -> Result<Bool, SitegenError> in
            do {
                if reusingPrevious, Self.sameBytes(file.bytes, at: output.destination.path + "/" + file.path),
                   (try? FileIO.linkTree(from: output.destination.appendingPathComponent(file.path),
                                         to: output.staging.appendingPathComponent(file.path))) != nil {
                    return .success(false)
                }
                try file.bytes.withUnsafeBufferPointer { try FileIO.write($0, to: output.staging.path + "/" + file.path) }
                return .success(true)
            } catch {
                return .failure(error as? SitegenError ?? SitegenError(path: file.path, "\(error)"))
            }
        }
        var outcome = Outcome()
        for result in results {
            switch result {
            case .success(true): outcome.written += 1
            case .success(false): outcome.unchanged += 1
            case .failure(let error): throw error
            }
        }
        return outcome
    }

    /// Every file of the index with its bytes, in a stable order.
    func files() -> [(path: String, bytes: [UInt8])] {
        let count = archive.articles.count
        let blocks = (count + blockSize - 1) / blockSize
        var files = [(path: SearchIndexLayout.manifest, bytes: Array(manifest().utf8))]
        files += parallelMap(Array(0..<blocks), postingFiles).flatMap { $0 }
        files += parallelMap(Array(0..<count)) { (path: SearchIndexLayout.article($0), bytes: Deflate.compress(articleRecord($0))) }
        return files
    }

    // MARK: Postings

    /// One block's postings, bucket by bucket.
    private func postingFiles(block: Int) -> [(path: String, bytes: [UInt8])] {
        let first = block * blockSize
        let range = first..<min(archive.articles.count, first + blockSize)
        var bigrams: [UInt64: [UInt32]] = [:]    // key → (local article, position) pairs
        var unigrams: [UInt32: [UInt32]] = [:]   // key → (local article, inTitle) pairs
        var facets: [String: [UInt32]] = [:]     // key → local articles
        for number in range {
            let local = UInt32(number - first)
            let article = archive.articles[number]
            var inTitle: [UInt32: UInt32] = [:]
            for field in SearchableArticle(article).fields {
                let titleBit: UInt32 = field.start == 0 ? 1 : 0
                for (offset, value) in field.text.enumerated() {
                    inTitle[value, default: 0] |= titleBit
                    if offset + 1 < field.text.count {
                        let key = UInt64(value) << 32 | UInt64(field.text[offset + 1])
                        bigrams[key, default: []].append(local)
                        bigrams[key]!.append(UInt32(field.start + offset))
                    }
                }
            }
            for (value, flag) in inTitle {
                unigrams[value, default: []].append(contentsOf: [local, flag])
            }
            let location = archive.locations[number]
            if let name = archive.issues[location.issue].pages[location.page].name, !name.isEmpty {
                facets[SearchIndexLayout.Key.pageName(name), default: []].append(local)
            }
            for name in Set(article.authors.flatMap { $0.split(whereSeparator: { $0.isWhitespace }) }) {
                facets[SearchIndexLayout.Key.author(String(name)), default: []].append(local)
            }
        }

        var entries: [[(key: [UInt8], data: [UInt8])]] = Array(repeating: [], count: SearchIndexLayout.buckets)
        func add(_ key: String, _ data: [UInt8]) {
            entries[SearchIndexLayout.bucket(of: key)].append((Array(key.utf8), data))
        }
        for (key, pairs) in bigrams {
            add(SearchIndexLayout.Key.bigram(UInt32(key >> 32), UInt32(key & 0xFFFF_FFFF)), positional(pairs))
        }
        for (key, pairs) in unigrams {
            add(SearchIndexLayout.Key.unigram(key), articleFlags(pairs))
        }
        for (key, articles) in facets {
            var writer = articleWriter(count: articles.count)
            appendArticles(articles, to: &writer)
            add(key, writer.bytes)
        }
        return entries.enumerated().compactMap { bucket, items in
            guard !items.isEmpty else { return nil }
            var writer = VarintWriter()
            writer.append(items.count)
            for item in items.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                writer.append(bytes: item.key)
                writer.append(bytes: item.data)
            }
            return (SearchIndexLayout.postings(block: block, bucket: bucket), Deflate.compress(writer.bytes))
        }
    }

    /// Bits: `gamma(articles)`, 4-bit Rice parameters for first positions and for position gaps,
    /// then per article `rice(gap − 1)`, `gamma(count)`, the first position (a bit telling title or
    /// not, then `rice(position)`, counted from `titleSpan` outside the title) and `rice(gap)`s.
    func positional(_ pairs: [UInt32]) -> [UInt8] {
        var groups: [(article: UInt32, range: Range<Int>)] = []
        var firstTotal = 0, gapTotal = 0, gapCount = 0
        var index = 0
        while index < pairs.count {
            var end = index
            while end < pairs.count, pairs[end] == pairs[index] { end += 2 }
            groups.append((pairs[index], index..<end))
            firstTotal += Self.firstPositionValue(Int(pairs[index + 1]))
            gapTotal += Int(pairs[end - 1]) - Int(pairs[index + 1])
            gapCount += (end - index) / 2 - 1
            index = end
        }
        let firstK = BitWriter.riceParameter(total: firstTotal, count: groups.count)
        let gapK = BitWriter.riceParameter(total: gapTotal, count: gapCount)
        var writer = articleWriter(count: groups.count)
        writer.bits(firstK, count: 4)
        writer.bits(gapK, count: 4)
        let articleK = SearchIndexLayout.articleGapParameter(articles: groups.count, blockSize: blockSize)
        var previous = -1
        for group in groups {
            writer.rice(Int(group.article) - previous - 1, k: articleK)
            previous = Int(group.article)
            writer.gamma(group.range.count / 2)
            let first = Int(pairs[group.range.lowerBound + 1])
            writer.bit(first >= SearchIndexLayout.titleSpan)
            writer.rice(Self.firstPositionValue(first), k: firstK)
            var last = first
            for pair in stride(from: group.range.lowerBound + 2, to: group.range.upperBound, by: 2) {
                writer.rice(Int(pairs[pair + 1]) - last, k: gapK)
                last = Int(pairs[pair + 1])
            }
        }
        return writer.bytes
    }

    static func firstPositionValue(_ position: Int) -> Int {
        position >= SearchIndexLayout.titleSpan ? position - SearchIndexLayout.titleSpan : position
    }

    /// Bits: `gamma(articles)`, then per article `rice(gap − 1)` and one bit: in the title.
    func articleFlags(_ pairs: [UInt32]) -> [UInt8] {
        var writer = articleWriter(count: pairs.count / 2)
        let k = SearchIndexLayout.articleGapParameter(articles: pairs.count / 2, blockSize: blockSize)
        var previous = -1
        for pair in stride(from: 0, to: pairs.count, by: 2) {
            writer.rice(Int(pairs[pair]) - previous - 1, k: k)
            writer.bit(pairs[pair + 1] & 1 == 1)
            previous = Int(pairs[pair])
        }
        return writer.bytes
    }

    private func articleWriter(count: Int) -> BitWriter {
        var writer = BitWriter()
        writer.gamma(count)
        return writer
    }

    /// Bits: per article `rice(gap − 1)` (after `gamma(articles)`).
    private func appendArticles(_ articles: [UInt32], to writer: inout BitWriter) {
        let k = SearchIndexLayout.articleGapParameter(articles: articles.count, blockSize: blockSize)
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
        var blockSize: Int
        var buckets: Int
        var titleSpan: Int
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
                                blockSize: blockSize, buckets: SearchIndexLayout.buckets,
                                titleSpan: SearchIndexLayout.titleSpan, months: months, monthStarts: monthStarts,
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

    private func articleRecord(_ number: Int) -> [UInt8] {
        let article = archive.articles[number]
        let location = archive.locations[number]
        let text = SearchableArticle(article)
        let record = ArticleRecord(u: Paths.article(article.slot), t: text.title, k: text.kicker, s: text.subtitle,
                                   a: text.authors, d: article.date.iso,
                                   h: archive.issues[location.issue].pages[location.page].heading, b: text.body)
        return Array(Self.json(record).utf8)
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    private static func sameBytes(_ bytes: [UInt8], at path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return bytes.isEmpty }
        return data.count == bytes.count && data.elementsEqual(bytes)
    }
}
