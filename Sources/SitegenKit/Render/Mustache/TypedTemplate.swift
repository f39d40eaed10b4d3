/// A page template compiled for typed contexts only: every name is a field whose type is known,
/// read through that field's typed visitor, so no value is boxed as a `TemplateValue` and no list
/// is copied. The contexts a section pushes stay where they are (on the Swift stack, or in their
/// list's storage) and the renderer's stack holds pointers to them.
indirect enum TypedOp {
    case text([UInt8])
    /// A name: the contexts that declare it, nearest first (the first non-null value is used).
    case use([TypedCandidate], FieldUse)
    /// `{{.}}`, `{{#.}}`: the context on top of the stack, read as the type it is known to be.
    case top(FieldVisit, FieldUse)
    case reindent([TypedOp], remove: [UInt8], add: [UInt8], firstLine: Bool)
}

struct TypedCandidate {
    /// How far below the top of the stack.
    let depth: Int
    /// The first field of the name.
    let visit: FieldVisit
    /// The op's use, after the rest of a dotted name (`FieldUse.field`).
    let use: FieldUse
}

/// What a typed template does with a value.
indirect enum FieldUse {
    case write(escaped: Bool)
    /// Runs the body once per element of a list, once for any other truthy value (pushing it,
    /// but for a Bool).
    case section([TypedOp])
    case inverted([TypedOp])
    /// A dotted name: this field of the value, then that use.
    case field(FieldVisit, FieldUse)

    /// For a name that has no value: an inverted section renders.
    func absent(_ renderer: inout TemplateRenderer) {
        switch self {
        case .inverted(let body): renderer.runTyped(body)
        case .field(_, let use): use.absent(&renderer)
        case .write, .section: break
        }
    }
}

/// Reads one field of the context at the pointer (its type is known where the visitor was made)
/// and uses the value; false when the value is null, so the lookup goes on down the stack.
typealias FieldVisit = (UnsafeRawPointer, inout TemplateRenderer, FieldUse) -> Bool

/// The uses of each kind of value.
enum FieldVisits {
    static func text(_ text: String?, _ renderer: inout TemplateRenderer, _ use: FieldUse) -> Bool {
        guard let text else { return false }
        switch use {
        case .write(let escaped):
            if escaped {
                HTMLBytes.appendEscaped(text, to: &renderer.output)
            } else {
                renderer.output.append(contentsOf: text.utf8)
            }
        case .section(let body): renderer.push(text, body)
        case .inverted, .field: break
        }
        return true
    }

    static func number(_ number: Int?, _ renderer: inout TemplateRenderer, _ use: FieldUse) -> Bool {
        guard let number else { return false }
        switch use {
        case .write: HTMLBytes.appendDecimal(number, to: &renderer.output)
        case .section(let body): renderer.push(number, body)
        case .inverted, .field: break
        }
        return true
    }

    static func bool(_ flag: Bool?, _ renderer: inout TemplateRenderer, _ use: FieldUse) -> Bool {
        guard let flag else { return false }
        switch use {
        case .write: renderer.output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .section(let body): if flag { renderer.runTyped(body) }
        case .inverted(let body): if !flag { renderer.runTyped(body) }
        case .field: break
        }
        return true
    }

    static func object<Child>(_ child: Child?, _ renderer: inout TemplateRenderer, _ use: FieldUse) -> Bool {
        guard let child else { return false }
        switch use {
        case .write, .inverted: break
        case .section(let body): renderer.push(child, body)
        case .field(let visit, let use):
            let found = withUnsafePointer(to: child) { visit(UnsafeRawPointer($0), &renderer, use) }
            if !found { use.absent(&renderer) }
        }
        return true
    }

    static func list<Element>(_ items: [Element]?, _ renderer: inout TemplateRenderer, _ use: FieldUse) -> Bool {
        guard let items else { return false }
        switch use {
        case .write, .field: break
        case .section(let body):
            items.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for index in 0..<buffer.count {
                    renderer.pointers.append(UnsafeRawPointer(base + index))
                    renderer.runTyped(body)
                    renderer.pointers.removeLast()
                }
            }
        case .inverted(let body): if items.isEmpty { renderer.runTyped(body) }
        }
        return true
    }

    /// `{{.}}` and `{{#.}}` on a value of type `type` on the stack.
    static func top(_ type: TemplateType) -> FieldVisit? {
        switch type {
        case .text:
            return { pointer, renderer, use in
                text(pointer.assumingMemoryBound(to: String.self).pointee, &renderer, use)
            }
        case .number:
            return { pointer, renderer, use in number(pointer.assumingMemoryBound(to: Int.self).pointee, &renderer, use)
            }
        case .object(let schema): return schema.visitSelf
        case .list(.text):
            return { pointer, renderer, use in
                list(pointer.assumingMemoryBound(to: [String].self).pointee, &renderer, use)
            }
        case .list(.object(let schema)): return schema.visitList
        default: return nil
        }
    }
}

