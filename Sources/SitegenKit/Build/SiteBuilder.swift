import Foundation

/// `sitegen build`: Content + Templates → a complete static site in the output folder.
///
/// Data flows one way: load (Content → `LoadedContent`), arrange (→ `Archive`), render
/// (→ pages), publish (→ staging folder swapped in as `Public/`).
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var content: URL
        public var templates: URL
        public var output: URL
        /// Overrides `base_url` from site.yml.
        public var baseURL: String?
        /// Ignore what earlier builds left behind and render everything.
        public var clean: Bool = false
        /// How paths appear in messages.
        public var displayContent: String
        public var displayTemplates: String

        public init(content: URL, templates: URL, output: URL, baseURL: String? = nil, clean: Bool = false,
                    displayContent: String? = nil, displayTemplates: String? = nil) {
            self.content = content
            self.templates = templates
            self.output = output
            self.baseURL = baseURL
            self.clean = clean
            self.displayContent = displayContent ?? content.path
            self.displayTemplates = displayTemplates ?? templates.path
        }
    }

    public struct Report: Sendable {
        public var articles = 0
        public var issues = 0
        public var filesWritten = 0
        public var filesUnchanged = 0
        /// Phase name → seconds, in the order the phases ran.
        public var timings: [(phase: String, seconds: Double)] = []
        public var seconds: Double { timings.reduce(0) { $0 + $1.seconds } }

        /// The one line a build ends with.
        public var summary: String {
            String(format: "Built %d articles in %d issues: %d files written, %d unchanged, %.2f s",
                   articles, issues, filesWritten, filesUnchanged, seconds)
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    public func build() throws(SitegenErrors) -> Report {
        var report = Report()
        var clock = PhaseClock()

        let (content, templates) = try loadInputs()
        var site = content.site
        if let base = options.baseURL { site.baseURL = SiteConfig.normalizedBaseURL(base) }
        clock.lap("load", into: &report)

        let archive = Archive(articles: content.articles, listings: content.listings, site: site)
        let renderer = SiteRenderer(archive: archive, templates: templates)
        let pages = renderer.pages()
        report.articles = archive.articles.count
        report.issues = archive.issues.count
        clock.lap("arrange", into: &report)

        let output = OutputDirectory(destination: options.output)
        do {
            try output.prepare()
            let dataFiles = renderer.dataFiles(pages: pages)
            try output.createDirectories(for: pages.lazy.map(\.path))
            let failures = parallelMap(pages) { page -> SitegenError? in
                do {
                    try output.write(renderer.render(page.kind), to: page.path)
                    return nil
                } catch {
                    return error as? SitegenError ?? SitegenError(path: page.path, "\(error)")
                }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
            for file in dataFiles {
                try output.write(file.text, to: file.path)
            }
            report.filesWritten = pages.count + dataFiles.count
            clock.lap("render", into: &report)

            let search = try SearchIndexWriter(archive: archive).write(into: output, reusingPrevious: !options.clean)
            report.filesWritten += search.written
            report.filesUnchanged += search.unchanged
            clock.lap("search", into: &report)

            report.filesWritten += try AssetCopier.copy(from: options.templates.appendingPathComponent("assets"),
                                                        to: output.staging.appendingPathComponent("assets"))
            try output.commit()
            clock.lap("publish", into: &report)
        } catch {
            output.discard()
            let problem = error as? SitegenError
                ?? SitegenError(path: options.output.path, "could not be written: \(error.localizedDescription)",
                                fix: "check the folder's permissions and free disk space")
            throw SitegenErrors([problem])
        }
        return report
    }

    /// Content and templates, with the problems of both reported together.
    private func loadInputs() throws(SitegenErrors) -> (LoadedContent, TemplateSet) {
        var errors: [SitegenError] = []
        var content: LoadedContent?
        var templates: TemplateSet?
        do {
            content = try ContentLoader(root: options.content, displayRoot: options.displayContent).load()
        } catch {
            errors += error.errors
        }
        do {
            templates = try TemplateSet(directory: options.templates, displayRoot: options.displayTemplates)
        } catch {
            errors += error.errors
        }
        guard let content, let templates else { throw SitegenErrors(errors) }
        return (content, templates)
    }
}

/// Wall-clock time per build phase, for `--timings`.
struct PhaseClock {
    private var last = DispatchTime.now()

    mutating func lap(_ phase: String, into report: inout SiteBuilder.Report) {
        let now = DispatchTime.now()
        report.timings.append((phase, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}

/// Copies `Templates/assets/` (CSS, JS, images) to `Public/assets/`.
enum AssetCopier {
    static func copy(from source: URL, to target: URL) throws -> Int {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: source.path) else { return 0 }
        var count = 0
        for relative in try fileManager.subpathsOfDirectory(atPath: source.path).sorted() {
            let from = source.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            _ = fileManager.fileExists(atPath: from.path, isDirectory: &isFolder)
            let to = target.appendingPathComponent(relative)
            if isFolder.boolValue {
                try fileManager.createDirectory(at: to, withIntermediateDirectories: true)
            } else {
                try fileManager.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fileManager.copyItem(at: from, to: to)
                count += 1
            }
        }
        return count
    }
}
