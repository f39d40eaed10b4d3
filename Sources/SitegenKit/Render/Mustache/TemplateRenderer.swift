/// Runs compiled templates: values are read by slot from the contexts on the stack and written,
/// HTML-escaped where the template asks, into one reusable byte buffer.
public struct TemplateRenderer {
    var stack: [TemplateValue] = []
    /// The contexts a typed template has pushed (`TypedOp`), where they are.
    var pointers: [UnsafeRawPointer] = []
    /// The typed template being rendered (`render(_:view:)` keeps it alive meanwhile).
    var code = TypedCode.none
    /// The page last rendered.
    public internal(set) var output: [UInt8] = []

    public init(capacity: Int = 1 << 16) {
        output.reserveCapacity(capacity)
        stack.reserveCapacity(16)
    }

    /// Renders `ops` for `context`, replacing what the buffer held.
    mutating func render(_ ops: [TemplateOp], context: TemplateValue) {
        output.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        stack.append(context)
        run(ops)
    }

    mutating func run(_ ops: [TemplateOp]) {
        for op in ops {
            switch op {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let lookup, let escaped):
                write(value(of: lookup), escaped: escaped)
            case .section(let lookup, let body, let pushesBool):
                section(value(of: lookup), body, pushesBool: pushesBool)
            case .inverted(let lookup, let body):
                if !isTruthy(value(of: lookup)) { run(body) }
            case .reindent(let body, let remove, let add, let firstLine):
                reindent(remove: remove, add: add, firstLine: firstLine) { $0.run(body) }
            case .call(let compiled):
                run(compiled.ops)
            }
        }
    }

    private mutating func section(_ value: TemplateValue, _ body: [TemplateOp], pushesBool: Bool) {
        switch value {
        case .null, .bool(false):
            return
        case .bool(true) where !pushesBool:
            run(body)
        case .list(let items):
            for item in items {
                stack.append(item)
                run(body)
                stack.removeLast()
            }
        default:
            stack.append(value)
            run(body)
            stack.removeLast()
        }
    }

    private func isTruthy(_ value: TemplateValue) -> Bool {
        switch value {
        case .null, .bool(false): return false
        case .list(let items): return !items.isEmpty
        default: return true
        }
    }

    @inline(__always)
    func value(of lookup: TemplateLookup) -> TemplateValue {
        switch lookup {
        case .top:
            return stack[stack.count - 1]
        case .field(let depth, let slot):
            guard case .object(let context) = stack[stack.count - 1 - depth] else { return .null }
            return context.value(at: slot)
        case .typed(let candidates):
            for candidate in candidates {
                guard case .object(let context) = stack[stack.count - 1 - candidate.depth] else { continue }
                let first = Self.read(candidate.path[0], of: context)
                if first.isNull { continue }
                return candidate.path.count == 1 ? first : Self.follow(candidate.path.dropFirst(), from: first)
            }
            return .null
        case .dynamic(let parts):
            for frame in stack.reversed() {
                guard case .object(let context) = frame, let first = context.value(named: parts[0]) else { continue }
                return Self.follow(parts.dropFirst().map { .name($0) }[...], from: first)
            }
            return .null
        }
    }

    @inline(__always)
    private static func read(_ step: TemplateLookup.Step, of context: any TemplateContext) -> TemplateValue {
        switch step {
        case .slot(let slot): return context.value(at: slot)
        case .name(let name): return context.value(named: name) ?? .null
        }
    }

    private static func follow(_ path: ArraySlice<TemplateLookup.Step>, from start: TemplateValue) -> TemplateValue {
        var value = start
        for step in path {
            guard case .object(let context) = value else { return .null }
            value = read(step, of: context)
        }
        return value
    }

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .null, .object, .list: return
        case .text(let text):
            escaped ? HTMLBytes.appendEscaped(text, to: &output) : output.append(contentsOf: text.utf8)
        case .int(let number): HTMLBytes.appendDecimal(number, to: &output)
        case .double(let number): output.append(contentsOf: "\(number)".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        }
    }

    /// Renders `body` apart, then takes `remove` off the front of each line and puts `add` there.
    mutating func reindent(remove: [UInt8], add: [UInt8], firstLine: Bool, _ body: (inout TemplateRenderer) -> Void) {
        let start = output.count
        body(&self)
        let rendered = Array(output[start...])
        output.removeSubrange(start...)
        var isFirst = true
        for line in rendered.split(separator: 0x0A, omittingEmptySubsequences: false).dropLastIfEmpty(rendered) {
            if !isFirst { output.append(0x0A) }
            var text = line[...]
            if !remove.isEmpty, text.starts(with: remove) { text = text.dropFirst(remove.count) }
            if (!isFirst || firstLine) && !text.isEmpty { output.append(contentsOf: add) }
            output.append(contentsOf: text)
            isFirst = false
        }
        if rendered.last == 0x0A { output.append(0x0A) }
    }
}

