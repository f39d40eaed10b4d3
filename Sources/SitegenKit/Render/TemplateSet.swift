import Foundation

/// The editor-changeable Mustache templates of `Templates/`, parsed once per build.
///
/// Each `NAME.mustache` (in subfolders too: `partials/page-nav`) is registered under its name, so
/// any template can use it as a partial (`{{> partials/page-nav}}`) or a parent layout
/// (`{{< layout}}…{{/ layout}}`).
public struct TemplateSet: Sendable {
    /// Templates the build renders pages with, one per page kind; the others are partials and layouts.
    public static var required: [String] { PageKind.templates.map(\.name) }

    /// Name → the template's text, to tell which outputs a template edit touches.
    public let sources: [String: String]
    /// Name → the templates it names as partials or parents (`references(in:)`), found once.
    private let references: [String: [String]]
    /// Page template → its ops, compiled for its page kind's context.
    private var compiled: [String: CompiledTemplate]
    /// How many read plan nodes the page templates have together: the size of a `ReadMemo`.
    let planNodes: Int

    public init(directory: URL, displayRoot: String) throws(SitegenErrors) {
        var sources: [String: String] = [:]
        var errors: [SitegenError] = []
        let root = directory.standardizedFileURL
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []
        for relative in names.sorted() where relative.hasSuffix(".mustache") && !relative.hasPrefix("assets/") {
            let name = String(relative.dropLast(".mustache".count))
            let display = displayRoot + "/" + relative
            let text: String
            do {
                text = try TextFile.read(root.appendingPathComponent(relative), displayPath: display)
            } catch {
                errors.append(error)
                continue
            }
            // Every template is parsed, used or not, so a syntax error is reported wherever it is.
            do {
                _ = try TemplateParser.parse(text)
                sources[name] = text
            } catch {
                errors.append(Self.syntaxError(error.message, path: display, line: error.line))
            }
        }
        for name in Self.required
        where sources[name] == nil && !errors.contains(where: { $0.path?.hasSuffix("/\(name).mustache") == true }) {
            errors.append(
                SitegenError(
                    path: "\(displayRoot)/\(name).mustache", "is missing: the build renders pages with it",
                    fix: "restore it from the templates sitegen ships (Templates/ in its repository)"))
        }
        guard errors.isEmpty else { throw SitegenErrors(errors) }
        var compiler = TemplateCompiler(source: { sources[$0] })
        var compiled: [String: CompiledTemplate] = [:]
        var planNodes = 0
        for (name, schema) in PageKind.templates {
            do {
                let (ops, plan) = try compiler.compileWithPlan(name, for: .object(schema))
                plan?.numberNodes(from: &planNodes)
                let typed = plan == nil ? nil : TypedCompiler.convert(ops, frames: [.object(schema)])
                compiled[name] = CompiledTemplate(
                    ops: ops, typed: typed, context: schema.contextType, plan: plan, digest: 0)
            } catch {
                errors.append(
                    Self.syntaxError(error.message, path: "\(displayRoot)/\(error.template).mustache", line: error.line)
                )
            }
        }
        guard errors.isEmpty else { throw SitegenErrors(errors) }
        self.sources = sources
        self.planNodes = planNodes
        references = sources.mapValues(Self.references(in:))
        self.compiled = compiled
        // Each page template's digest covers the templates it reaches, so that an edit re-renders
        // exactly the pages that use it.
        for (name, template) in compiled {
            self.compiled[name] = CompiledTemplate(
                ops: template.ops, typed: template.typed, context: template.context,
                plan: template.plan, digest: digest(of: name))
            self.compiled[name]!.readsDigest = template.plan?.shapeDigest() ?? self.compiled[name]!.digest
        }
    }

    static func syntaxError(_ message: String, path: String, line: Int) -> SitegenError {
        SitegenError(
            path: path, line: line, "template error: \(message)",
            fix: "see docs/templates-engine.md for the Mustache sitegen supports and the names each page offers")
    }

    /// A page's fingerprint: its templates' text (with the partials and parents they reach) and
    /// every value the compiled template reads of `view` (see `ReadPlan`). `scope` is the page's:
    /// its way back to the site root, which every link on it starts with (links fold in only their
    /// paths), and what the page is about (`current` fields fold in what they compare it with).
    /// `memo` keeps the digests of keyed contexts for the next pages. A template whose reads are
    /// not known before rendering is rendered and hashed.
    func fingerprint<View: TemplateContext>(
        _ view: View, scope: RenderScope, with name: String, memo: ReadMemo? = nil
    ) -> UInt64 {
        fingerprint(of: name, values: values(view, scope: scope, with: name, memo: memo))
    }

