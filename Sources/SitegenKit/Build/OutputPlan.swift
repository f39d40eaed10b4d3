import Foundation

/// Every file of the new site, what it is made from, and its fingerprint.
struct OutputPlan {
    enum Source {
        case page(PageKind)
        case text(@Sendable () -> String)
        case bytes([UInt8])
        case file(URL)
        /// Unchanged since the published site was built: taken from it.
        case published
    }

    struct File {
        let path: String
        let source: Source
        let fingerprint: UInt64
    }

    /// In a stable order: pages, the search index's kept files and manifest, data files, assets.
    private(set) var files: [File] = []
    /// Path → fingerprint of every file of the new site (the search blocks made again are added
    /// by the build once made).
    var fingerprints: [String: UInt64] = [:]
    var groups: [String: UInt64] = [:]
    /// No path twice among `files` (then `fingerprints` has an entry per file): what lets the build
    /// compare the plan with other trees file by file, in runs on every core.
    var pathsAreUnique: Bool { files.count == fingerprints.count }
    /// The search index, and its blocks to make again: their files are known only once made, so
    /// the build makes them while writing (`SiteBuilder.writeSearchBlocks`) and adds them then.
    let search: SearchIndexWriter
    var searchBlocks: [Int] = []
    private var prepared: Background<SearchIndexWriter.PreparedBlock>?
    private let records: RecordDigests

    /// Renders the pages the plan lists.
    let renderer: SiteRenderer
    /// The pages' fingerprints and what each read, for the next build.
    private(set) var pageReads = PageReads.none
    /// How many pages' values were walked for their fingerprints (the others were taken from `earlier`).
    private(set) var pagesFingerprinted = 0

    /// The search blocks to make again are found first, so that the one an edit changes is made
    /// on another thread while the pages are listed and fingerprinted.
    /// `earlier`: the last build's page reads, whose values hold for the pages that read no issue
    /// of `articlesRead` (the articles read from their files, not the content cache) and whose
    /// templates read what they read then, while `inputsLayout` (`InputDigest.Digests.layout`) and
    /// the pages are the same.
    init(
        archive: Archive, templates: TemplateSet, assets: URL, published: BuildState.Tree?,
        earlier: PageReads? = nil, inputsLayout: UInt64 = 0, articlesRead: [String]? = nil
    ) throws {
        let records = RecordDigests(archive: archive)
        self.records = records
        search = SearchIndexWriter(archive: archive)
        let renderer = SiteRenderer(archive: archive, templates: templates)
        self.renderer = renderer
        let fresh = planSearchBlocks(archive, records, published: published)
        let pages = renderer.pages()
        // From what each page's compiled template reads (`SiteRenderer.fingerprint`).
        let made = renderer.pageReads(
            pages, layout: PageReads.layout(inputs: inputsLayout, issues: archive.issues.map(\.date)), earlier: earlier,
            changedIssues: articlesRead.flatMap { Self.issues(holding: $0, in: archive) })
        (pageReads, pagesFingerprinted) = (made.reads, made.made)
        let pageFingerprints = made.fingerprints
        // Room for the search index's files too (fewer than one per article), so that these
        // dictionaries of every path are not rehashed as they grow.
        let capacity = pages.count + archive.articles.count + 16
        files.reserveCapacity(capacity)
        fingerprints.reserveCapacity(capacity)
        for (page, fingerprint) in zip(pages, pageFingerprints) { add(page.path, .page(page.kind), fingerprint) }
        if let published {
            for (path, fingerprint) in published.outputs {
                guard let block = SearchIndexLayout.block(of: path), fresh.contains(block) else { continue }
                add(path, .published, fingerprint)
            }
        }
        let manifest = Array(search.manifest().utf8)
        add(SearchIndexLayout.manifest, .bytes(manifest), StableHash.of(bytes: manifest))
        for file in renderer.dataFiles(pages: pages) {
            add(file.path, .text(file.make), file.fingerprint)
        }
        for file in archive.media.files {
            add(file.path, .file(URL(fileURLWithPath: file.source)), file.fingerprint)
        }
        try addAssets(assets)
    }

    /// The issues that hold these articles (by source path); nil when they are many, as reusing
    /// fingerprints would save little then.
    private static func issues(holding articles: [String], in archive: Archive) -> Set<Int32>? {
        guard articles.count <= max(8, archive.articles.count / 8) else { return nil }
        if articles.isEmpty { return [] }
        let read = Set(articles)
        var issues = Set<Int32>()
        for (index, article) in archive.articles.enumerated() where read.contains(article.sourcePath) {
            issues.insert(Int32(archive.locations[index].issue))
        }
        return issues
    }