extension Array where Element == ArraySlice<UInt8> {
    /// The lines of `text` split at line breaks, without the empty piece after a final one.
    fileprivate func dropLastIfEmpty(_ text: [UInt8]) -> ArraySlice<ArraySlice<UInt8>> {
        text.last == 0x0A ? self.dropLast() : self[...]
    }
}

/// Writing text into HTML as bytes.
enum HTMLBytes {
    /// `String.escapedForMarkup` appended as bytes: & < > " ' escaped, and text with control
    /// characters (rare) cleaned first, exactly as that does.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        let clean =
            text.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &output) }
            ?? {
                var text = text
                return text.withUTF8 { appendEscaped($0, to: &output) }
            }()
        if !clean { output.append(contentsOf: text.escapedForMarkup.utf8) }
    }

    /// One pass: runs of plain bytes are appended whole. False, with nothing appended, when the
    /// text holds a control character (`escapedForMarkup` drops those).
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let start = output.count
        var run = 0
        var index = 0
        while index < bytes.count {
            let kind = classes[Int(base[index])]
            if kind == 0 {
                index += 1
                continue
            }
            if kind == 1 {
                output.append(contentsOf: UnsafeBufferPointer(start: base + run, count: index - run))
                appendEntity(base[index], to: &output)
                run = index + 1
            } else if startsControl(bytes, at: index) {
                output.removeLast(output.count - start)
                return false
            }
            index += 1
        }
        output.append(contentsOf: UnsafeBufferPointer(start: base + run, count: bytes.count - run))
        return true
    }

    /// Per byte: 0 plain; 1 escaped (& < > " '); 2 a control character or what may start one
    /// (C1 controls are C2 80–9F, U+FFFE/U+FFFF are EF BF BE/BF), as `withoutControlCharacters` says.
    private nonisolated(unsafe) static let classes: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27: table[byte] = 1
            case 0x09, 0x0A, 0x0D: table[byte] = 0
            case 0x00...0x1F, 0x7F, 0xC2, 0xEF: table[byte] = 2
            default: table[byte] = 0
            }
        }
        return UnsafePointer(table)
    }()

    private static func startsControl(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case 0xC2: return index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1])
        case 0xEF: return index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE
        default: return true
        }
    }

    private static func appendEntity(_ byte: UInt8, to output: inout [UInt8]) {
        let entity: StaticString
        switch byte {
        case 0x26: entity = "&amp;"
        case 0x3C: entity = "&lt;"
        case 0x3E: entity = "&gt;"
        case 0x22: entity = "&quot;"
        default: entity = "&#39;"
        }
        entity.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    static func appendDecimal(_ number: Int, to output: inout [UInt8]) {
        if number >= 0 && number < 10 {
            output.append(0x30 + UInt8(number))
        } else {
            output.append(contentsOf: String(number).utf8)
        }
    }
}
