import Foundation

/// A digest of the names and stamps of every file below some folders, so that a watcher (such as
/// `sitegen serve`) can notice an edit by polling, without reading any file.
public enum SourceSnapshot {
    /// Hidden names and editor backups (`.x.swp`, `x~`) are skipped: saving them is not an edit.
    public static func digest(of folders: [URL]) -> UInt64 {
        StableHash.of { hash in
            for folder in folders {
                let root = folder.path
                hash.combine(root)
                FileIO.walk(root) { relative, name, _ in
                    if name.hasPrefix(".") || name.hasSuffix("~") { return false }
                    hash.combine(relative)
                    hash.combine(ContentCache.Stamp(path: root + "/" + relative))
                    return true
                }
            }
        }
    }
}
