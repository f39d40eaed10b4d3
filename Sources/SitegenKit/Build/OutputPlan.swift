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

    init(renderer: SiteRenderer, templates: TemplateSet, assets: URL, published: BuildState.Tree?) throws {
        let pages = renderer.pages()
        let fingerprinter = OutputFingerprints(archive: renderer.archive, templates: templates)
        let pageFingerprints = parallelMap(pages) { fingerprinter.fingerprint(of: $0.kind) }
        sources.reserveCapacity(pages.count + 16)
        fingerprints.reserveCapacity(pages.count + 16)
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
                for number in block.articles {
                    let location = renderer.archive.locations[number]
                    hash.combine(fingerprinter.articles[number])
                    hash.combine(renderer.archive.issues[location.issue].pages[location.page].heading)
                }
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
}
