/// One block's postings (`SearchIndexLayout`: files of key heads and bit-coded postings, and the
/// block's key directory).
extension SearchIndexWriter {
    /// One block's postings files and key directory.
    func postingFiles(block: Block, occurrences: Occurrences) -> [(path: String, bytes: [UInt8])] {
        let files = packedPostings(occurrences, facets: facets(of: block.articles), articles: block.articles.count)
        var directory = VarintWriter()
        directory.append(files.files.count)
        var previous: UInt32 = 0
        for file in files.files { file.first.write(to: &directory, previous: &previous) }
        // Rice codes leave deflate little to find, so postings are stored: zlib's framing, for the browser.
        return [(SearchIndexLayout.keys(block: block.id), Deflate.compress(directory.bytes))]
            + files.files.enumerated().map { number, file in
                var bytes = VarintWriter()
                bytes.append(file.count)
                bytes.bytes += file.entries.bytes
                return (
                    SearchIndexLayout.postings(block: block.id, file: number), Deflate.compress(bytes.bytes, level: 0)
                )
            }
    }

    /// Every occurrence of every character of a block's texts, grouped by character: the article
    /// (local to the block) and position of each, character after character in two flat arrays.
    /// Occurrences are counted per character first and then laid out (a counting sort), so no
    /// per-character arrays are made.
    struct Occurrences {
        /// The characters, in the order first met.
        let keys: [UInt64]
        /// Where each character's occurrences start in `articles` and `positions` (one more than keys).
        let starts: [Int]
        let articles: [UInt32]
        let positions: [UInt32]

        init(of texts: [SearchableArticle]) {
            var table = KeyTable(expected: 64)
            var counts: [Int] = []
            for text in texts {
                for field in text.fields {
                    for value in field.text {
                        let (id, new) = table.id(of: UInt64(value))
                        if new { counts.append(0) }
                        counts[Int(id)] += 1
                    }
                }
            }
            keys = table.keys
            var starts = [Int](repeating: 0, count: keys.count + 1)
            for index in keys.indices { starts[index + 1] = starts[index] + counts[index] }
            self.starts = starts
            var cursor = Array(starts.dropLast())
            var articles = [UInt32](repeating: 0, count: starts[keys.count])
            var positions = [UInt32](repeating: 0, count: starts[keys.count])
            Self.layOut(texts, table, cursor: &cursor, articles: &articles, positions: &positions)
            self.articles = articles
            self.positions = positions
        }

