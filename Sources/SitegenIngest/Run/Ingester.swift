import Foundation
import SitegenKit

/// `sitegen ingest`: scraped pages → Content files. Parsing is pure and runs on every core;
/// placing runs in input order, so positions and clashes come out the same on every run.
public struct Ingester {
    public struct Options: Sendable {
        public var content: URL
        public var displayContent: String
        /// The address the input was saved from (overrides a `NAME.url` sidecar).
        public var url: String?
        public var date: IssueDate?
        public var page: PageLabel?
        public var pageName: String?
        /// The paper Content archives: inputs naming another paper are refused.
        public var publication: String?
        public var dryRun = false
        /// Overwrite files edited by hand since ingest wrote them.
        public var force = false

        public init(content: URL, displayContent: String? = nil) {
            self.content = content.standardizedFileURL
            self.displayContent = displayContent ?? content.path
        }
    }

    public let options: Options
    private var placer: Placer

    public init(options: Options) {
        self.options = options
        self.placer = Placer(options: options)
    }

    /// Ingests files and folders (recursed): page views first, so that the articles they list
    /// find their 版 and position, then the rest, each group in path order. `progress` hears
    /// how many inputs are placed, of how many.
    public mutating func run(paths: [String], progress: ((_ done: Int, _ total: Int) -> Void)? = nil) -> IngestReport {
        var report = IngestReport()
        var inputs: [(url: URL, display: String)] = []
        // The folder each input was found in: the files its pages link to are read from there only.
        var roots: [URL: URL] = [:]
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                report.inputs += 1
                report.outcomes.append(.init(kind: .rejected, input: path, reason: "does not exist"))
                continue
            }
            if isFolder.boolValue {
                let found = InputFiles.inputFiles(in: url)
                for file in found { roots[file] = url }
                inputs += found.map { ($0, Self.display($0, under: url, typed: path)) }
            } else {
                inputs.append((url, path))
            }
        }
        report.inputs += inputs.count
        let options = self.options
        let parsed = parallelMap(inputs.map { ($0.url, roots[$0.url]) }) { url, root in
            Self.read(url, options: options, root: root)
        }
        let pageViewsFirst =
            parsed.indices.filter { parsed[$0].parsed.isListingOnly }
            + parsed.indices.filter { !parsed[$0].parsed.isListingOnly }
        for (done, index) in pageViewsFirst.enumerated() {
            report.outcomes += placer.place(parsed[index], input: inputs[index].display)
            progress?(done + 1, inputs.count)
        }
        return report
    }

    /// Ingests one file.
    public mutating func ingest(file: URL, display: String) -> [IngestOutcome] {
        placer.place(Self.read(file, options: options), input: display)
    }

    /// Reads and parses one input with its sidecar address.
    /// `root`: the mirror folder the input was found in (a single file's own folder when nil).
    static func read(_ url: URL, options: Options, root: URL? = nil) -> Read {
        let source = options.url ?? sidecarAddress(for: url) ?? mirroredAddress(of: url)
        let root = root ?? url.deletingLastPathComponent()
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return Read(parsed: IngestParser.rejected("cannot be read"), source: source, file: url, root: root)
        }
        return Read(
            parsed: IngestParser.parse(bytes: [UInt8](data), source: source), source: source, file: url, root: root)
    }

    struct Read: Sendable {
        var parsed: ScrapedInput
        var source: String?
        /// The saved page, where it came from a file.
        var file: URL? = nil
        /// The mirror folder it lies in: the scan, PDF and photos it links to are read from there only.
        var root: URL? = nil
    }

    /// The address a mirroring scraper saved a page from, as its folders spell it
    /// (`…/www.xgll.com.cn/epaper/pc/202412/10/content_48233.html`: wget -m and its kind keep the
    /// host and the path). Nil unless a folder reads as a host name.
    static func mirroredAddress(of url: URL) -> String? {
        let components = url.standardizedFileURL.pathComponents
        guard let host = components.dropLast().lastIndex(where: isHostName) else { return nil }
        return "http://" + components[host...].joined(separator: "/")
    }

    /// `www.xgll.com.cn`, `paper.kbcmw.com`: dotted labels of letters, digits and hyphens, ending
    /// in a top-level domain papers use (a folder such as `john.doe` is no host).
    static func isHostName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, topLevelDomains.contains(String(top)) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        }
    }

    static let topLevelDomains: Set<String> = [
        "cn", "com", "net", "org", "gov", "edu", "info", "tv", "cc", "top", "hk", "mo", "tw", "io", "xyz", "site",
    ]

    /// The address in `NAME.url` (or `NAME.ext.url`) beside a saved page.
    static func sidecarAddress(for url: URL) -> String? {
        let candidates = [url.deletingPathExtension().appendingPathExtension("url"), url.appendingPathExtension("url")]
        for candidate in candidates where candidate != url {
            guard let data = FileManager.default.contents(atPath: candidate.path),
                let text = String(data: data, encoding: .utf8)
            else { continue }
            if let line = text.split(whereSeparator: \.isNewline).map(TextLine.trim).first(where: { !$0.isEmpty }) {
                return line
            }
        }
        return nil
    }

    static func display(_ url: URL, under folder: URL, typed: String) -> String {
        let base = folder.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(base + "/") else { return path }
        return SiteFolder(folder, display: typed).display(path.dropFirst(base.count + 1))
    }
}
