/// One block's postings (`SearchIndexLayout`: bucket files of key heads and bit-coded postings).
extension SearchIndexWriter {
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
    func postingFiles(block: Block, texts: [SearchableArticle]) -> [(path: String, bytes: [UInt8])] {
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
        var order = keys.indices.map { (key: keys[$0], index: $0) }
        order.sort { $0.key < $1.key }
        for (key, index) in order {
            let first = UInt32(key >> 22), bigram = key & (1 << 21) != 0
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
}