extension TemplateRenderer {
    /// Renders typed ops for `view`, replacing what the buffer held.
    mutating func renderTyped<View>(_ ops: [TypedOp], view: View) {
        output.removeAll(keepingCapacity: true)
        pointers.removeAll(keepingCapacity: true)
        push(view, ops)
    }

    mutating func push<Value>(_ value: Value, _ body: [TypedOp]) {
        withUnsafePointer(to: value) { pointer in
            pointers.append(UnsafeRawPointer(pointer))
            runTyped(body)
            pointers.removeLast()
        }
    }

    mutating func runTyped(_ ops: [TypedOp]) {
        for op in ops {
            switch op {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .use(let candidates, let use):
                var found = false
                for candidate in candidates
                where candidate.visit(pointers[pointers.count - 1 - candidate.depth], &self, candidate.use) {
                    found = true
                    break
                }
                if !found { use.absent(&self) }
            case .top(let visit, let use):
                _ = visit(pointers[pointers.count - 1], &self, use)
            case .reindent(let body, let remove, let add, let firstLine):
                reindent(remove: remove, add: add, firstLine: firstLine) { $0.runTyped(body) }
            }
        }
    }
}

/// Turns a page template's ops, compiled for typed contexts, into typed ops: nil when a name is
/// known only at render time (such a template renders through `TemplateValue`s).
enum TypedCompiler {
    static func convert(_ ops: [TemplateOp], frames: [TemplateType]) -> [TypedOp]? {
        var typed: [TypedOp] = []
        typed.reserveCapacity(ops.count)
        for op in ops {
            switch op {
            case .text(let bytes):
                typed.append(.text(bytes))
            case .variable(let lookup, let escaped):
                guard let (access, _) = access(lookup, frames: frames) else { return nil }
                typed.append(access(.write(escaped: escaped)))
            case .section(let lookup, let body, _):
                guard let (access, type) = access(lookup, frames: frames) else { return nil }
                var inner = frames
                switch type {
                case .bool: break
                case .list(let element): inner.append(element)
                default: inner.append(type)
                }
                guard let body = convert(body, frames: inner) else { return nil }
                typed.append(access(.section(body)))
            case .inverted(let lookup, let body):
                guard let (access, _) = access(lookup, frames: frames), let body = convert(body, frames: frames) else {
                    return nil
                }
                typed.append(access(.inverted(body)))
            case .reindent(let body, let remove, let add, let firstLine):
                guard let body = convert(body, frames: frames) else { return nil }
                typed.append(.reindent(body, remove: remove, add: add, firstLine: firstLine))
            case .call:
                return nil
            }
        }
        return typed
    }

    /// How to reach a name's value (an op, given its use) and the value's type.
    private static func access(_ lookup: TemplateLookup, frames: [TemplateType]) -> (
        (FieldUse) -> TypedOp, TemplateType
    )? {
        switch lookup {
        case .top:
            guard let type = frames.last, let visit = FieldVisits.top(type) else { return nil }
            return ({ .top(visit, $0) }, type)
        case .field(let depth, let slot):
            return access(.typed([.init(depth: depth, path: [.slot(slot)])]), frames: frames)
        case .typed(let candidates):
            var paths: [(depth: Int, visit: FieldVisit, rest: [FieldVisit])] = []
            var type: TemplateType?
            for candidate in candidates {
                guard case .object(let schema) = frames[frames.count - 1 - candidate.depth],
                    let (visits, last) = visits(candidate.path, from: schema)
                else { return nil }
                type = type ?? last
                paths.append((candidate.depth, visits[0], Array(visits.dropFirst())))
            }
            guard let type else { return nil }
            return (
                { use in
                    .use(
                        paths.map { path in
                            TypedCandidate(
                                depth: path.depth, visit: path.visit,
                                use: path.rest.reversed().reduce(use) { .field($1, $0) })
                        }, use)
                }, type
            )
        case .dynamic:
            return nil
        }
    }

    /// The visitors of a dotted name's fields, and the last one's type.
    private static func visits(_ path: [TemplateLookup.Step], from schema: TemplateSchema) -> (
        [FieldVisit], TemplateType
    )? {
        var visits: [FieldVisit] = []
        var type = TemplateType.object(schema)
        for step in path {
            guard case .slot(let slot) = step, case .object(let schema) = type, let visit = schema.visits[slot] else {
                return nil
            }
            visits.append(visit)
            type = schema.types[slot]
        }
        return visits.isEmpty ? nil : (visits, type)
    }
}
