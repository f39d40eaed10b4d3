import Foundation

/// Answers a query from the files of a built site's `search/` folder, exactly as search.js does in
/// the browser (same steps, same names), so tests and benchmarks exercise what readers download.
///
/// A query reads the positions of each of its code points: an article matches at position p
/// exactly when each one occurs at p + its offset in the query (best-first order ranks title
/// matches first, then the number of occurrences). Blocks are read newest first; with a byte
/// budget the search stops before a block that would exceed it, and says the result is not
/// complete.
public struct SearchQuery: Sendable {
    public struct Filters: Sendable {
        /// "2018-07": articles from this month on / up to this month.
        public var from: String?
        public var to: String?
        public var pageName: String?
        public var author: String?

        public init(from: String? = nil, to: String? = nil, pageName: String? = nil, author: String? = nil) {
            self.from = from
            self.to = to
            self.pageName = pageName
            self.author = author
        }
    }

    public struct Match: Sendable, Equatable {
        /// Position in the archive's reading order (`Archive.articles`).
        public let article: Int
        public let occurrences: Int
        public let inTitle: Bool
    }

    public struct Outcome: Sendable {
        /// Newest first.
        public var matches: [Match] = []
        /// False when the byte budget stopped the search before the oldest block.
        public var complete = true
        public var bytesRead = 0
        public var filesRead = 0
        /// Record files read to check the candidates of a long phrase (the browser keeps them for
        /// the result list).
        public var recordFilesRead: Set<String> = []
    }

    public enum Order: String, Sendable {
        case newest = "new"
        case best
    }

    let site: URL
    let manifest: SearchIndexWriter.Manifest

    /// `site` is the built site's root folder (Public/).
    public init(site: URL) throws {
        self.site = site
        let path = site.appendingPathComponent(SearchIndexLayout.manifest)
        guard let data = FileManager.default.contents(atPath: path.path),
            let manifest = try? JSONDecoder().decode(SearchIndexWriter.Manifest.self, from: data)
        else {
            throw SitegenError(path: path.path, "is missing or not a search manifest", fix: "run `sitegen build` first")
        }
        self.manifest = manifest
    }

    public var articleCount: Int { manifest.articles }

    public func run(_ query: String, filters: Filters = Filters(), budget: Int? = nil) -> Outcome {
        var outcome = Outcome()
        let text = SearchText.normalized(query)
        guard !text.isEmpty else { return outcome }
        let (low, high) = articleRange(filters)
        guard low < high else { return outcome }
        let plan = Self.plan(text)
        let authors = (filters.author ?? "").split(whereSeparator: { $0.isWhitespace }).map {
            SearchIndexLayout.Key.author(String($0))
        }
        let pageName = filters.pageName.flatMap { $0.isEmpty ? nil : SearchIndexLayout.Key.pageName($0) }
        var lastCost = 0
        for block in stride(from: self.block(of: high - 1), through: self.block(of: low), by: -1) {
            if let budget, outcome.filesRead > 0, outcome.bytesRead + lastCost > budget {
                outcome.complete = false
                break
            }
            let before = outcome.bytesRead
            var reader = BlockReader(query: self, block: block)
            var matches = searchBlock(plan, text, &reader)
            if let pageName { matches = restrict(matches, to: [pageName], &reader) }
            if !authors.isEmpty { matches = restrict(matches, to: authors, &reader) }
            outcome.matches += matches.filter { $0.article >= low && $0.article < high }.reversed()
            outcome.bytesRead += reader.bytesRead
            outcome.filesRead += reader.filesRead
            outcome.recordFilesRead.formUnion(reader.recordFilesRead)
            lastCost = outcome.bytesRead - before
        }
        return outcome
    }

    public static func sorted(_ matches: [Match], by order: Order) -> [Match] {
        switch order {
        case .newest: return matches.sorted { $0.article > $1.article }
        case .best:
            return matches.sorted {
                if $0.inTitle != $1.inTitle { return $0.inTitle }
                if $0.occurrences != $1.occurrences { return $0.occurrences > $1.occurrences }
                return $0.article > $1.article
            }
        }
    }