        /// Once per occurrence: through buffer pointers, without a bounds check each. Each key's
        /// number is looked up again rather than kept from the first pass: a direct lookup costs
        /// less than the four bytes per occurrence of the block would take in memory.
        private static func layOut(
            _ texts: [SearchableArticle], _ table: KeyTable, cursor: inout [Int], articles: inout [UInt32],
            positions: inout [UInt32]
        ) {
            articles.withUnsafeMutableBufferPointer { articles in
                positions.withUnsafeMutableBufferPointer { positions in
                    cursor.withUnsafeMutableBufferPointer { cursor in
                        for (local, text) in texts.enumerated() {
                            for field in text.fields {
                                for (offset, value) in field.text.enumerated() {
                                    let key = Int(table.existingID(of: UInt64(value)))
                                    let at = cursor[key]
                                    articles[at] = UInt32(local)
                                    positions[at] = UInt32(field.start + offset)
                                    cursor[key] = at + 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The block's articles (local numbers) under each filter key: page name (版名) and author.
    func facets(of range: Range<Int>) -> [String: [UInt32]] {
        var facets: [String: [UInt32]] = [:]
        for number in range {
            let local = UInt32(number - range.lowerBound)
            let location = archive.locations[number]
            if let name = archive.issues[location.issue].pages[location.page].name, !name.isEmpty {
                facets[SearchIndexLayout.Key.pageName(name), default: []].append(local)
            }
            for name in Set(archive.articles[number].authors.flatMap { $0.split(whereSeparator: { $0.isWhitespace }) })
            {
                facets[SearchIndexLayout.Key.author(String(name)), default: []].append(local)
            }
        }
        return facets
    }

    /// Entries in the order of `KeyHead.precedes` (filters, then characters), each appended to the
    /// current file as it is encoded; a file is closed when the next entry would take it past
    /// `fileSize`.
    func packedPostings(_ occurrences: Occurrences, facets: [String: [UInt32]], articles size: Int) -> FilePacker {
        var files = FilePacker()
        var data = BitWriter()
        let filterKeys = facets.keys.map { (bytes: Array($0.utf8), key: $0) }.sorted {
            $0.bytes.lexicographicallyPrecedes($1.bytes)
        }
        for (bytes, key) in filterKeys {
            data.gamma(facets[key]!.count)
            appendArticles(facets[key]!, of: size, to: &data)
            files.add(SearchIndexLayout.KeyHead(filter: bytes, character: 0), postings: &data)
        }
        let keys = occurrences.keys
        let starts = occurrences.starts
        var order = keys.indices.map { (key: keys[$0], index: $0) }
        order.sort { $0.key < $1.key }
        for (key, index) in order {
            let slice = starts[index]..<starts[index + 1]
            positional(occurrences.articles[slice], occurrences.positions[slice], of: size, into: &data)
            files.add(SearchIndexLayout.KeyHead(filter: nil, character: UInt32(key)), postings: &data)
        }
        return files
    }

    /// Lays consecutive entries out in files of about `SearchIndexLayout.fileSize` bytes.
    struct FilePacker {
        var files: [(first: SearchIndexLayout.KeyHead, count: Int, entries: VarintWriter)] = []
        /// The last character key written to the current file (heads are deltas from it).
        private var previous: UInt32 = 0

        mutating func add(_ head: SearchIndexLayout.KeyHead, postings: inout BitWriter) {
            if files.isEmpty
                || (files[files.count - 1].entries.bytes.count + postings.byteCount > SearchIndexLayout.fileSize
                    && files[files.count - 1].count > 0)
            {
                files.append((head, 0, VarintWriter()))
                previous = 0
            }
            head.write(to: &files[files.count - 1].entries, previous: &previous)
            postings.finish(appendingTo: &files[files.count - 1].entries)
            files[files.count - 1].count += 1
        }
    }

    /// Bits: `gamma(articles)`, 4-bit Rice parameters for first positions and for position gaps,
    /// then per article `rice(gap − 1)`, `gamma(count)`, the first position (a bit telling title or
    /// not, then `rice(position)`, counted from `titleSpan` outside the title) and `rice(gap)`s.
    /// `articles` holds one entry per occurrence, grouped by article, of a block of `size` articles.
    func positional(
        _ articles: ArraySlice<UInt32>, _ positions: ArraySlice<UInt32>, of size: Int, into writer: inout BitWriter
    ) {
        articles.withUnsafeBufferPointer { articles in
            positions.withUnsafeBufferPointer { positions in
                positional(articles, positions, of: size, into: &writer)
            }
        }
    }

    private func positional(
        _ articles: UnsafeBufferPointer<UInt32>, _ positions: UnsafeBufferPointer<UInt32>, of size: Int,
        into writer: inout BitWriter
    ) {
        func groupEnd(from index: Int) -> Int {
            var end = index
            while end < articles.endIndex, articles[end] == articles[index] { end += 1 }
            return end
        }
        var groups = 0
        var firstTotal = 0
        var gapTotal = 0
        var gapCount = 0
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

    /// Bits: per article `rice(gap − 1)` (after `gamma(articles)`).
    private func appendArticles(_ articles: [UInt32], of size: Int, to writer: inout BitWriter) {
        let k = SearchIndexLayout.articleGapParameter(articles: articles.count, blockSize: size)
        var previous = -1
        for article in articles {
            writer.rice(Int(article) - previous - 1, k: k)
            previous = Int(article)
        }
    }
}
