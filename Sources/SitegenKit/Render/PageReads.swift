/// Each page's values digest (what its templates read of it, `TemplateSet.values`) and the issues
/// whose contents it read (`IssueReadLog`), in the order of the site's pages (`SiteRenderer.pages`).
/// A build saves it with its state; the next one takes a page's values digest from here unless
/// the page read an issue that holds an article read again from its file, or its template now
/// reads other values, and makes the others' again. The page's fingerprint is its values digest
/// with its templates' text (`TemplateSet.fingerprint(of:values:)`), so a template edit that
/// changes markup and no name re-renders its pages without walking their values again, and an
/// edit fingerprints the pages that show the edited issue, not all twenty thousand.
///
/// Pages are found again by their paths (`paths`, digests), so an article added to an issue or
/// taken from it leaves the other issues' pages as they were: the issue's shape changes (its
/// pages and their articles' places, `issueShapes`), and so do the pages that read it.
///
/// It holds only for the same `layout`: the inputs other than the articles' files and the
/// templates (`InputDigest.Digests.layout`: site settings, listings, media) and the list of
/// issues, which fix every date and neighbouring issue the archive-layout accessors of
/// `RenderModel` answer without noting.
struct PageReads: Sendable, Equatable {
    let layout: UInt64
    /// Page template → the shape of what it read (`TemplateSet.readsDigest`).
    let shapes: [String: UInt64]
    /// Per issue, the digest of its pages and their articles' places (`SiteRenderer.issueShapes`).
    let issueShapes: [UInt64]
    let articleCount: Int
    /// Per page, the digest of its path.
    let paths: [UInt64]
    let values: [UInt64]
    /// Page `p` read `issues[starts[p]..<starts[p + 1]]`, sorted.
    let starts: [Int32]
    let issues: [Int32]

    static let none = PageReads(
        layout: 0, shapes: [:], issueShapes: [], articleCount: 0, paths: [], values: [], starts: [0], issues: [])

    /// The digest of `inputs` and the list of issues that `layout` is.
    static func layout(inputs: UInt64, issues: [IssueDate]) -> UInt64 {
        StableHash.of { hash in
            hash.combine(inputs)
            hash.combine(issues.count)
            for date in issues { hash.combine(IssueDate.word(date)) }
        }
    }

    static func pathDigest(_ path: String) -> UInt64 { StableHash.of { $0.combineWords(path) } }

    func issuesRead(by page: Int) -> ArraySlice<Int32> { issues[Int(starts[page])..<Int(starts[page + 1])] }

    func write(to writer: inout BinaryWriter) {
        writer.write(layout)
        writer.write(shapes.count)
        for (name, shape) in shapes.sorted(by: { $0.key < $1.key }) {
            writer.write(name)
            writer.write(shape)
        }
        writer.write(numbers: issueShapes)
        writer.write(articleCount)
        writer.write(numbers: paths)
        writer.write(numbers: values)
        writer.write(numbers: starts)
        writer.write(numbers: issues)
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Damaged) -> PageReads {
        let layout = try reader.readUInt64()
        let count = try reader.readInt()
        guard count >= 0, count <= reader.remaining else { throw BinaryReader.Damaged() }
        var shapes: [String: UInt64] = [:]
        for _ in 0..<count { shapes[try reader.readString()] = try reader.readUInt64() }
        let reads = PageReads(
            layout: layout, shapes: shapes, issueShapes: try reader.readNumbers(UInt64.self),
            articleCount: try reader.readInt(), paths: try reader.readNumbers(UInt64.self),
            values: try reader.readNumbers(UInt64.self), starts: try reader.readNumbers(Int32.self),
            issues: try reader.readNumbers(Int32.self))
        // Damage reads as none saved, never as a wrong range.
        guard reads.paths.count == reads.values.count, reads.starts.count == reads.values.count + 1,
            reads.starts.first == 0,
            reads.starts.last.map(Int.init) == reads.issues.count,
            zip(reads.starts, reads.starts.dropFirst()).allSatisfy(<=)
        else { throw BinaryReader.Damaged() }
        return reads
    }
}

extension PageReads {
    /// Made page by page, or taken over from an earlier build's for the pages that kept theirs.
    struct Builder {
        private(set) var values: [UInt64] = []
        private(set) var starts: [Int32] = [0]
        private(set) var issues: [Int32] = []

        init(capacity: Int) {
            values.reserveCapacity(capacity)
            starts.reserveCapacity(capacity + 1)
            issues.reserveCapacity(capacity * 2)
        }

        mutating func add(_ value: UInt64, reading read: some Collection<Int32>) {
            values.append(value)
            issues.append(contentsOf: read)
            starts.append(Int32(issues.count))
        }

        func issuesRead(_ page: Int) -> ArraySlice<Int32> { issues[Int(starts[page])..<Int(starts[page + 1])] }

        func reads(_ frame: Frame) -> PageReads {
            PageReads(
                layout: frame.layout, shapes: frame.shapes, issueShapes: frame.issueShapes,
                articleCount: frame.articleCount, paths: frame.paths, values: values, starts: starts, issues: issues)
        }
    }

