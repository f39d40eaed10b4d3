/// Reads Mustache text into `TemplateNode`s: tags with their line numbers, the specification's
/// standalone-line rules, set delimiters and comments.
struct TemplateParser {
    private enum Kind: Equatable {
        case text, variable, unescaped, section, inverted, close, comment, partial, parent, block, delimiters
    }

    private struct Token {
        var kind: Kind
        var bytes: [UInt8] = []
        var name = ""
        var line: Int
        /// Text only: it ends with a line break.
        var endsLine = false
        var removed = false
        /// Partials and parents standing alone on their line: the whitespace before them.
        var indentation = ""
        var standalone = false
        /// The whitespace before the tag on its line, when only whitespace comes before it.
        var linePrefix: [UInt8]? = nil
        var closesParent = false
    }

    static func parse(_ text: String) throws(TemplateError) -> [TemplateNode] {
        var tokens = try tokenize(Array(text.utf8))
        markStandaloneLines(&tokens)
        return try tree(tokens)
    }

    /// Each line of `text` (but an empty last one) with `indentation` in front: how a standalone
    /// partial or parent is indented, line by line of its template, never inside interpolated values.
    static func indent(_ text: String, by indentation: String) -> String {
        guard !indentation.isEmpty else { return text }
        var result = ""
        var atLineStart = true
        for character in text {
            if atLineStart { result += indentation }
            result.append(character)
            atLineStart = character == "\n" || character == "\r\n"
        }
        return result
    }

    // MARK: - Tokens

    private static let brace = UInt8(ascii: "{"), closingBrace = UInt8(ascii: "}"), equals = UInt8(ascii: "=")

    private static func tokenize(_ bytes: [UInt8]) throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        var index = 0
        var line = 1
        while index < bytes.count {
            let start = find(open, in: bytes, from: index) ?? bytes.count
            appendText(bytes[index..<start], line: &line, to: &tokens)
            guard start < bytes.count else { break }
            let tagLine = line
            var contentStart = start + open.count
            var terminator = close
            if contentStart < bytes.count, bytes[contentStart] == brace {
                terminator = [closingBrace] + close
                contentStart += 1
            } else if contentStart < bytes.count, bytes[contentStart] == equals {
                terminator = [equals] + close
            }
            guard let end = find(terminator, in: bytes, from: contentStart) else {
                throw TemplateError(
                    line: tagLine,
                    message: "a tag opened here is never closed with \(String(decoding: close, as: UTF8.self))")
            }
            let content = String(decoding: bytes[contentStart..<end], as: UTF8.self)
            line += bytes[start..<end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            index = end + terminator.count
            var token = try tag(
                content, triple: terminator.count == close.count + 1 && terminator.first == closingBrace, line: tagLine)
            if token.kind == .delimiters {
                (open, close) = try delimiters(token.name, line: tagLine)
                token.name = ""
            }
            tokens.append(token)
        }
        return tokens
    }

    /// Text split after each line break, so standalone lines can be told apart.
    private static func appendText(_ text: ArraySlice<UInt8>, line: inout Int, to tokens: inout [Token]) {
        var pieceStart = text.startIndex
        for position in text.indices where text[position] == 0x0A {
            tokens.append(Token(kind: .text, bytes: Array(text[pieceStart...position]), line: line, endsLine: true))
            line += 1
            pieceStart = position + 1
        }
        if pieceStart < text.endIndex {
            tokens.append(Token(kind: .text, bytes: Array(text[pieceStart...]), line: line))
        }
    }

    private static func tag(_ content: String, triple: Bool, line: Int) throws(TemplateError) -> Token {
        let trimmed = content.trimmingWhitespace
        if triple { return Token(kind: .unescaped, name: trimmed, line: line) }
        guard let sigil = trimmed.first else {
            throw TemplateError(line: line, message: "an empty tag {{}}: a tag needs a name")
        }
        let rest = String(trimmed.dropFirst()).trimmingWhitespace
        let kind: Kind
        switch sigil {
        case "&": kind = .unescaped
        case "#": kind = .section
        case "^": kind = .inverted
        case "/": kind = .close
        case "!": return Token(kind: .comment, line: line)
        case ">": kind = .partial
        case "<": kind = .parent
        case "$": kind = .block
        case "=": return Token(kind: .delimiters, name: rest, line: line)
        default: return Token(kind: .variable, name: trimmed, line: line)
        }
        if rest.isEmpty { throw TemplateError(line: line, message: "the tag {{\(sigil)}} has no name") }
        if kind == .partial || kind == .parent, rest.hasPrefix("*") {
            throw TemplateError(
                line: line, message: "dynamic names ({{\(sigil)\(rest)}}) are not supported: name the template itself")
        }
        return Token(kind: kind, name: rest, line: line)
    }

