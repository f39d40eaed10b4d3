import Foundation

/// A digest of everything a build reads, made from file stamps alone (size, modification time,
/// inode; the same trust `ContentCache` puts in them), so it costs a folder walk and a `stat` per
/// file: every Content file the loader reads (articles, issue.yml, site.yml), every file under
/// Templates (templates, partials, assets) and the `--base-url` option. When it equals the digest
/// recorded for the published site by the same sitegen binary (`BuildState.generator`), a build
/// has nothing to do.
enum InputDigest {
    /// `inputs`: every input, as above. `layout`: every input but the articles and the
    /// templates: while it stays the same, an article reaches pages only through the issue it is
    /// in, which `PageReads` tracks page by page (and a template's reads, template by template).
    struct Digests: Equatable {
        let inputs: UInt64
        let layout: UInt64
    }

    /// Nil when the Content folder has a problem the loader will report (a link out of it).
    static func of(_ options: SiteBuilder.Options, content scan: ContentScan) -> Digests? {
        guard scan.files.problems.isEmpty else { return nil }
        let content = options.content.standardizedFileURL.path + "/"
        let templates = options.templates.path + "/"
        var paths = scan.files.listings.map { content + $0.0 }
        if let site = scan.files.siteConfig { paths.append(site.path) }
        let contentFiles = paths.count
        FileIO.walk(options.templates.path) { relative, _, kind in
            if kind == .folder { return true }
            paths.append(templates + relative)
            return kind == .link && FileIO.isFolder(templates + relative)
        }
        let stamps = parallelMap(paths) { ContentCache.Stamp(path: $0) }
        func combine(_ files: Range<Int>, into hash: inout StableHash) {
            for index in files {
                hash.combine(paths[index])
                hash.combine(stamps[index])
            }
        }
        let layout = StableHash.of { hash in
            hash.combine(options.baseURL)
            for file in scan.files.media {
                hash.combine(file.relative)
                hash.combine(file.stamp)
            }
            combine(0..<contentFiles, into: &hash)
        }
        let inputs = StableHash.of { hash in
            hash.combine(layout)
            combine(contentFiles..<paths.count, into: &hash)
            for (relative, stamp) in zip(scan.files.articles, scan.articleStamps) {
                hash.combine(relative)
                hash.combine(stamp)
            }
        }
        return Digests(inputs: inputs, layout: layout)
    }
}
