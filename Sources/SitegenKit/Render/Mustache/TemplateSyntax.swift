/// A parsed Mustache template: text and tags as a tree, each tag with the line it starts on.
indirect enum TemplateNode {
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case variable(name: String, escaped: Bool, line: Int)
    /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`.
    case section(name: String, inverted: Bool, children: [TemplateNode], line: Int)
    /// `{{>name}}`; `indentation` is the whitespace before a standalone tag.
    case partial(name: String, indentation: String, line: Int)
    /// `{{<name}}…{{/name}}`: the parent template with these blocks overridden.
    case parent(name: String, indentation: String, blocks: [TemplateBlock], line: Int)
    /// `{{$name}}…{{/name}}`: a block, with its default content.
    case block(TemplateBlock)
}

/// A block's content and how its lines are indented, for the specification's reindentation rules:
/// an override's own indentation is removed and the indentation where the block is expanded added.
struct TemplateBlock {
    let name: String
    let children: [TemplateNode]
    let line: Int
    /// The whitespace of the content's first line when the opening tag stands alone on its line,
    /// else "": removed from each line of the content when it overrides a block.
    let ownIndentation: [UInt8]
    /// The indentation added to each line of an override expanded here.
    let expansionIndentation: [UInt8]
    /// Whether that indentation goes on the first line too (the opening tag stands alone).
    let indentsFirstLine: Bool
}

/// A template error: the file, the line and what is wrong.
struct TemplateError: Error {
    let line: Int
    let message: String
}
