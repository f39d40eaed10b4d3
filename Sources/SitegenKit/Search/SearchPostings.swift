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
        /// The characters, ascending.
        let keys: [UInt64]
        /// Where each character's occurrences start in `articles` and `positions` (one more than keys).
        let starts: [Int]
        let articles: [UInt32]
        let positions: [UInt32]

        /// Two passes over the block's characters, each a direct index per character of the Basic
        /// Multilingual Plane (nearly all of any text) into a table of 65,536 counts, which then
        /// become each character's next place: no lookup of a key's number, twice per character of
        /// the archive. The few characters beyond it go through a dictionary.
        init(of texts: [SearchableArticle]) {
            var cursor = [Int](repeating: 0, count: Self.direct)
            var others: [UInt32: Int] = [:]
            cursor.withUnsafeMutableBufferPointer { counts in
                Self.forEach(texts) { _, _, value in
                    if value < Self.direct { counts[Int(value)] += 1 } else { others[value, default: 0] += 1 }
                }
            }
            // Keys ascending; each count becomes the key's first place.
            var keys: [UInt64] = []
            var starts = [0]
            func place(_ value: Int, count: Int) -> Int {
                keys.append(UInt64(value))
                starts.append(starts[starts.count - 1] + count)
                return starts[starts.count - 2]
            }
            for value in 0..<Self.direct where cursor[value] > 0 { cursor[value] = place(value, count: cursor[value]) }
            for value in others.keys.sorted() { others[value] = place(Int(value), count: others[value]!) }
            var articles = [UInt32](repeating: 0, count: starts[keys.count])
            var positions = [UInt32](repeating: 0, count: starts[keys.count])
            Self.layOut(texts, cursor: &cursor, others: &others, articles: &articles, positions: &positions)
            self.keys = keys
            self.starts = starts
            self.articles = articles
            self.positions = positions
        }

        /// Code points below this are counted and placed by direct index.
        private static let direct = 0x10000

        /// `use(article, position, value)` for every character of every field, in order.
        @inline(__always)
        private static func forEach(_ texts: [SearchableArticle], _ use: (UInt32, UInt32, UInt32) -> Void) {
            for (local, text) in texts.enumerated() {
                for field in text.fields {
                    field.text.withUnsafeBufferPointer { values in
                        for (offset, value) in values.enumerated() {
                            use(UInt32(local), UInt32(field.start + offset), value)
                        }
                    }
                }
            }
        }

        /// Once per occurrence: through buffer pointers, without a bounds check each.
        private static func layOut(
            _ texts: [SearchableArticle], cursor: inout [Int], others: inout [UInt32: Int],
            articles: inout [UInt32], positions: inout [UInt32]
        ) {
            articles.withUnsafeMutableBufferPointer { articles in
                positions.withUnsafeMutableBufferPointer { positions in
                    cursor.withUnsafeMutableBufferPointer { cursor in
                        forEach(texts) { local, position, value in
                            let at: Int
                            if value < direct {
                                at = cursor[Int(value)]
                                cursor[Int(value)] = at + 1
                            } else {
                                at = others[value]!
                                others[value] = at + 1
                            }
                            articles[at] = local
                            positions[at] = position
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
        let starts = occurrences.starts
        for (index, key) in occurrences.keys.enumerated() {  // ascending, as `KeyHead.precedes` wants
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
