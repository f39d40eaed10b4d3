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

    static func parse(_ text: String, path: String) throws(SitegenError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw SitegenError(path: path, line: error.context.lineNumber,
                               "template syntax error: \(describe(error.error)) (column \(error.context.columnNumber): \(error.context.line.trimmingCharacters(in: .whitespaces)))",
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

    func render(_ context: Any, with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