    /// What a build's page reads hold for: everything but the pages' values and issues read.
    struct Frame {
        let layout: UInt64
        let shapes: [String: UInt64]
        let issueShapes: [UInt64]
        let articleCount: Int
        let paths: [UInt64]
    }
}

extension SiteRenderer {
    /// The pages' fingerprints and reads, and how many pages' values were made (not taken).
    struct Fingerprints {
        let reads: PageReads
        let fingerprints: [UInt64]
        let made: Int
    }

    /// The pages' fingerprints, with the values digests and issues read they are made from. A
    /// page's values are taken from `earlier` when it holds for the same `layout`, the page was
    /// there (by path), its template reads what it read then, and it read no issue that changed:
    /// one of `changedIssues`, or one whose shape changed, or the whole archive when the number of
    /// articles did (nil `changedIssues`: every article may have changed, none is taken).
    func pageReads(
        _ pages: [(path: String, kind: PageKind)], layout: UInt64, earlier: PageReads?, changedIssues: Set<Int32>?
    ) -> Fingerprints {
        let frame = PageReads.Frame(
            layout: layout,
            shapes: Dictionary(
                PageKind.templates.map { ($0.name, templates.readsDigest(of: $0.name)) },
                uniquingKeysWith: { first, _ in first }),
            issueShapes: issueShapes(), articleCount: archive.articles.count,
            paths: pages.map { PageReads.pathDigest($0.path) })
        let sources = earlierPages(pages, frame, earlier: earlier, changedIssues: changedIssues)
        let stale = pages.indices.filter { sources[$0] == nil }
        let remade = made(stale, of: pages)
        let reads =
            stale.count == pages.count
            ? remade.reads(frame) : merged(remade, sources: sources, earlier: earlier, frame: frame)
        return Fingerprints(reads: reads, fingerprints: fingerprints(pages, values: reads.values), made: stale.count)
    }

    /// For each page, where `earlier` holds its values, if they still hold (nil: walk it again).
    private func earlierPages(
        _ pages: [(path: String, kind: PageKind)], _ frame: PageReads.Frame, earlier: PageReads?,
        changedIssues: Set<Int32>?
    ) -> [Int?] {
        guard let earlier, var changed = changedIssues, earlier.layout == frame.layout,
            earlier.issueShapes.count == frame.issueShapes.count
        else { return Array(repeating: nil, count: pages.count) }
        for issue in frame.issueShapes.indices where frame.issueShapes[issue] != earlier.issueShapes[issue] {
            changed.insert(Int32(issue))
        }
        if frame.articleCount != earlier.articleCount { changed.insert(IssueReadLog.wholeArchive) }
        let kept = Set(frame.shapes.filter { earlier.shapes[$0.key] == $0.value }.keys)
        let places = Dictionary(earlier.paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return pages.indices.map { page in
            guard let place = places[frame.paths[page]], kept.contains(pages[page].kind.template),
                !earlier.issuesRead(by: place).contains(where: { changed.contains($0) })
            else { return nil }
            return place
        }
    }

    /// Per issue, the digest of its pages and their articles' places (their paths).
    private func issueShapes() -> [UInt64] {
        archive.issues.map { issue in
            StableHash.of { hash in
                hash.combine(issue.pages.count)
                for page in issue.pages {
                    hash.combine(page.label.description)
                    hash.combine(page.articleRange.count)
                    for article in page.articleRange { hash.combineWords(model.articlePathsInOrder[article]) }
                }
            }
        }
    }

    /// The pages' values and reads: from `remade` where `sources` has none, else from `earlier`.
    private func merged(
        _ remade: PageReads.Builder, sources: [Int?], earlier: PageReads?, frame: PageReads.Frame
    ) -> PageReads {
        guard let earlier else { return remade.reads(frame) }
        var builder = PageReads.Builder(capacity: sources.count)
        var next = 0  // into `remade`
        for source in sources {
            if let source {
                builder.add(earlier.values[source], reading: earlier.issuesRead(by: source))
            } else {
                builder.add(remade.values[next], reading: remade.issuesRead(next))
                next += 1
            }
        }
        return builder.reads(frame)
    }

    /// Each page's fingerprint: its values digest with its templates' text.
    private func fingerprints(_ pages: [(path: String, kind: PageKind)], values: [UInt64]) -> [UInt64] {
        zip(pages, values).map { templates.fingerprint(of: $0.kind.template, values: $1) }
    }

    /// The values digests of `pages[chosen]`, in runs on every core, each run with a read log.
    private func made(_ chosen: [Int], of pages: [(path: String, kind: PageKind)]) -> PageReads.Builder {
        let runs = parallelRuns(chosen, fewest: 64) { run in
            let log = IssueReadLog()
            let memo = ReadMemo(nodes: templates.planNodes, log: log)
            let site = forOneThread(log: log)
            var builder = PageReads.Builder(capacity: run.count)
            for page in run {
                let values = site.values(pages[page].kind, memo: memo)
                builder.add(values, reading: log.takePage())
            }
            return builder
        }
        var all = PageReads.Builder(capacity: chosen.count)
        for run in runs {
            for page in run.values.indices { all.add(run.values[page], reading: run.issuesRead(page)) }
        }
        return all
    }
}
