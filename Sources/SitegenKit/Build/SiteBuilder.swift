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
        /// Called now and then while pages render, with (done, total): progress for a terminal.
        public var progress: (@Sendable (Int, Int) -> Void)?
        /// How paths appear in messages.
        public var displayContent: String
        public var displayTemplates: String
        /// The calls that flush and publish the new site (a recording one in tests).
        var disk: any PublishingDisk = SystemDisk()
        /// Files and folders a build flushes one by one; past this it flushes the file system.
        var flushLimit = OutputDirectory.flushLimit

        public init(
            content: URL, templates: URL, output: URL, baseURL: String? = nil, clean: Bool = false,
            displayContent: String? = nil, displayTemplates: String? = nil
        ) {
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
        /// Scans and photos libvips processed in this build (the others were made by an earlier one).
        public var imagesProcessed = 0
        /// Pages whose values this build walked for their fingerprints; the others' it took from
        /// the last build, as they read no issue whose articles changed and their templates read
        /// what they read then (`PageReads`).
        public var pagesFingerprinted = 0
        public var pages = 0
        /// Per phase, in the order the phases ran: its wall-clock seconds and the process's CPU
        /// seconds (user and system, every thread) in it, which tell how well it kept the cores busy.
        public var timings: [(phase: String, seconds: Double, cpu: Double)] = []
        public var seconds: Double { timings.reduce(0) { $0 + $1.seconds } }

        /// A build that found the published site made from its very inputs.
        mutating func record(unchanged summary: BuildState.Summary) {
            articles = summary.articles
            issues = summary.issues
            filesUnchanged = summary.files
        }

        /// Counts the files written and unchanged against the published site, as its readers see
        /// it, and returns the paths written.
        mutating func count(_ outputs: [String: UInt64], against published: [String: UInt64]) -> [String] {
            let updated = outputs.compactMap { published[$0.key] != $0.value ? $0.key : nil }
            return count(updated, of: outputs)
        }

        /// The same for the plan's files and the search files made (`outputs` has them all), on
        /// every core: the plan's files are a list, which splits among the cores where a dictionary does not.
        mutating func count(
            _ plan: OutputPlan, _ searchFiles: [String: UInt64], outputs: [String: UInt64],
            against published: [String: UInt64]
        ) -> [String] {
            // A path twice in the plan counts once in `outputs`.
            guard plan.pathsAreUnique else { return count(outputs, against: published) }
            let updated =
                parallelRuns(plan.files) { files in
                    files.compactMap { file in
                        searchFiles[file.path] == nil && published[file.path] != file.fingerprint ? file.path : nil
                    }
                }.flatMap { $0 } + searchFiles.compactMap { published[$0.key] != $0.value ? $0.key : nil }
            return count(updated, of: outputs)
        }

        private mutating func count(_ updated: [String], of outputs: [String: UInt64]) -> [String] {
            filesWritten = updated.count
            filesUnchanged = outputs.count - updated.count
            return updated
        }

        /// The one line a build ends with.
        /// Made by interpolation: `String(format:)` casts each argument at run time, which costs
        /// a one-article build a few milliseconds of conformance lookups.
        public var summary: String {
            let hundredths = Int((seconds * 100).rounded())
            let time = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s"
            return "Built \(articles) articles in \(issues) issues: \(filesWritten) files written, "
                + "\(filesUnchanged) unchanged, \(time)"
                + (imagesProcessed == 0 ? "" : "; \(imagesProcessed) images processed")
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    public func build() throws(SitegenErrors) -> Report {
        let deferredRelease = DeferredRelease()
        defer { deferredRelease.release() }
        return try build(handingOver: deferredRelease)
    }

    /// `deferredRelease`: what the build holds at its end, freed once the build has returned (see `DeferredRelease`).
    /// The build as its phases, each timed at its call: scan, state, load, plan, staging, render,
    /// search, publish, save. A build whose inputs are those of the published site stops after the
    /// scan; one whose plan matches the published site stops after the plan.
    private func build(handingOver deferredRelease: DeferredRelease) throws(SitegenErrors) -> Report {
        var report = Report()
        var clock = PhaseClock()
        let output = OutputDirectory(destination: options.output, disk: options.disk, flushLimit: options.flushLimit)
        let lock = try lockOutput(output)
        defer { lock.release() }
        defer { output.finishBackgroundWork() }

        // The saved state is decoded on another core while this one walks Content.
        let options = self.options
        var savedState =
            options.clean ? nil : Background { BuildState.load(for: options.output, contentRoot: options.content) }
        let scanned = scanInputs()
        if let summary = publishedSummary(matching: scanned) {
            report.record(unchanged: summary)
            clock.lap("scan", into: &report)
            return report
        }
        clock.lap("scan", into: &report)

        var state = savedState?.value ?? BuildState()
        savedState = nil  // `state` holds the only reference to its content cache, which the load updates in place
        let unrecorded = output.lookForUnrecorded(stagingRecord: state.staging, publishedRecord: state.published)
        clock.lap("state", into: &report)

        var cache = ContentCache()
        swap(&cache, &state.content)
        let loaded = try loadInputs(cache: consume cache, scan: scanned.scan)
        state.content = loaded.content.cache
        state.encodeContentAhead()
        clock.lap("load", into: &report)

        // Scans, PDFs and photos: only new or changed ones are processed; a bad one fails the
        // build here, before anything is written to the output.
        let archive = try processMedia(of: loaded, report: &report)
        clock.lap("media", into: &report)

        // The published site, if it is the one the state describes: what it holds need not be made again.
        let published = OutputDirectory.trusted(state.published, at: options.output.standardizedFileURL)
        let plan = try planOutputs(
            archive, templates: loaded.templates, published: published,
            earlier: (state.pageReads, scanned.digests?.layout, loaded.content.articlesRead))
        let readsChanged = state.pageReads != plan.pageReads
        state.pageReads = plan.pageReads
        report.articles = archive.articles.count
        report.issues = archive.issues.count
        report.pagesFingerprinted = plan.pagesFingerprinted
        report.pages = plan.pageReads.values.count
        clock.lap("plan", into: &report)

        if let published, plan.searchBlocks.isEmpty, published.outputs == plan.fingerprints {
            keepPublished(
                published, plan: plan, inputs: scanned.inputs,
                stateChanged: loaded.content.cacheChanged || readsChanged,
                state: &state, report: &report)
            clock.lap("publish", into: &report)
            return report
        }
        let staging = try writing {
            try writeSite(
                plan, of: archive, replacing: published, output: output, unrecorded: unrecorded, inputs: scanned.inputs,
                state: &state, clock: &clock, report: &report)
        }
        deferredRelease.values = [state, plan, loaded, published as Any, scanned, staging]
        return report
    }

    /// The phases that write: the staging tree made ready, pages rendered, search blocks made, the new
    /// site swapped in, the state saved. Returns what the staging tree held, for `DeferredRelease`.
    private func writeSite(
        _ plan: OutputPlan, of archive: Archive, replacing published: BuildState.Tree?,
        output: OutputDirectory, unrecorded: UnrecordedSearch?, inputs: UInt64?, state: inout BuildState,
        clock: inout PhaseClock, report: inout Report
    ) throws -> OutputDirectory.Contents {
        let staging = try prepareStaging(output, plan: plan, state: &state, unrecorded: unrecorded)
        clock.lap("staging", into: &report)
        try write(
            staging.changed, renderer: plan.renderer, into: output, known: staging.contents.known,
            published: published?.outputs ?? [:])
        clock.lap("render", into: &report)
        let searchFiles = try writeSearchBlocks(
            of: plan, into: output, known: staging.contents.known,
            filesOfBlock: staging.filesOfRemadeBlocks, published: published?.outputs ?? [:])
        let outputs = plan.fingerprints.merging(searchFiles) { $1 }
        let updated = report.count(plan, searchFiles, outputs: outputs, against: published?.outputs ?? [:])
        clock.lap("search", into: &report)
        try requireBodiesRead(of: archive)
        try publish(
            output, outputs: outputs, groups: plan.groups, updated: updated, replacing: published,
            inputs: inputs, state: &state, report: report)
        clock.lap("publish", into: &report)
        try? state.save(for: options.output)
        clock.lap("save", into: &report)
        return staging.contents
    }

    /// Runs the phases that write the site: what fails names its file, or else the output folder.
    private func writing<Result>(_ phases: () throws -> Result) throws(SitegenErrors) -> Result {
        do {
            return try phases()
        } catch let errors as SitegenErrors {
            throw errors
        } catch {
            let problem =
                error as? SitegenError
                ?? SitegenError(
                    path: options.output.path, "could not be written: \(error.localizedDescription)",
                    fix: "check the folder's permissions and free disk space")
            throw SitegenErrors([problem])
        }
    }

    private func lockOutput(_ output: OutputDirectory) throws(SitegenErrors) -> FileLock {
        do {
            return try output.lock()
        } catch {
            throw SitegenErrors([error as? SitegenError ?? SitegenError(path: options.output.path, "\(error)")])
        }
    }

    /// Content's files, and the digests of the inputs (nil when Content has a problem to report).
    private struct ScannedInputs {
        let scan: ContentScan?
        let digests: InputDigest.Digests?
        var inputs: UInt64? { digests?.inputs }
    }

    private func scanInputs() -> ScannedInputs {
        let scan = try? ContentScan(root: options.content.standardizedFileURL)
        return ScannedInputs(scan: scan, digests: scan.flatMap { InputDigest.of(options, content: $0) })
    }

    /// The summary of the published site when it was made from these very inputs: nothing to
    /// read, render or publish.
    private func publishedSummary(matching scanned: ScannedInputs) -> BuildState.Summary? {
        guard !options.clean, let inputs = scanned.inputs, let summary = BuildState.summary(for: options.output),
            summary.inputs == inputs,
            summary.identity == OutputDirectory.Identity(of: options.output.standardizedFileURL)
        else { return nil }
        return summary
    }

    /// What the load phase makes: Content read, templates compiled, and the archive they describe.
    private struct LoadedInputs {
        let content: LoadedContent
        let templates: TemplateSet
        let archive: Archive
    }

    /// An article whose body could not be read again while the pages were made (its file moved,
    /// deleted or damaged during the build) stops the build before it publishes an empty article.
    private func requireBodiesRead(of archive: Archive) throws(SitegenErrors) {
        let content = SiteFolder(options.content, display: options.displayContent)
        let unread = archive.articles.filter(\.bodyWasUnreadable).map { article in
            SitegenError(
                path: content.display(article.sourcePath), "could not be read again while the site was built",
                fix: "check that the file is still there and readable UTF-8 text, then build again")
        }
        guard unread.isEmpty else { throw SitegenErrors(unread) }
    }

    /// The archive with its scans, PDFs and photos, made ready for the site (`MediaStage`).
    private func processMedia(of loaded: LoadedInputs, report: inout Report) throws(SitegenErrors) -> Archive {
        let content = SiteFolder(options.content, display: options.displayContent)
        let (media, processed) = try MediaStage.process(
            loaded.content.media, contentRoot: options.content,
            displayPath: { content.display($0) }, output: options.output)
        report.imagesProcessed = processed
        var archive = loaded.archive
        archive.media = media
        return archive
    }

    /// `earlier`: the saved page reads, the layout of these inputs, and the articles read from their files.
    private func planOutputs(
        _ archive: Archive, templates: TemplateSet, published: BuildState.Tree?,
        earlier: (reads: PageReads?, layout: UInt64?, articlesRead: [String])
    ) throws(SitegenErrors) -> OutputPlan {
        let assets = options.templates.appendingPathComponent("assets")
        do {
            return try OutputPlan(
                archive: archive, templates: templates, assets: assets, published: published,
                earlier: earlier.layout == nil ? nil : earlier.reads, inputsLayout: earlier.layout ?? 0,
                articlesRead: earlier.articlesRead)
        } catch {
            throw SitegenErrors([
                error as? SitegenError
                    ?? SitegenError(
                        path: assets.path,
                        "cannot be read: \(error.localizedDescription)")
            ])
        }
    }

    /// Nothing to publish; still remember any file read, and these inputs, so that the next build
    /// need not read or plan again.
    private func keepPublished(
        _ published: BuildState.Tree, plan: OutputPlan, inputs: UInt64?, stateChanged: Bool,
        state: inout BuildState, report: inout Report
    ) {
        let summary = inputs.map {
            BuildState.Summary(
                identity: published.identity, inputs: $0, articles: report.articles, issues: report.issues,
                files: plan.fingerprints.count)
        }
        if stateChanged || state.summary != summary {
            state.summary = summary
            try? state.save(for: options.output)
        }
        report.filesUnchanged = plan.fingerprints.count
    }

    /// The folder the new site is written into (the old site, or a copy of the published one),
    /// what it already holds, and which of the plan's files it must have made.
    private struct PreparedStaging {
        let contents: OutputDirectory.Contents
        /// The plan's files the staging tree does not hold as they should be.
        let changed: [OutputPlan.File]
        /// Files of search blocks made again: known only once made, so kept until then.
        let filesOfRemadeBlocks: [String: [String]]
    }

    /// Readies the staging tree: files the new site has no more are removed now, except those of search
    /// blocks made again (`writeSearchBlocks` keeps the ones that come out the same).
    private func prepareStaging(
        _ output: OutputDirectory, plan: OutputPlan, state: inout BuildState,
        unrecorded: UnrecordedSearch?
    ) throws -> PreparedStaging {
        // From here the staging tree changes: prepareStaging marks it, so the saved record of it no longer matches.
        let staging = try output.prepareStaging(
            stagingRecord: state.staging, publishedRecord: state.published, unrecorded: unrecorded)
        try output.startLinkedCopy(stagingIsEmpty: staging.isEmpty)
        state.staging = nil
        state.summary = nil
        let known = staging.known
        let remade = Set(plan.searchBlocks.map { plan.search.blocks[$0].id })
        var filesOfRemadeBlocks: [String: [String]] = [:]
        var gone: [String] = []
        func sortOut(_ path: String) {
            if let block = SearchIndexLayout.block(of: path), remade.contains(block) {
                filesOfRemadeBlocks[block, default: []].append(path)
            } else {
                gone.append(path)
            }
        }
        let compared = parallelRuns(plan.files) { files in
            var changed: [OutputPlan.File] = []
            var knownCount = 0
            for file in files {
                let recorded = known[file.path]
                if recorded != nil { knownCount += 1 }
                if recorded != file.fingerprint { changed.append(file) }
            }
            return (changed: changed, known: knownCount)
        }
        // When every file the record knows is one of the plan's, none is to go.
        let planKnowsAll =
            plan.pathsAreUnique && compared.reduce(0) { $0 + $1.known } == known.count
        if !planKnowsAll {
            for path in known.keys where plan.fingerprints[path] == nil { sortOut(path) }
        }
        for path in staging.unknown where plan.fingerprints[path] == nil { sortOut(path) }
        output.remove(gone)
        return PreparedStaging(
            contents: staging, changed: compared.flatMap(\.changed), filesOfRemadeBlocks: filesOfRemadeBlocks)
    }

    /// Swaps the new site in and records both trees in the state: the new one as published, the
    /// old one as the staging tree (its record holds if the swap moved the folder recorded, its inode,
    /// and nothing else touched it).
    private func publish(
        _ output: OutputDirectory, outputs: [String: UInt64], groups: [String: UInt64], updated: [String],
        replacing published: BuildState.Tree?, inputs: UInt64?, state: inout BuildState,
        report: Report
    ) throws {
        let identities = try output.publish()
        state.published = identities.published.map { BuildState.Tree(identity: $0, outputs: outputs, groups: groups) }
        if let identity = identities.published, let inputs {
            state.summary = BuildState.Summary(
                identity: identity, inputs: inputs, articles: report.articles,
                issues: report.issues, files: outputs.count)
        }
        if let old = published, let identity = identities.staging {
            state.staging = BuildState.Tree(identity: identity, outputs: old.outputs, groups: old.groups)
            // It differs from the new site where this build wrote, and where it removed files.
            let added = updated.count { old.outputs[$0] == nil }
            let removed =
                outputs.count - added == old.outputs.count ? [] : old.outputs.keys.filter { outputs[$0] == nil }
            state.stagingDiffersOnlyIn = updated + removed
        } else if output.stagingIsLinkedCopy, let identity = identities.staging {
            state.staging = BuildState.Tree(identity: identity, outputs: outputs, groups: groups)
        }
    }

    /// Brings the changed files of the staging tree up to date on every core: a file the published site
    /// already holds as it should be is hard-linked from it (it changed one build ago); the others
    /// are rendered or written. A staging file recorded as showing what the published one shows is
    /// most likely a link to it (the linked copy, or a link made one build ago), so it is made anew
    /// at once (`likelyLinked`): after one-article edits, an article-template edit rewrites 10,000 of them.
    private func write(
        _ files: [OutputPlan.File], renderer: SiteRenderer, into output: OutputDirectory,
        known: [String: UInt64], published: [String: UInt64]
    ) throws {
        let counter = ProgressCounter(total: files.count, report: options.progress)
        // In runs, each with its page buffer and its renderer (`SiteRenderer.forOneThread`).
        let failures = parallelRuns(files, fewest: 4) { run -> SitegenError? in
            var page = TemplateRenderer()
            let renderer = renderer.forOneThread()
            for file in run {
                defer { counter.advance() }
                if let failure = write(
                    file, renderer: renderer, page: &page, into: output, known: known, published: published)
                {
                    return failure
                }
            }
            return nil
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Writes one file of the plan into the staging tree (linked from the published site when it
    /// holds it as it should be); the error, if it cannot.
    private func write(
        _ file: OutputPlan.File, renderer: SiteRenderer, page: inout TemplateRenderer, into output: OutputDirectory,
        known: [String: UInt64], published: [String: UInt64]
    ) -> SitegenError? {
        let path = file.path
        do {
            let publishedFingerprint = published[path]
            if publishedFingerprint == file.fingerprint, output.linkFromPublished(path) { return nil }
            let linked = publishedFingerprint != nil && known[path] == publishedFingerprint
            switch file.source {
            case .page(let kind):
                renderer.render(kind, into: &page)
                try page.output.withUnsafeBufferPointer { try output.write($0, to: path, likelyLinked: linked) }
            case .text(let make): try output.write(make(), to: path, likelyLinked: linked)
            case .bytes(let bytes):
                try bytes.withUnsafeBufferPointer { try output.write($0, to: path, likelyLinked: linked) }
            case .file(let url): try output.write(try Data(contentsOf: url), to: path, likelyLinked: linked)
            case .published:
                throw SitegenError(
                    path: output.destination.appendingPathComponent(path).path,
                    "is missing from the published site",
                    fix: "build again with --clean")
            }
            return nil
        } catch {
            return error as? SitegenError
                ?? SitegenError(path: path, "could not be written: \(error.localizedDescription)")
        }
    }

    /// Makes the search index blocks the plan found stale and brings their files in the staging tree up
    /// to date, a block per core at a time, so memory holds a few blocks' index, not the
    /// archive's. A file that comes out as the staging tree or the published site already holds it is
    /// kept or linked, not written (an edit changes a few of its block's files), and a record file
    /// whose articles are unchanged is not even made; a file its block no longer has
    /// (`filesOfBlock`) is removed. Returns each file's fingerprint.
    private func writeSearchBlocks(
        of plan: OutputPlan, into output: OutputDirectory, known: [String: UInt64],
        filesOfBlock: [String: [String]], published: [String: UInt64]
    ) throws -> [String: UInt64] {
        let blocks = plan.searchBlocks
        @Sendable func keptOrLinked(_ path: String, _ fingerprint: UInt64) -> Bool {
            known[path] == fingerprint || (published[path] == fingerprint && output.linkFromPublished(path))
        }
        let results = parallelMap(blocks) { block -> Result<[(String, UInt64)], SitegenError> in
            do {
                let records = plan.recordFingerprints(block: block)
                let stale = Set(records.indices.filter { !keptOrLinked(records[$0].path, records[$0].fingerprint) })
                let files = plan.searchFiles(block, parallel: blocks.count == 1, makeRecords: { stale.contains($0) })
                let recordFingerprints = Dictionary(uniqueKeysWithValues: records.map { ($0.path, $0.fingerprint) })
                let made = files.map { ($0.path, recordFingerprints[$0.path] ?? StableHash.of(bytes: $0.bytes)) }
                for (file, (_, fingerprint)) in zip(files, made) where !keptOrLinked(file.path, fingerprint) {
                    try file.bytes.withUnsafeBufferPointer { try output.write($0, to: file.path) }
                }
                return .success(made + records.indices.filter { !stale.contains($0) }.map { records[$0] })
            } catch {
                // A write names its own file; anything else names the index's folder.
                return .failure(
                    error as? SitegenError
                        ?? SitegenError(
                            path: output.staging.appendingPathComponent("search").path,
                            "could not be written: \(error.localizedDescription)"))
            }
        }
        var fingerprints: [String: UInt64] = [:]
        for result in results {
            for (path, fingerprint) in try result.get() { fingerprints[path] = fingerprint }
        }
        // After the writes, not among them: removing a block's last file also removes its folders.
        output.remove(filesOfBlock.values.joined().filter { fingerprints[$0] == nil })
        return fingerprints
    }

    /// Content and templates, with the problems of both reported together. The templates are
    /// parsed on another thread while the content loads.
    private func loadInputs(cache: consuming ContentCache, scan: ContentScan?) throws(SitegenErrors) -> LoadedInputs {
        let options = self.options
        let parsed = Background { () -> Result<TemplateSet, SitegenErrors> in
            Result { () throws(SitegenErrors) in
                try TemplateSet(directory: options.templates, displayRoot: options.displayTemplates)
            }
        }
        var errors: [SitegenError] = []
        var content: LoadedContent?
        do {
            content = try ContentLoader(
                root: options.content, displayRoot: options.displayContent, cache: consume cache, scan: scan
            ).load()
        } catch {
            errors += error.errors
        }
        var templates: TemplateSet?
        switch parsed.value {
        case .success(let set): templates = set
        case .failure(let error): errors += error.errors
        }
        guard let content, let templates else { throw SitegenErrors(errors) }
        var site = content.site
        if let base = options.baseURL { site.baseURL = SiteConfig.normalizedBaseURL(base) }
        return LoadedInputs(
            content: content, templates: templates,
            archive: Archive(articles: content.articles, listings: content.listings, site: site))
    }
}

/// What a build holds at its end, freed on a thread of its own once the build has returned: the
/// state, the plan and the archive are a hundred thousand small objects, and freeing them took
/// 8 ms, 4% of a one-article rebuild, which the caller (a command about to print and exit, a
/// server about to answer) need not wait for. Handed over before the build returns, so that the
/// build's own references go first and the thread's are the last.
private final class DeferredRelease: @unchecked Sendable {
    var values: [Any] = []

    func release() {
        guard !values.isEmpty else { return }
        Thread { self.values = [] }.start()
    }
}

/// Counts rendered pages across threads and reports every 1% (only when someone listens).
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let step: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.step = max(1, total / 100)
        self.report = report
    }

    func advance() {
        guard let report else { return }
        let now = lock.withLock { () -> Int in
            done += 1
            return done
        }
        if now % step == 0 || now == total { report(now, total) }
    }
}

/// Wall-clock and CPU time per build phase, for `--timings`.
struct PhaseClock {
    private var last = DispatchTime.now()
    private var lastCPU = Self.processCPU()

    mutating func lap(_ phase: String, into report: inout SiteBuilder.Report) {
        let now = DispatchTime.now()
        let cpu = Self.processCPU()
        report.timings.append((phase, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, cpu - lastCPU))
        last = now
        lastCPU = cpu
    }

    /// User and system seconds of every thread of the process so far.
    private static func processCPU() -> Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