    /// What a browser downloads to show the first results page of `outcome`: the manifest, the
    /// postings read, and the record files of the first `pageSize` results in `order`.
    public func firstPageBytes(_ outcome: Outcome, order: Order, pageSize: Int = 10) -> Int {
        func size(_ path: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: site.appendingPathComponent(path).path))?[.size] as? Int)
                ?? 0
        }
        let files = Set(Self.sorted(outcome.matches, by: order).prefix(pageSize).map { recordFile(of: $0.article) })
            .subtracting(outcome.recordFilesRead)
        return size(SearchIndexLayout.manifest) + outcome.bytesRead + files.reduce(0) { $0 + size($1) }
    }

    /// One article's record, as a result list shows it.
    public func record(_ article: Int) -> (path: String, title: String, date: String, page: String)? {
        var reader = BlockReader(query: self, block: block(of: article))
        return reader.record(article).map { ($0.u, $0.t, $0.d, $0.h) }
    }

    func recordFile(of article: Int) -> String { recordLocation(of: article).file }

    /// The record file holding an article's record, and its place in the file's array.
    func recordLocation(of article: Int) -> (file: String, entry: Int) {
        let block = block(of: article)
        let local = article - manifest.blockStarts[block]
        return (
            SearchIndexLayout.records(block: manifest.blocks[block], group: local / manifest.recordGroup),
            local % manifest.recordGroup
        )
    }

    // MARK: Steps

    /// The index of the block holding `article`.
    func block(of article: Int) -> Int {
        var low = 0
        var high = manifest.blockStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if manifest.blockStarts[middle] <= article { low = middle } else { high = middle }
        }
        return low
    }

    /// The number of articles in a block.
    func size(ofBlock block: Int) -> Int {
        (block + 1 < manifest.blockStarts.count ? manifest.blockStarts[block + 1] : manifest.articles)
            - manifest.blockStarts[block]
    }

    /// The keys to read and the offset each must occur at: every code point of the query.
    static func plan(_ text: [UInt32]) -> [(key: String, offset: Int)] {
        text.enumerated().map { (SearchIndexLayout.Key.character($0.element), $0.offset) }
    }

    /// The most distinct characters a query reads first, so that a pasted sentence costs no more
    /// than a short phrase: a longer phrase reads the first and last characters that make up this
    /// many, and when the articles they put in place fit in `maxRecordFiles` record files (which
    /// the result list reads anyway) each is checked against its record's text. Otherwise the
    /// block's other characters are read after all: cheaper than many records.
    static let maxCharacters = 12
    static let maxRecordFiles = 8

    /// The steps of `plan` whose characters are read from the index.
    static func anchors(_ plan: [(key: String, offset: Int)]) -> [(key: String, offset: Int)] {
        var chosen: [String] = []
        for step in plan where chosen.count < maxCharacters / 2 && !chosen.contains(step.key) {
            chosen.append(step.key)
        }
        for step in plan.reversed() where chosen.count < maxCharacters && !chosen.contains(step.key) {
            chosen.append(step.key)
        }
        return plan.filter { chosen.contains($0.key) }
    }

    /// The articles numbered [low, high) that the date filters allow.
    func articleRange(_ filters: Filters) -> (Int, Int) {
        func start(ofFirstMonthAfter test: (String) -> Bool) -> Int {
            manifest.months.firstIndex(where: test).map { manifest.monthStarts[$0] } ?? manifest.articles
        }
        let low = filters.from.flatMap { $0.isEmpty ? nil : $0 }.map { from in start { $0 >= from } } ?? 0
        let high = filters.to.flatMap { $0.isEmpty ? nil : $0 }.map { to in start { $0 > to } } ?? manifest.articles
        return (low, high)
    }

    private func searchBlock(_ fullPlan: [(key: String, offset: Int)], _ text: [UInt32], _ reader: inout BlockReader)
        -> [Match]
    {
        let plan = Self.anchors(fullPlan)
        guard plan.count < fullPlan.count else { return positionalMatches(plan, &reader) }
        let candidates = positionalMatches(plan, &reader)
        guard Set(candidates.map { recordFile(of: $0.article) }).count <= Self.maxRecordFiles else {
            return positionalMatches(fullPlan, &reader)
        }
        return candidates.compactMap { candidate in
            reader.record(candidate.article).flatMap { Self.occurrences(of: text, in: $0, article: candidate.article) }
        }
    }

    /// The articles where every step's character occurs at the start + its offset.
    private func positionalMatches(_ plan: [(key: String, offset: Int)], _ reader: inout BlockReader) -> [Match] {
        let first = manifest.blockStarts[reader.block]
        let size = size(ofBlock: reader.block)
        var lists: [String: [Int: [Int]]] = [:]
        for key in Set(plan.map(\.key)) {
            guard let entry = reader.entry(key) else { return [] }
            lists[key] = positions(entry, blockSize: size)
        }
        let anchor = lists[plan[0].key]!
        var matches: [Match] = []
        for article in anchor.keys.sorted() {
            let columns = plan.map { lists[$0.key]![article] }
            guard !columns.contains(where: { $0 == nil }) else { continue }
            var occurrences = 0
            var inTitle = false
            for start in columns[0]!
            where plan.indices.allSatisfy({ Self.contains(columns[$0]!, start + plan[$0].offset) }) {
                occurrences += 1
                if start < manifest.titleSpan { inTitle = true }
            }
            if occurrences > 0 {
                matches.append(Match(article: first + article, occurrences: occurrences, inTitle: inTitle))
            }
        }
        return matches
    }

    /// Keeps the matches whose articles are listed under every key.
    private func restrict(_ matches: [Match], to keys: [String], _ reader: inout BlockReader) -> [Match] {
        let first = manifest.blockStarts[reader.block]
        let size = size(ofBlock: reader.block)
        var allowed: Set<Int>?
        for key in keys {
            var listed = Set<Int>()
            if let entry = reader.entry(key) {
                var bits = BitReader(entry)
                let count = bits.gamma() ?? 0
                let k = SearchIndexLayout.articleGapParameter(articles: count, blockSize: size)
                var article = -1
                for _ in 0..<count {
                    guard let gap = bits.rice(k: k) else { break }
                    article += gap + 1
                    listed.insert(first + article)
                }
            }
            allowed = allowed.map { $0.intersection(listed) } ?? listed
        }
        return matches.filter { allowed?.contains($0.article) ?? true }
    }

    /// Decodes `SearchIndexWriter.positional`.
    private func positions(_ entry: VarintReader, blockSize: Int) -> [Int: [Int]] {
        var bits = BitReader(entry)
        var result: [Int: [Int]] = [:]
        guard let count = bits.gamma(), let firstK = bits.bits(4), let gapK = bits.bits(4) else { return result }
        let k = SearchIndexLayout.articleGapParameter(articles: count, blockSize: blockSize)
        var article = -1
        for _ in 0..<count {
            guard let gap = bits.rice(k: k), let occurrences = bits.gamma(), let outside = bits.bit(),
                let firstValue = bits.rice(k: firstK)
            else { break }
            article += gap + 1
            var position = outside ? firstValue + SearchIndexLayout.titleSpan : firstValue
            var list = [position]
            list.reserveCapacity(occurrences)
            for _ in 1..<occurrences {
                guard let step = bits.rice(k: gapK) else { break }
                position += step
                list.append(position)
            }
            result[article] = list
        }
        return result
    }

    /// The phrase's occurrences in a record's text, field by field, as the index would count them.
    static func occurrences(of text: [UInt32], in record: SearchIndexWriter.ArticleRecord, article: Int) -> Match? {
        let fields = [record.t] + [record.k, record.s].compactMap { $0 } + record.a + record.b
        var occurrences = 0
        var inTitle = false
        for (index, field) in fields.enumerated() {
            let folded = SearchText.normalized(field)
            guard folded.count >= text.count else { continue }
            for start in 0...(folded.count - text.count) where folded[start..<(start + text.count)].elementsEqual(text)
            {
                occurrences += 1
                if index == 0 { inTitle = true }
            }
        }
        return occurrences > 0 ? Match(article: article, occurrences: occurrences, inTitle: inTitle) : nil
    }

    private static func contains(_ sorted: [Int], _ value: Int) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }
}

