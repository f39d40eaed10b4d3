import Foundation

/// A digest of everything a build reads, made from file stamps alone (size, modification time,
/// inode; the same trust `ContentCache` puts in them), so it costs a folder walk and a `stat` per
/// file: every Content file the loader reads (articles, issue.yml, site.yml), every file under
/// Templates (templates, partials, assets) and the `--base-url` option. When it equals the digest
/// recorded for the published site by the same sitegen binary (`BuildState.generator`), a build
/// has nothing to do.
enum InputDigest {
    static func of(_ options: SiteBuilder.Options) -> UInt64? {
        guard let files = try? ContentFiles.scan(root: options.content), files.problems.isEmpty else { return nil }
        let content = options.content.path + "/"
        let templates = options.templates.path + "/"
        var paths = files.articles.map { content + $0 } + files.listings.map { content + $0.0 }
        if let site = files.siteConfig { paths.append(site.path) }
        FileIO.walk(options.templates.path) { relative, _, kind in
            if kind == .folder { return true }
            paths.append(templates + relative)
            return kind == .link && FileIO.isFolder(templates + relative)
        }
        let stamps = parallelMap(paths) { ContentCache.Stamp(path: $0) }
        return StableHash.of { hash in
            hash.combine(options.baseURL)
            for (path, stamp) in zip(paths, stamps) {
                hash.combine(path)
                hash.combine(stamp?.size ?? -1); hash.combine(stamp?.modified ?? -1); hash.combine(stamp?.inode ?? -1)
            }
        }
    }
}
