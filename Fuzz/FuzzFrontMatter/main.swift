import Foundation
import SitegenKit

/// libFuzzer entry point: one article file's bytes through the front matter reader, as
/// `ContentLoader` reads it (UTF-8 check, front matter split, YAML, typed fields).
/// Every input must give an article or a `SitegenError`; a crash, a hang or a leak is a bug.
///
/// To fuzz another reader, copy this folder, change the one call below, and add the target to the
/// `SITEGEN_FUZZ` block of Package.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: start, count: count))
    _ = try? ArticleReader.read(bytes: bytes, path: "fuzz.md")
    return 0
}
