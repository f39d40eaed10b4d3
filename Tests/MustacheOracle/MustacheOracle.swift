import Foundation
import Mustache
import SitegenKit

/// swift-mustache, the renderer sitegen used before its own, as the oracle the compiled renderer is
/// compared with: it renders the same typed contexts, read through their declared names.
public struct MustacheOracle {
    let library: MustacheLibrary

    public init(directory: URL) throws {
        MustacheContentTypes.register(EscapedForMarkup(), named: "SITEGEN_HTML")
        var library = MustacheLibrary()
        let names = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
        for relative in names where relative.hasSuffix(".mustache") && !relative.hasPrefix("assets/") {
            let text = try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
            library.register(
                try MustacheTemplate(string: "{{% CONTENT_TYPE: SITEGEN_HTML }}" + text),
                named: String(relative.dropLast(".mustache".count)))
        }
        self.library = library
    }

    public func render(_ view: any TemplateContext, with name: String) -> String {
        library.render(Adapter(context: view), withTemplate: name) ?? ""
    }

    /// The escaping sitegen's pages have always used.
    struct EscapedForMarkup: MustacheContentType {
        func escapeText(_ text: String) -> String { text.escapedForMarkup }
    }

    /// A typed context as swift-mustache reads one: by name, a null value being no value.
    struct Adapter: MustacheParent {
        let context: any TemplateContext

        func child(named name: String) -> Any? {
            context.value(named: name).flatMap(Self.convert)
        }

        static func convert(_ value: TemplateValue) -> Any? {
            switch value {
            case .null: return nil
            case .bool(let flag): return flag
            case .int(let number): return Text(renderText: String(number))
            case .double(let number): return Text(renderText: "\(number)")
            case .text(let text): return Text(renderText: text)
            case .object(let context): return Adapter(context: context)
            case .list(let items): return items.compactMap(convert)
            }
        }
    }

    struct Text: MustacheCustomRenderable {
        let renderText: String
        var isNull: Bool { false }
    }
}