    /// A page's fingerprint from its values digest: with its templates' text.
    func fingerprint(of name: String, values: UInt64) -> UInt64 {
        StableHash.of {
            $0.combine(compiled[name]?.digest ?? 0)
            $0.combine(values)
        }
    }

    /// The digest of what page template `name` reads of `view`, with the page's scope: the same
    /// while the data and the shape of the template's read plan (`readsDigest`) are, whatever
    /// else its text changes.
    func values<View: TemplateContext>(
        _ view: View, scope: RenderScope, with name: String, memo: ReadMemo? = nil
    ) -> UInt64 {
        guard let template = compiled[name] else { return 0 }
        var digest = PageDigest(memo: memo)
        scope.combine(into: &digest.hash)
        if let plan = template.plan {
            plan.combine(view, into: &digest)
        } else {
            var renderer = TemplateRenderer(capacity: 0)
            renderer.render(template.ops, context: .object(view))
            renderer.output.withUnsafeBytes { digest.hash.combine(bytes: $0) }
        }
        return digest.hash.value
    }

    /// What the values digests of page template `name`'s pages depend on besides the pages
    /// (`CompiledTemplate.readsDigest`).
    func readsDigest(of name: String) -> UInt64 { compiled[name]?.readsDigest ?? 0 }

    /// Whether page template `name` renders as a `TypedTemplate`, and has a read plan.
    func isTyped(_ name: String) -> Bool { compiled[name]?.typed != nil && compiled[name]?.plan != nil }

    /// Renders page template `name` for `view` into the renderer's buffer.
    func render<View: TemplateContext>(_ view: View, with name: String, into renderer: inout TemplateRenderer) {
        guard let template = compiled[name] else { return }
        if let typed = template.typed, template.context == ObjectIdentifier(View.self) {
            renderer.render(typed, view: view)
        } else {
            renderer.render(template.ops, context: .object(view))
        }
    }

    /// A digest of a template and every template it can reach through partials and parents, so
    /// that a template edit re-renders only the pages that use it.
    func digest(of name: String) -> UInt64 {
        StableHash.of { hash in
            for template in reach(from: name).sorted() {
                hash.combine(template)
                hash.combine(sources[template])
            }
        }
    }

    /// Whether a template, or one it reaches, spells out `word` anywhere: a template can show a
    /// variable only by naming it, so a page whose templates never name one does not depend on it.
    func mentions(_ word: String, from name: String) -> Bool {
        let word = Array(word.utf8)
        return reach(from: name).contains {
            sources[$0].map { TemplateParser.find(word, in: Array($0.utf8), from: 0) != nil } ?? false
        }
    }

    /// A template and every template it can reach through partials and parents.
    private func reach(from name: String) -> Set<String> {
        var reached: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard reached.insert(next).inserted, let names = references[next] else { continue }
            for reference in names {
                if reference == "*" {
                    // A dynamic partial or changed delimiters: any template may be used.
                    pending += sources.keys
                } else {
                    pending.append(reference)
                }
            }
        }
        return reached
    }

    /// Names after `{{>` and `{{<`; `*` when the template could reach others in ways not spelled
    /// out (`{{>*dynamic}}`, or `{{=…=}}` changing the delimiters). Byte by byte: every build
    /// asks this of every template.
    static func references(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        if TemplateParser.find(Array("{{=".utf8), in: bytes, from: 0) != nil { return ["*"] }
        let open = Array("{{".utf8)
        let close = Array("}}".utf8)
        var names: [String] = []
        var next = 0
        while let start = TemplateParser.find(open, in: bytes, from: next) {
            next = start + 2
            guard next < bytes.count, bytes[next] == UInt8(ascii: ">") || bytes[next] == UInt8(ascii: "<") else {
                continue
            }
            guard let end = TemplateParser.find(close, in: bytes, from: next) else { break }
            let name = String(decoding: bytes[(next + 1)..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            names.append(name.hasPrefix("*") ? "*" : name)
            next = end + 2
        }
        return names
    }

}

/// A page template compiled for its page kind: immutable once made, shared by every render thread.
struct CompiledTemplate: @unchecked Sendable {
    let ops: [TemplateOp]
    /// The same, with every name read through its field's typed visitor: nil when a name is
    /// known only at render time.
    let typed: TypedTemplate?
    /// The context type the typed ops were compiled for.
    let context: ObjectIdentifier?
    /// What it reads of its page kind's context: nil when only rendering can tell.
    let plan: ReadPlan?
    /// Of its text and the text of the partials and parents it reaches.
    let digest: UInt64
    /// What a page's values digest (`TemplateSet.values`) depends on besides the page: the shape
    /// of the read plan, or, for a template without one, its text.
    var readsDigest: UInt64 = 0
}
