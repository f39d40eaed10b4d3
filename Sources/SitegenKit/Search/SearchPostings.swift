/// One block's postings (`SearchIndexLayout`: bucket files of key heads and bit-coded postings).
extension SearchIndexWriter {
    private static func keyBytes(_ character: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        appendUTF8(character, to: &bytes)
        return bytes
    }

    private static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        bytes.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// One block's postings, bucket by bucket. Occurrences are counted per character first and
    /// then laid out character after character in two flat arrays (a counting sort), so no
    /// per-character arrays are made.
    func postingFiles(block: Block, texts: [SearchableArticle]) -> [(path: String, bytes: [UInt8])] {
        let range = block.articles
        let first = range.lowerBound
        let size = range.count
        var table = KeyTable(expected: 4096)
        var counts: [Int] = []
        var sequence: [Int32] = []  // key of every occurrence, in the order of the second pass
        sequence.reserveCapacity(texts.reduce(0) { $0 + $1.length })
        for text in texts {
            for field in text.fields {
                for value in field.text {
                    let (id, new) = table.id(of: UInt64(value))
                    if new { counts.append(0) }
                    sequence.append(id)
                    counts[Int(id)] += 1
                }
            }
        }
        let keys = table.keys
        var starts = [Int](repeating: 0, count: keys.count + 1)
        for index in keys.indices { starts[index + 1] = starts[index] + counts[index] }
        var cursor = Array(starts.dropLast())
        var articles = [UInt32](repeating: 0, count: starts[keys.count])
        var positions = [UInt32](repeating: 0, count: starts[keys.count])
        var next = 0
        for (local, text) in texts.enumerated() {
            for field in text.fields {
                for offset in field.text.indices {
                    let key = Int(sequence[next])
                    next += 1
                    articles[cursor[key]] = UInt32(local)
                    positions[cursor[key]] = UInt32(field.start + offset)
                    cursor[key] += 1
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

        // Entries in a deterministic order: the filters' keys by name, then characters by code
        // point, each appended to its bucket's bytes as it is encoded (key heads as
        // `SearchIndexLayout.KeyHead` describes).
        var buckets = [VarintWriter](repeating: VarintWriter(), count: block.buckets)
        var entries = [Int](repeating: 0, count: block.buckets)
        var previous = [UInt32](repeating: 0, count: block.buckets)  // the last character key written
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
        var order = keys.indices.map { (key: keys[$0], index: $0) }
        order.sort { $0.key < $1.key }
        for (key, index) in order {
            let character = UInt32(key)
            let slice = starts[index]..<starts[index + 1]
            positional(articles[slice], positions[slice], of: size, into: &data)
            let bucket = SearchIndexLayout.bucket(of: Self.keyBytes(character), buckets: block.buckets)
            entries[bucket] += 1
            buckets[bucket].append(Int(character - previous[bucket]) + 1)
            previous[bucket] = character
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
