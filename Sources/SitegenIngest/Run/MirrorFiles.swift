import Foundation
import SitegenKit

/// The files a saved page links to (its scan, its PDF, an article's photos), copied from the
/// mirror folder into Content: resolved relative to the saved page, never outside `root`, never
/// moved, and named by what they hold (a JPEG saved as `x.tif.1` becomes `05-1.jpg`).
struct MirrorFiles {
    /// The folder given to ingest (or the saved page's own folder): nothing outside it is read.
    let root: URL
    let options: Ingester.Options

    /// The file `link` names, as seen from the saved page `page`; nil when it leaves the mirror.
    func resolve(_ link: String, from page: URL) -> URL? {
        let path = link.split(separator: "#").first.flatMap { $0.split(separator: "?").first }.map(String.init) ?? ""
        guard !path.isEmpty, !path.contains("://"), !path.hasPrefix("/") else { return nil }
        let decoded = path.removingPercentEncoding ?? path
        let url = page.deletingLastPathComponent().appendingPathComponent(decoded).standardizedFileURL
            .resolvingSymlinksInPath()
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        return url.path.hasPrefix(base + "/") ? url : nil
    }

    /// What an image file holds, by its first bytes: jpg, png, webp, or nil.
    static func imageExtension(of data: Data) -> String? {
        let head = [UInt8](data.prefix(12))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            return "webp"
        }
        return nil
    }

    enum Kind {
        case image, pdf
    }

    /// Copies what `link` names to `<stem>.<ext>` in Content (`2023/02/10/01/page`), reporting
    /// the copy, a missing file, or a file that is not what the page says it is.
    func copy(_ link: String, from page: URL, to stem: String, kind: Kind, input: String, what: String) -> IngestOutcome
    {
        guard let file = resolve(link, from: page) else {
            return .init(
                kind: .missing, input: input,
                reason: "\(what) \(link) lies outside the mirror folder \(root.path); not copied")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return .init(
                kind: .missing, input: input,
                reason: "\(what) \(link) is missing from the mirror (\(file.path)); the rest is ingested")
        }
        let ext: String
        switch kind {
        case .pdf:
            guard data.starts(with: Array("%PDF-".utf8)) else {
                return .init(kind: .missing, input: input, reason: "\(what) \(file.path) is not a PDF file; not copied")
            }
            ext = "pdf"
        case .image:
            guard let found = Self.imageExtension(of: data) else {
                return .init(
                    kind: .missing, input: input,
                    reason: "\(what) \(file.path) is not a JPEG, PNG or WebP image; not copied")
            }
            ext = found
        }
        let relative = "\(stem).\(ext)"
        let target = display(relative)
        let url = options.content.appendingPathComponent(relative)
        var kindDone = IngestOutcome.Kind.written
        if let old = FileManager.default.contents(atPath: url.path) {
            if old == data { return .init(kind: .unchanged, input: input, target: target) }
            // An editor may have put a better scan there: kept unless --force.
            guard options.force else {
                return .init(
                    kind: .kept, input: input, target: target, reason: "differs from \(link); --force replaces it")
            }
            kindDone = .updated
        }
        if !options.dryRun {
            do {
                try Placer.writeAtomically(data, to: url)
            } catch {
                return .init(
                    kind: .rejected, input: input, target: target,
                    reason: "\(target) cannot be written: \(error.localizedDescription)")
            }
        }
        return .init(kind: kindDone, input: input, target: target)
    }

    func display(_ relative: String) -> String {
        SiteFolder(options.content, display: options.displayContent).display(relative)
    }
}