    private static func delimiters(_ content: String, line: Int) throws(TemplateError) -> ([UInt8], [UInt8]) {
        let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw TemplateError(
                line: line,
                message: "a delimiter change {{=…=}} needs two delimiters separated by a space, as in {{=<% %>=}}")
        }
        return (Array(parts[0].utf8), Array(parts[1].utf8))
    }

    // MARK: - Standalone lines

    /// A line holding only whitespace and non-printing tags (sections, comments, partials, …) is
    /// removed with its line break. Several tags on one line count only when a parent tag is among
    /// them (`{{<layout}}{{$body}}`), as in the specification's inheritance tests.
    private static func markStandaloneLines(_ tokens: inout [Token]) {
        var openKinds: [Kind] = []
        for index in tokens.indices {
            switch tokens[index].kind {
            case .section, .inverted, .parent, .block: openKinds.append(tokens[index].kind)
            case .close: tokens[index].closesParent = openKinds.popLast() == .parent
            default: break
            }
        }
        var lineStart = 0
        while lineStart < tokens.count {
            var lineEnd = lineStart
            while lineEnd < tokens.count - 1, !(tokens[lineEnd].kind == .text && tokens[lineEnd].endsLine) {
                lineEnd += 1
            }
            markLine(&tokens, lineStart...lineEnd)
            lineStart = lineEnd + 1
        }
    }

    private static func markLine(_ tokens: inout [Token], _ range: ClosedRange<Int>) {
        var prefix: [UInt8]? = []
        for index in range {
            if tokens[index].kind == .text {
                if let soFar = prefix, isBlank(tokens[index].bytes) {
                    prefix = soFar + tokens[index].bytes
                } else {
                    prefix = nil
                }
            } else {
                tokens[index].linePrefix = prefix
            }
        }
        let tags = range.filter { tokens[$0].kind != .text }
        guard !tags.isEmpty,
            tags.allSatisfy({ tokens[$0].kind != .variable && tokens[$0].kind != .unescaped }),
            range.allSatisfy({ tokens[$0].kind != .text || isBlank(tokens[$0].bytes) }),
            tags.count == 1 || tags.contains(where: { tokens[$0].kind == .parent || tokens[$0].closesParent })
        else { return }
        let indentation =
            tokens[range.lowerBound].kind == .text && !tokens[range.lowerBound].endsLine
            ? String(decoding: tokens[range.lowerBound].bytes, as: UTF8.self) : ""
        for index in range {
            if tokens[index].kind == .text {
                tokens[index].removed = true
            } else {
                tokens[index].standalone = true
                if tokens[index].kind == .partial || tokens[index].kind == .parent {
                    tokens[index].indentation = indentation
                }
            }
        }
    }

    /// Spaces and tabs, with at most a line break at the end.
    private static func isBlank(_ bytes: [UInt8]) -> Bool {
        var body = bytes[...]
        if body.last == 0x0A {
            body = body.dropLast()
            if body.last == 0x0D { body = body.dropLast() }
        }
        return body.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    // MARK: - Tree

    private struct Open {
        let token: Token
        var children: [TemplateNode] = []
    }

    private static func tree(_ tokens: [Token]) throws(TemplateError) -> [TemplateNode] {
        var stack: [Open] = [Open(token: Token(kind: .text, line: 0))]
        for token in tokens where !token.removed {
            switch token.kind {
            case .text:
                stack[stack.count - 1].children.append(.text(token.bytes))
            case .variable, .unescaped:
                stack[stack.count - 1].children.append(
                    .variable(name: token.name, escaped: token.kind == .variable, line: token.line))
            case .partial:
                stack[stack.count - 1].children.append(
                    .partial(name: token.name, indentation: token.indentation, line: token.line))
            case .section, .inverted, .parent, .block:
                stack.append(Open(token: token))
            case .close:
                guard stack.count > 1, let open = stack.popLast() else {
                    throw TemplateError(
                        line: token.line, message: "{{/\(token.name)}} closes a section that was never opened")
                }
                guard open.token.name == token.name else {
                    throw TemplateError(
                        line: token.line,
                        message:
                            "{{/\(token.name)}} does not match {{\(sigil(open.token.kind))\(open.token.name)}} opened at line \(open.token.line)"
                    )
                }
                stack[stack.count - 1].children.append(node(closing: open))
            case .comment, .delimiters:
                continue
            }
        }
        if stack.count > 1, let open = stack.last {
            throw TemplateError(
                line: open.token.line,
                message: "{{\(sigil(open.token.kind))\(open.token.name)}} is never closed with {{/\(open.token.name)}}")
        }
        return stack[0].children
    }

    private static func node(closing open: Open) -> TemplateNode {
        let token = open.token
        switch token.kind {
        case .parent:
            let blocks = open.children.compactMap { node -> TemplateBlock? in
                if case .block(let block) = node { return block }
                return nil
            }
            return .parent(name: token.name, indentation: token.indentation, blocks: blocks, line: token.line)
        case .block:
            let firstLine = leadingWhitespace(of: open.children)
            let tagIndentation = token.linePrefix ?? []
            return .block(
                TemplateBlock(
                    name: token.name, children: open.children, line: token.line,
                    ownIndentation: token.standalone ? firstLine : [],
                    expansionIndentation: token.standalone
                        ? (open.children.isEmpty ? tagIndentation : firstLine) : tagIndentation,
                    indentsFirstLine: token.standalone))
        default:
            return .section(
                name: token.name, inverted: token.kind == .inverted, children: open.children, line: token.line)
        }
    }

    private static func leadingWhitespace(of nodes: [TemplateNode]) -> [UInt8] {
        guard case .text(let bytes)? = nodes.first else { return [] }
        return Array(bytes.prefix { $0 == 0x20 || $0 == 0x09 })
    }

    private static func sigil(_ kind: Kind) -> String {
        switch kind {
        case .inverted: return "^"
        case .parent: return "<"
        case .block: return "$"
        default: return "#"
        }
    }

    /// Where `word` first occurs in `bytes` at or after `start` (also `TemplateSet`'s tag search).
    static func find(_ word: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = word.first, bytes.count >= word.count else { return nil }
        var index = start
        while index <= bytes.count - word.count {
            if bytes[index] == first && bytes[index..<(index + word.count)].elementsEqual(word) { return index }
            index += 1
        }
        return nil
    }
}

extension String {
    var trimmingWhitespace: String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" || first == "\n" || first == "\r\n" {
            slice = slice.dropFirst()
        }
        while let last = slice.last, last == " " || last == "\t" || last == "\n" || last == "\r\n" {
            slice = slice.dropLast()
        }
        return String(slice)
    }
}