    /// The search index comes in blocks of articles: a block whose articles are unchanged since
    /// the published site was built keeps its files; the others (and the manifest) are made again.
    /// Returns the blocks whose published files stay.
    private mutating func planSearchBlocks(
        _ archive: Archive, _ records: RecordDigests, published: BuildState.Tree?
    ) -> Set<String> {
        var fresh = Set<String>()
        for (index, block) in search.blocks.enumerated() {
            let fingerprint = StableHash.of { hash in
                hash.combine(block.id)
                hash.combine(block.articles.count)
                for number in block.articles { Self.combineRecord(of: number, in: archive, records, into: &hash) }
            }
            groups["search/\(block.id)"] = fingerprint
            if published?.groups["search/\(block.id)"] == fingerprint {
                fresh.insert(block.id)
            } else {
                searchBlocks.append(index)
            }
        }
        // A single block to make again (an edit, an addition): its costly part is made on another
        // thread while the rest of the site is planned and written.
        if searchBlocks.count == 1 {
            let search = self.search
            let block = searchBlocks[0]
            prepared = Background { search.prepare(block, parallel: true) }
        }
        return fresh
    }

    /// The files of `Templates/assets/`, as `assets/…`. Links are followed only within the
    /// templates folder: a link to /etc/passwd must not be published as an asset.
    private mutating func addAssets(_ assets: URL) throws {
        guard FileIO.isFolder(assets.path) else { return }
        let templatesRoot = assets.deletingLastPathComponent().resolvingSymlinksInPath().path + "/"
        var files: [String] = []
        var outside: SitegenError?
        FileIO.walk(assets.path) { relative, _, kind in
            if kind == .link {
                let target = assets.appendingPathComponent(relative).resolvingSymlinksInPath()
                guard target.path.hasPrefix(templatesRoot) else {
                    outside =
                        outside
                        ?? SitegenError(
                            path: assets.appendingPathComponent(relative).path,
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
            add("assets/" + relative, .file(url), StableHash.of(bytes: try Data(contentsOf: url)))
        }
    }

    private mutating func add(_ path: String, _ source: Source, _ fingerprint: UInt64) {
        files.append(File(path: path, source: source, fingerprint: fingerprint))
        fingerprints[path] = fingerprint
    }

    /// The files of search block `block` (see `SearchIndexWriter.blockFiles`), made from what was
    /// prepared for it when it is the one block to make again.
    func searchFiles(_ block: Int, parallel: Bool, makeRecords wanted: (Int) -> Bool) -> [(
        path: String, bytes: [UInt8]
    )] {
        guard let prepared, prepared.value.index == block else {
            return search.blockFiles(block, parallel: parallel, makeRecords: wanted)
        }
        return search.blockFiles(prepared.value, parallel: parallel, makeRecords: wanted)
    }

    /// The record files of a search block, each with a fingerprint of what it shows (its articles'
    /// fields and 第N版:版名) rather than of its bytes: a file whose articles are unchanged is known
    /// to be unchanged without making it again (an edit changes one of a block's 75).
    func recordFingerprints(block: Int) -> [(path: String, fingerprint: UInt64)] {
        search.recordFiles(block).map { file in
            (
                file.path,
                StableHash.of { hash in
                    hash.combine("records")
                    hash.combine(file.articles.count)
                    for number in file.articles {
                        Self.combineRecord(of: number, in: search.archive, records, into: &hash)
                    }
                }
            )
        }
    }

    /// What the index shows of an article: its fields and its page's 第N版:版名.
    private static func combineRecord(
        of number: Int, in archive: Archive, _ records: RecordDigests, into hash: inout StableHash
    ) {
        let location = archive.locations[number]
        hash.combine(records.articles[number])
        hash.combine(records.pageLists[location.issue])
        hash.combine(location.page)
    }

    /// What the search index's records show: each article's fields (`Article.fieldsDigest`, made
    /// when the article was read) and each issue's pages (第N版:版名), digested once per build.
    struct RecordDigests: Sendable {
        let articles: [UInt64]
        let pageLists: [UInt64]

        init(archive: Archive) {
            articles = archive.articles.map(\.fieldsDigest)
            pageLists = archive.issues.map { issue in
                StableHash.of { hash in
                    hash.combine(issue.date)
                    for page in issue.pages {
                        hash.combine(page.label.description)
                        hash.combine(page.name)
                    }
                }
            }
        }
    }
}
