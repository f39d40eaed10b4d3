/// Each page's fingerprint and the issues whose contents it read (`IssueReadLog`), in the order of
/// the site's pages (`SiteRenderer.pages`). A build saves it with its state; the next one takes a
/// page's fingerprint from here unless the page read an issue that holds an article read again
/// from its file, and makes the others' again. An edit then fingerprints the pages that show the
/// edited issue, not all twenty thousand.
///
/// It holds only for the same `layout`: the inputs other than the articles' files
/// (`InputDigest.Digests.layout`: site settings, listings, media, templates, which articles there
/// are) and the list of pages, which fixes every date, place and neighbour the layout accessors of
/// `RenderModel` answer without noting.
struct PageReads: Sendable, Equatable {
    let layout: UInt64
    let fingerprints: [UInt64]
    /// Page `p` read `issues[starts[p]..<starts[p + 1]]`, sorted.
    let starts: [Int32]
    let issues: [Int32]

    static let none = PageReads(layout: 0, fingerprints: [], starts: [0], issues: [])

    /// The digest of `inputs` and the page list that `layout` is.
    static func layout(inputs: UInt64, pages: [(path: String, kind: PageKind)]) -> UInt64 {
        StableHash.of { hash in
            hash.combine(inputs)
            hash.combine(pages.count)
            for page in pages { hash.combineWords(page.path) }
        }
    }

    func issuesRead(by page: Int) -> ArraySlice<Int32> { issues[Int(starts[page])..<Int(starts[page + 1])] }

    /// The pages that read one of `changed`, in order.
    func pages(reading changed: Set<Int32>) -> [Int] {
        fingerprints.indices.filter { page in issuesRead(by: page).contains { changed.contains($0) } }
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(layout)
        writer.write(numbers: fingerprints)
        writer.write(numbers: starts)
        writer.write(numbers: issues)
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Damaged) -> PageReads {
        let reads = PageReads(
            layout: try reader.readUInt64(), fingerprints: try reader.readNumbers(UInt64.self),
            starts: try reader.readNumbers(Int32.self), issues: try reader.readNumbers(Int32.self))
        // Damage reads as none saved, never as a wrong range.
        guard reads.starts.count == reads.fingerprints.count + 1, reads.starts.first == 0,
            reads.starts.last.map(Int.init) == reads.issues.count,
            zip(reads.starts, reads.starts.dropFirst()).allSatisfy(<=)
        else { throw BinaryReader.Damaged() }
        return reads
    }
}

extension PageReads {
    /// Made page by page, or taken over from an earlier build's for the pages that kept theirs.
    struct Builder {
        private(set) var fingerprints: [UInt64] = []
        private(set) var starts: [Int32] = [0]
        private(set) var issues: [Int32] = []

        init(capacity: Int) {
            fingerprints.reserveCapacity(capacity)
            starts.reserveCapacity(capacity + 1)
            issues.reserveCapacity(capacity * 2)
        }

        mutating func add(_ fingerprint: UInt64, reading read: some Collection<Int32>) {
            fingerprints.append(fingerprint)
            issues.append(contentsOf: read)
            starts.append(Int32(issues.count))
        }

        func reads(layout: UInt64) -> PageReads {
            PageReads(layout: layout, fingerprints: fingerprints, starts: starts, issues: issues)
        }
    }
}

extension SiteRenderer {
    /// The pages' fingerprints, with the issues each read, and how many were made (not taken).
    /// Those of pages that read none of `changedIssues` are taken from `earlier` when it holds
    /// for the same `layout` (nil `changedIssues`: every article may have changed, none is taken).
    func pageReads(
        _ pages: [(path: String, kind: PageKind)], layout: UInt64, earlier: PageReads?, changedIssues: Set<Int32>?
    ) -> (reads: PageReads, made: Int) {
        guard let earlier, let changedIssues, earlier.layout == layout, earlier.fingerprints.count == pages.count else {
            return (made(Array(pages.indices), of: pages).reads(layout: layout), pages.count)
        }
        let stale = earlier.pages(reading: changedIssues)
        let remade = made(stale, of: pages)
        var builder = PageReads.Builder(capacity: pages.count)
        var next = 0  // into `stale` and `remade`
        for page in pages.indices {
            if next < stale.count, stale[next] == page {
                builder.add(remade.fingerprints[next], reading: remade.issuesRead(next))
                next += 1
            } else {
                builder.add(earlier.fingerprints[page], reading: earlier.issuesRead(by: page))
            }
        }
        return (builder.reads(layout: layout), stale.count)
    }

    /// The fingerprints of `pages[chosen]`, in runs on every core, each run with a read log.
    private func made(_ chosen: [Int], of pages: [(path: String, kind: PageKind)]) -> PageReads.Builder {
        let runs = parallelRuns(chosen, fewest: 64) { run in
            let log = IssueReadLog()
            let memo = ReadMemo(nodes: templates.planNodes, log: log)
            let site = forOneThread(log: log)
            var builder = PageReads.Builder(capacity: run.count)
            for page in run {
                let fingerprint = site.fingerprint(pages[page].kind, memo: memo)
                builder.add(fingerprint, reading: log.takePage())
            }
            return builder
        }
        var all = PageReads.Builder(capacity: chosen.count)
        for run in runs {
            for page in run.fingerprints.indices { all.add(run.fingerprints[page], reading: run.issuesRead(page)) }
        }
        return all
    }
}

extension PageReads.Builder {
    func issuesRead(_ page: Int) -> ArraySlice<Int32> { issues[Int(starts[page])..<Int(starts[page + 1])] }
}
