import CLibXML2
import SitegenKit

/// An HTML page parsed by libxml2's HTML parser (forgiving, like a browser: unquoted
/// attributes, unclosed tags, stray markup), copied into a small Swift tree.
final class HTMLNode {
    enum Kind { case element, text, comment }

    let kind: Kind
    /// Lower-case tag name for elements.
    let name: String
    let attributes: [String: String]
    /// Text of text and comment nodes.
    let text: String
    fileprivate(set) var children: [HTMLNode] = []

    init(kind: Kind, name: String = "", attributes: [String: String] = [:], text: String = "") {
        self.kind = kind
        self.name = name
        self.attributes = attributes
        self.text = text
    }

    /// Deeper nesting is flattened into the node at this depth, so no walk over the tree can
    /// exhaust the stack, whatever the input.
    static let maximumDepth = 160

    /// Parses UTF-8 HTML. Never fails: libxml2 recovers from any input; an empty tree is possible.
    static func parse(_ html: String) -> HTMLNode {
        let root = HTMLNode(kind: .element, name: "#document")
        var bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return root }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        let document = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(clamping: buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return root }
        defer { xmlFreeDoc(document) }
        // Iterative copy: (libxml2 node, Swift parent, depth).
        var stack: [(xmlNodePtr, HTMLNode, Int)] = []
        var child = document.pointee.children
        var pending: [xmlNodePtr] = []
        while let node = child {
            pending.append(node)
            child = node.pointee.next
        }
        for node in pending.reversed() { stack.append((node, root, 1)) }
        while let (node, parent, depth) = stack.popLast() {
            let copy: HTMLNode
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                copy = HTMLNode(
                    kind: .element, name: string(node.pointee.name).lowercased(), attributes: attributes(of: node))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                copy = HTMLNode(kind: .text, text: string(node.pointee.content))
            case XML_COMMENT_NODE:
                copy = HTMLNode(kind: .comment, text: string(node.pointee.content))
            default:
                continue
            }
            parent.children.append(copy)
            let container = depth < maximumDepth ? copy : parent
            var children: [xmlNodePtr] = []
            var next = node.pointee.children
            while let item = next {
                children.append(item)
                next = item.pointee.next
            }
            for item in children.reversed() { stack.append((item, container, depth + 1)) }
        }
        return root
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        string(UnsafePointer(pointer))
    }

    private static func attributes(of node: xmlNodePtr) -> [String: String] {
        var result: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = string(current.pointee.name).lowercased()
            var value = ""
            var text = current.pointee.children
            while let part = text {
                value += string(part.pointee.content)
                text = part.pointee.next
            }
            if result[name] == nil { result[name] = value }
            attribute = current.pointee.next
        }
        return result
    }

    // MARK: - Queries (all iterative or depth-bounded)

    /// Every node below this one, in document order.
    func descendants() -> [HTMLNode] {
        var result: [HTMLNode] = []
        var stack: [HTMLNode] = children.reversed()
        while let node = stack.popLast() {
            result.append(node)
            stack.append(contentsOf: node.children.reversed())
        }
        return result
    }

    func elements(where predicate: (HTMLNode) -> Bool) -> [HTMLNode] {
        descendants().filter { $0.kind == .element && predicate($0) }
    }

    func first(where predicate: (HTMLNode) -> Bool) -> HTMLNode? {
        var stack: [HTMLNode] = children.reversed()
        while let node = stack.popLast() {
            if node.kind == .element, predicate(node) { return node }
            stack.append(contentsOf: node.children.reversed())
        }
        return nil
    }

    func element(id: String) -> HTMLNode? { first { $0.attributes["id"] == id } }

    func hasClass(_ name: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == name }
    }

    /// Elements whose content is not shown as text.
    static let hidden: Set<String> = [
        "script", "style", "noscript", "head", "title", "select", "option", "map", "area",
        "iframe", "object", "template", "textarea", "button", "input", "img", "svg",
    ]
    static let lineBreaking: Set<String> = [
        "div", "br", "li", "ul", "ol", "tr", "table", "tbody", "section", "article",
        "header", "footer", "nav", "dd", "dt", "dl", "blockquote", "pre", "form",
        "center", "td", "th", "founder-content", "aside", "main", "figure", "figcaption",
    ]
    static let paragraphs: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6"]

    /// The text a browser shows for this node: whitespace collapsed as HTML does, a line break
    /// around blocks, a blank line around paragraphs and headings.
    var visibleText: String {
        var output = ""
        var stack: [(HTMLNode, Bool)] = [(self, false)]
        while let (node, closing) = stack.popLast() {
            if closing {
                output += Self.paragraphs.contains(node.name) ? "\n\n" : "\n"
                continue
            }
            switch node.kind {
            case .text:
                output += Self.collapsingWhitespace(node.text, after: output.unicodeScalars.last.map(Character.init))
            case .comment:
                continue
            case .element:
                if Self.hidden.contains(node.name) { continue }
                let breaks = Self.lineBreaking.contains(node.name) || Self.paragraphs.contains(node.name)
                if breaks {
                    output += Self.paragraphs.contains(node.name) ? "\n\n" : "\n"
                    stack.append((node, true))
                }
                stack.append(contentsOf: node.children.reversed().map { ($0, false) })
            }
        }
        return output
    }

    /// HTML's white space (space, tab, newline; not the no-break space) collapses to one space.
    static func collapsingWhitespace(_ text: String, after previous: Character?) -> String {
        var result = String.UnicodeScalarView()
        var lastWasSpace = previous == nil || previous == " " || previous == "\n"
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}":
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            default:
                result.append(scalar)
                lastWasSpace = false
            }
        }
        return String(result)
    }

    /// Visible text as trimmed, non-empty lines.
    var lines: [String] {
        visibleText.utf8.split(separator: 0x0A).compactMap { bytes in
            let line = TextLine.trim(String(decoding: bytes, as: UTF8.self))
            return line.isEmpty ? nil : line
        }
    }
}
