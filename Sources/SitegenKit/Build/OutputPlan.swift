import Foundation

/// Every file of the new site, what it is made from, and its fingerprint.
struct OutputPlan {
    enum Source {
        case page(SiteRenderer.PageKind)
        case text(@Sendable () -> String)
        case bytes([UInt8])
        case file(URL)
        /// Unchanged since the published site was built: taken from it.
        case published
    }

    var sources: [String: Source] = [:]
    var fingerprints: [String: UInt64] = [:]
    var groups: [String: UInt64] = [:]
    /// The search index, and its blocks to make again: their files are known only once made, so
    /// the build makes them while writing (`SiteBuilder.writeSearchBlocks`) and adds them then.
    let search: SearchIndexWriter
    var searchBlocks: [Int] = []
    private let fingerprinter: OutputFingerprints

    init(renderer: SiteRenderer, templates: TemplateSet, assets: URL, published: BuildState.Tree?) throws {
        let pages = renderer.pages()
        let fingerprinter = OutputFingerprints(archive: renderer.archive, templates: templates)
        self.fingerprinter = fingerprinter
        let pageFingerprints = parallelMap(pages) { fingerprinter.fingerprint(of: $0.kind) }
        // Room for the search index's files too (fewer than one per article), so that these
        // dictionaries of every path are not rehashed as they grow.
        let capacity = pages.count + renderer.archive.articles.count + 16
        sources.reserveCapacity(capacity)
        fingerprints.reserveCapacity(capacity)
        for (page, fingerprint) in zip(pages, pageFingerprints) {
            sources[page.path] = .page(page.kind)
            fingerprints[page.path] = fingerprint
        }
        // The search index comes in blocks of articles: a block whose articles are unchanged since
        // the published site was built keeps its files; the others (and the manifest) are made again.
        search = SearchIndexWriter(archive: renderer.archive)
        var fresh = Set<String>()  // blocks whose published files stay
        for (index, block) in search.blocks.enumerated() {
            let fingerprint = StableHash.of { hash in
                hash.combine(block.id); hash.combine(block.articles.count)
                for number in block.articles { combineRecord(of: number, into: &hash) }
            }
            groups["search/\(block.id)"] = fingerprint
            if published?.groups["search/\(block.id)"] == fingerprint {
                fresh.insert(block.id)
            } else {
                searchBlocks.append(index)
            }
        }
        if let published {
            for (path, fingerprint) in published.outputs where SearchIndexLayout.isIndexFile(path) {
                guard let block = SearchIndexLayout.block(of: path), fresh.contains(block) else { continue }
                sources[path] = .published
                fingerprints[path] = fingerprint
            }
        }
        let manifest = Array(search.manifest().utf8)
        sources[SearchIndexLayout.manifest] = .bytes(manifest)
        fingerprints[SearchIndexLayout.manifest] = StableHash.of(bytes: manifest)
        for file in renderer.dataFiles(pages: pages) {
            sources[file.path] = .text(file.make)
            fingerprints[file.path] = file.fingerprint
        }
        guard FileIO.isFolder(assets.path) else { return }
        // Links are followed only within the templates folder: a link to /etc/passwd must not be
        // published as an asset.
        let templatesRoot = assets.deletingLastPathComponent().resolvingSymlinksInPath().path + "/"
        var files: [String] = []
        var outside: SitegenError?
        FileIO.walk(assets.path) { relative, _, kind in
            if kind == .link {
                let target = assets.appendingPathComponent(relative).resolvingSymlinksInPath()
                guard target.path.hasPrefix(templatesRoot) else {
                    outside = outside ?? SitegenError(path: assets.appendingPathComponent(relative).path,
                                                      "is a link to \(target.path), outside the templates folder",
                                                      fix: "copy the file into Templates/assets instead of linking to it")
                    return false
                }
                if FileIO.isFolder(target.path) { return true }
            }
            if kind == .folder { return true }
            files.append(relative)
            return false
        }
        if let outside { throw outside }
        for relative in files.sorted() {
            let url = assets.appendingPathComponent(relative)
            sources["assets/" + relative] = .file(url)
            fingerprints["assets/" + relative] = StableHash.of(bytes: try Data(contentsOf: url))
        }
    }

    /// The record files of a search block, each with a fingerprint of what it shows (its articles'
    /// fields and 第N版:版名) rather than of its bytes: a file whose articles are unchanged is known
    /// to be unchanged without making it again (an edit changes one of a block's 75).
    func recordFingerprints(block: Int) -> [(path: String, fingerprint: UInt64)] {
        search.recordFiles(block).map { file in
            (file.path, StableHash.of { hash in
                hash.combine("records"); hash.combine(file.articles.count)
                for number in file.articles { combineRecord(of: number, into: &hash) }
            })
        }
    }

    /// What the index shows of an article: its fields and its page's 第N版:版名.
    private func combineRecord(of number: Int, into hash: inout StableHash) {
        let location = search.archive.locations[number]
        hash.combine(fingerprinter.articles[number])
        hash.combine(fingerprinter.pageLists[location.issue]); hash.combine(location.page)
    }
}
