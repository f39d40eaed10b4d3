import Foundation
import Mustache

/// The editor-changeable Mustache templates of `Templates/`, parsed once per build.
///
/// Each `NAME.mustache` (in subfolders too: `partials/page-nav`) is registered under its name, so
/// any template can use it as a partial (`{{> partials/page-nav}}`) or a parent layout
/// (`{{< layout}}…{{/ layout}}`).
public struct TemplateSet: Sendable {
    /// Templates the build renders pages with; the others are partials and layouts.
    public static let required = ["article", "page", "issue", "home", "archive", "archive-year", "search", "404"]

    let library: MustacheLibrary
    /// Name → SHA-256 of the template's text, to tell which outputs a template edit touches.
    public let sources: [String: String]

    public init(directory: URL, displayRoot: String) throws(SitegenErrors) {
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        var errors: [SitegenError] = []
        let root = directory.standardizedFileURL
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []
        for relative in names.sorted() where relative.hasSuffix(".mustache") && !relative.hasPrefix("assets/") {
            let name = String(relative.dropLast(".mustache".count))
            let display = displayRoot + "/" + relative
            do {
                let text = try TextFile.read(root.appendingPathComponent(relative), displayPath: display)
                library.register(try Self.parse(text, path: display), named: name)
                sources[name] = text
            } catch {
                errors.append(error)
            }
        }
        for name in Self.required where sources[name] == nil && !errors.contains(where: { $0.path?.hasSuffix("/\(name).mustache") == true }) {
            errors.append(SitegenError(path: "\(displayRoot)/\(name).mustache", "is missing: the build renders pages with it",
                                       fix: "restore it from the templates sitegen ships (Templates/ in its repository)"))
        }
        guard errors.isEmpty else { throw SitegenErrors(errors) }
        self.library = library
        self.sources = sources
    }

    /// Every template renders with `FastHTMLContentType`: the same escaping as the library's own
    /// HTML content type, without its per-character cost. The pragma goes in front of line 1, so
    /// line numbers in error messages stay the editor's.
    static let contentTypePragma: String = {
        MustacheContentTypes.register(FastHTMLContentType(), named: "SITEGEN_HTML")
        return "{{% CONTENT_TYPE: SITEGEN_HTML }}"
    }()

    static func parse(_ text: String, path: String) throws(SitegenError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: contentTypePragma + text)
        } catch let error as MustacheTemplate.ParserError {
            // Line 1 starts with the injected pragma: report the editor's own column and text.
            let onFirstLine = error.context.lineNumber == 1
            let column = error.context.columnNumber - (onFirstLine ? contentTypePragma.count : 0)
            let line = onFirstLine ? String(error.context.line.dropFirst(contentTypePragma.count)) : error.context.line
            throw SitegenError(path: path, line: error.context.lineNumber,
                               "template syntax error: \(describe(error.error)) (column \(column): \(line.trimmingCharacters(in: .whitespaces)))",
                               fix: "check that every {{#section}} and {{^section}} has a matching {{/section}} and every tag is closed with }}")
        } catch {
            throw SitegenError(path: path, "template syntax error: \(error)")
        }
    }

    static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: return "a closing tag {{/…}} does not match the section it closes"
        case .unfinishedName: return "a tag is not closed"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "a delimiter change {{=…=}} is malformed"
        default: return "\(error)"
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
        reach(from: name).contains { sources[$0]?.contains(word) == true }
    }

    /// A template and every template it can reach through partials and parents.
    private func reach(from name: String) -> Set<String> {
        var reached: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard reached.insert(next).inserted, let text = sources[next] else { continue }
            for reference in Self.references(in: text) {
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
    /// out (`{{>*dynamic}}`, or `{{=…=}}` changing the delimiters).
    static func references(in text: String) -> [String] {
        if text.contains("{{=") { return ["*"] }
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let sigil = rest.first, sigil == ">" || sigil == "<" else { continue }
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            names.append(name.hasPrefix("*") ? "*" : name)
            rest = rest[close.upperBound...]
        }
        return names
    }

    struct FastHTMLContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { text.escapedForMarkup }
    }

    func render(_ context: Any, with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
