/// Each page's values digest (what its templates read of it, `TemplateSet.values`) and the issues
/// whose contents it read (`IssueReadLog`), in the order of the site's pages (`SiteRenderer.pages`).
/// A build saves it with its state; the next one takes a page's values digest from here unless
/// the page read an issue that holds an article read again from its file, or its template now
/// reads other values, and makes the others' again. The page's fingerprint is its values digest
/// with its templates' text (`TemplateSet.fingerprint(of:values:)`), so a template edit that
/// changes markup and no name re-renders its pages without walking their values again, and an
/// edit fingerprints the pages that show the edited issue, not all twenty thousand.
///
/// It holds only for the same `layout`: the inputs other than the articles' files and the
/// templates (`InputDigest.Digests.layout`: site settings, listings, media, which articles there
/// are) and the list of pages, which fixes every date, place and neighbour the layout accessors
/// of `RenderModel` answer without noting.
struct PageReads: Sendable, Equatable {
    let layout: UInt64
    /// Page template → the shape of what it read (`TemplateSet.readsDigest`).
    let shapes: [String: UInt64]
    let values: [UInt64]
    /// Page `p` read `issues[starts[p]..<starts[p + 1]]`, sorted.
    let starts: [Int32]
    let issues: [Int32]

    static let none = PageReads(layout: 0, shapes: [:], values: [], starts: [0], issues: [])

    /// The digest of `inputs` and the page list that `layout` is.
    static func layout(inputs: UInt64, pages: [(path: String, kind: PageKind)]) -> UInt64 {
        StableHash.of { hash in
            hash.combine(inputs)
            hash.combine(pages.count)
            for page in pages { hash.combineWords(page.path) }
        }
    }

    func issuesRead(by page: Int) -> ArraySlice<Int32> { issues[Int(starts[page])..<Int(starts[page + 1])] }

    func write(to writer: inout BinaryWriter) {
        writer.write(layout)
        writer.write(shapes.count)
        for (name, shape) in shapes.sorted(by: { $0.key < $1.key }) {
            writer.write(name)
            writer.write(shape)
        }
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
            layout: layout, shapes: shapes, values: try reader.readNumbers(UInt64.self),
            starts: try reader.readNumbers(Int32.self), issues: try reader.readNumbers(Int32.self))
        // Damage reads as none saved, never as a wrong range.
        guard reads.starts.count == reads.values.count + 1, reads.starts.first == 0,
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

        func reads(layout: UInt64, shapes: [String: UInt64]) -> PageReads {
            PageReads(layout: layout, shapes: shapes, values: values, starts: starts, issues: issues)
        }
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
    /// page's values are taken from `earlier` when it holds for the same `layout`, the page's
    /// template reads what it read then, and the page read none of `changedIssues` (nil: every
    /// article may have changed, none is taken).
    func pageReads(
        _ pages: [(path: String, kind: PageKind)], layout: UInt64, earlier: PageReads?, changedIssues: Set<Int32>?
    ) -> Fingerprints {
        let shapes = Dictionary(
            PageKind.templates.map { ($0.name, templates.readsDigest(of: $0.name)) },
            uniquingKeysWith: { first, _ in first })
        let stale: [Int]
        if let earlier, let changedIssues, earlier.layout == layout, earlier.values.count == pages.count {
            let kept = Set(shapes.filter { earlier.shapes[$0.key] == $0.value }.keys)
            stale = pages.indices.filter { page in
                !kept.contains(pages[page].kind.template)
                    || earlier.issuesRead(by: page).contains { changedIssues.contains($0) }
            }
        } else {
            stale = Array(pages.indices)
        }
        let remade = made(stale, of: pages)
        let reads =
            stale.count == pages.count
            ? remade.reads(layout: layout, shapes: shapes)
            : merged(remade, at: stale, into: earlier, layout: layout, shapes: shapes)
        return Fingerprints(reads: reads, fingerprints: fingerprints(pages, values: reads.values), made: stale.count)
    }

    /// `earlier`'s values and reads, but those of pages `remadePages`, taken from `remade`.
    private func merged(
        _ remade: PageReads.Builder, at remadePages: [Int], into earlier: PageReads?, layout: UInt64,
        shapes: [String: UInt64]
    ) -> PageReads {
        guard let earlier else { return remade.reads(layout: layout, shapes: shapes) }
        var builder = PageReads.Builder(capacity: earlier.values.count)
        var next = 0  // into `remadePages` and `remade`
        for page in earlier.values.indices {
            if next < remadePages.count, remadePages[next] == page {
                builder.add(remade.values[next], reading: remade.issuesRead(next))
                next += 1
            } else {
                builder.add(earlier.values[page], reading: earlier.issuesRead(by: page))
            }
        }
        return builder.reads(layout: layout, shapes: shapes)
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
