import Foundation
import SitegenKit

/// What ingest reads: saved pages, by their extension. The one definition `sitegen ingest`
/// (folders), the inbox and the command's help use.
public enum InputFiles {
    public static let extensions = ["txt", "htm", "html", "shtml", "xhtml", "text"]
    private static let extensionSet = Set(extensions)

    /// `.txt, .htm, .html, …` for messages and help.
    public static let listed = extensions.map { "." + $0 }.joined(separator: ", ")

    /// A saved page by its name; sidecar addresses (.url), ingest's notes and hidden files are not.
    static func isInput(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return !name.hasPrefix(".") && !name.hasSuffix(".rejected.txt")
            && extensionSet.contains(url.pathExtension.lowercased())
    }

    static let notAnInput =
        "is not a saved page: sitegen ingests \(listed) files (with the page's address in NAME.url beside them)"

    /// Saved pages in a folder, recursively, sorted.
    static func inputFiles(in folder: URL) -> [URL] {
        guard
            let walker = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true, isInput(url) else {
                continue
            }
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
