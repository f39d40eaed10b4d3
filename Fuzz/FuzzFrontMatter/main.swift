import Foundation
import Yams

@testable import SitegenKit

/// libFuzzer entry point: one article file's bytes through the front matter reader, as
/// `ContentLoader` reads it (UTF-8 check, front matter split, YAML limits, YAML, typed fields).
/// Every input must give an article or a `SitegenError`; a crash, a hang or a leak is a bug.
///
/// It also hunts for holes in the YAML anchor guard (`YAMLLimits`): whenever the guard lets front
/// matter through, Yams must find no anchor in it, or an alias could expand exponentially.
///
/// To fuzz another reader (the ingest dump parser, say), copy this folder, change the calls
/// below, add the target to the `SITEGEN_FUZZ` block of Package.swift and a line to Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: start, count: count))
    _ = try? ArticleReader.read(bytes: bytes, path: "fuzz.md")

    if let text = try? TextFile.decode(bytes, displayPath: "fuzz.md"),
        let yaml = try? FrontMatter.split(text, path: "fuzz.md").yaml,
        YAMLLimits.firstAnchorLine(yaml) == nil, yaml.utf8.count <= YAMLLimits.maximumBytes,
        let parser = try? Parser(yaml: yaml), let root = try? parser.singleRoot()
    {
        withExtendedLifetime(parser) {
            if hasAnchor(root) { fatalError("YAMLLimits missed an anchor in:\n\(yaml)") }
        }
    }
    return 0
}

private func hasAnchor(_ node: Node) -> Bool {
    switch node {
    case .scalar(let scalar): return scalar.anchor != nil
    case .sequence(let sequence): return sequence.anchor != nil || sequence.contains(where: hasAnchor)
    case .mapping(let mapping):
        return mapping.anchor != nil || mapping.contains { hasAnchor($0.key) || hasAnchor($0.value) }
    case .alias: return true
    }
}
