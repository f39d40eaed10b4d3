import Foundation

/// Writes a new site beside the published one and swaps it in only when complete, so a failed or
/// killed build leaves the previous `Public/` exactly as it was.
///
/// The swap is one `renameat2(RENAME_EXCHANGE)` call where the kernel offers it: at every instant
/// `Public/` is either the old complete site or the new one. Dot-entries at the top of `Public/`
/// (`.gitkeep`, a deploy repository's `.git`) are not the generator's and are carried over.
struct OutputDirectory {
    let destination: URL
    /// `.Public.staging` beside `Public/`: same file system, so the swap is a rename.
    let staging: URL
    private let retired: URL

    init(destination: URL) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).staging")
        retired = parent.appendingPathComponent(".\(name).previous")
    }

    /// An empty staging folder (a leftover from a killed build is removed first).
    func prepare() throws {
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: staging)
        try? fileManager.removeItem(at: retired)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Creates the folders the files will go to, once, before parallel writes.
    func createDirectories(for paths: some Sequence<String>) throws {
        var made = Set<Substring>()
        for path in paths {
            guard let slash = path.lastIndex(of: "/") else { continue }
            let folder = path[..<slash]
            if made.insert(folder).inserted {
                try FileManager.default.createDirectory(at: staging.appendingPathComponent(String(folder)),
                                                        withIntermediateDirectories: true)
            }
        }
    }

    /// Writes one file into the staging folder; its folder must exist.
    func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            try FileIO.write(bytes, to: staging.path + "/" + path)
        }
    }

    /// Swaps the staging folder in as the published site and removes the old one.
    func commit() throws {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        let exists = fileManager.fileExists(atPath: destination.path, isDirectory: &isFolder)
        if exists && !isFolder.boolValue {
            throw SitegenError(path: destination.path, "is a file, not a folder",
                               fix: "move it away or choose another --output")
        }
        guard exists else {
            try fileManager.moveItem(at: staging, to: destination)
            return
        }
        try carryOverHiddenEntries()
        if FileIO.exchange(staging.path, destination.path) {
            try? fileManager.removeItem(at: staging)
        } else {
            // No atomic exchange on this system: two renames, the old site kept until the second.
            try fileManager.moveItem(at: destination, to: retired)
            try fileManager.moveItem(at: staging, to: destination)
            try? fileManager.removeItem(at: retired)
        }
    }

    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Hard-links `.gitkeep`, `.git/…` and the like from the published site into the new one.
    private func carryOverHiddenEntries() throws {
        let fileManager = FileManager.default
        for name in (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? [] where name.hasPrefix(".") {
            try FileIO.linkTree(from: destination.appendingPathComponent(name), to: staging.appendingPathComponent(name))
        }
    }
}
