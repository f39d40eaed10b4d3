import Mustache

/// A context object templates read from. Conforming types answer `value(named:)`; text and
/// numbers reach the template as `RenderedText`, which swift-mustache prints directly, skipping
/// the reflection it uses to print arbitrary values (most of a variable's cost).
protocol TemplateContext: MustacheParent {
    func value(named name: String) -> Any?
}

extension TemplateContext {
    func child(named name: String) -> Any? {
        switch value(named: name) {
        case let text as String: return RenderedText(renderText: text)
        case let number as Int: return RenderedText(renderText: String(number))
        case let other: return other
        }
    }
}

/// Text ready for the template (it is still HTML-escaped by `{{…}}`).
struct RenderedText: MustacheCustomRenderable {
    let renderText: String
    var isNull: Bool { false }
}