/// The postings files of one block, found through its key directory, each read and inflated at
/// most once.
struct BlockReader {
    let query: SearchQuery
    let block: Int
    var bytesRead = 0
    var filesRead = 0
    /// The first key of each postings file, once read.
    private var directory: [SearchIndexLayout.KeyHead]?
    private var files: [Int: [UInt8]] = [:]

    init(query: SearchQuery, block: Int) {
        self.query = query
        self.block = block
    }

    private mutating func read(_ path: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: query.site.appendingPathComponent(path).path) else {
            return []
        }
        bytesRead += data.count
        filesRead += 1
        return Deflate.decompress(Array(data)) ?? []
    }

    /// Record files read, by path, and their records.
    private(set) var recordFilesRead: Set<String> = []
    private var records: [String: [SearchIndexWriter.ArticleRecord]] = [:]

    /// The record of `article` (one of this block's), its file read at most once.
    mutating func record(_ article: Int) -> SearchIndexWriter.ArticleRecord? {
        let (path, entry) = query.recordLocation(of: article)
        if records[path] == nil {
            recordFilesRead.insert(path)
            records[path] =
                (try? JSONDecoder().decode(
                    [SearchIndexWriter.ArticleRecord].self, from: Data(SearchIndexWriter.recordJSON(read(path))))) ?? []
        }
        return records[path]!.indices.contains(entry) ? records[path]![entry] : nil
    }

    /// The key's postings, nil when the block has none.
    mutating func entry(_ key: String) -> VarintReader? {
        let name = query.manifest.blocks[block]
        if directory == nil {
            var reader = VarintReader(read(SearchIndexLayout.keys(block: name)))
            var previous: UInt32 = 0
            var firsts: [SearchIndexLayout.KeyHead] = []
            for _ in 0..<(reader.next() ?? 0) {
                guard let head = SearchIndexLayout.KeyHead.read(&reader, previous: &previous) else { break }
                firsts.append(head)
            }
            directory = firsts
        }
        // The last file whose first key is not after the wanted one.
        let wanted = SearchIndexLayout.KeyHead(key)
        var low = 0
        var high = directory!.count
        while low < high {
            let middle = (low + high) / 2
            if wanted.precedes(directory![middle]) { high = middle } else { low = middle + 1 }
        }
        guard low > 0 else { return nil }
        let number = low - 1
        if files[number] == nil { files[number] = read(SearchIndexLayout.postings(block: name, file: number)) }
        let bytes = files[number]!
        var reader = VarintReader(bytes)
        var previous: UInt32 = 0
        for _ in 0..<(reader.next() ?? 0) {
            guard let head = SearchIndexLayout.KeyHead.read(&reader, previous: &previous),
                let dataLength = reader.next(), reader.offset + dataLength <= bytes.count
            else { return nil }
            if head == wanted {
                return VarintReader(bytes, from: reader.offset, to: reader.offset + dataLength)
            }
            reader.offset += dataLength
        }
        return nil
    }
}
