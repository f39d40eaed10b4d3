/// A page template compiled for typed contexts only: every name is a field whose type is known,
/// read through that field's typed visitor, so no value is boxed as a `TemplateValue` and no list
/// is copied. The contexts a section pushes stay where they are (on the Swift stack, or in their
/// list's storage) and the renderer's stack holds pointers to them.
///
/// The ops lie in flat buffers owned by the template and refer to their text, their sections'
/// bodies and their fields' visitors by index: running them copies no payload, so the hot loop
/// does no reference counting of its own (enum payloads and op lists cost a quarter of a page's
/// rendering when each op was copied out of an array of indirect enums).
final class TypedTemplate: @unchecked Sendable {
    /// The buffers, as the renderer reads them while it runs the template.
    let code: TypedCode
    /// The ops of the template itself (the bodies of its sections lie before them).
    let entry: TypedBody
    /// What `code.visits` points to.
    private let visitors: [FieldVisitor]

    fileprivate init(_ builder: TypedTemplateBuilder, entry: TypedBody) {
        visitors = builder.visits
        code = TypedCode(
            ops: .copy(builder.ops), candidates: .copy(builder.candidates), uses: .copy(builder.uses),
            visits: .copy(visitors.map(Unmanaged.passUnretained)), bytes: .copy(builder.bytes),
            reindents: .copy(builder.reindents))
        self.entry = entry
    }

    deinit { code.free() }
}

/// A range of ops: a template's, or a section's body.
struct TypedBody {
    let start: Int32
    let end: Int32
}

/// One op of a typed template. Trivial (no references), so reading one costs a load.
enum TypedOp {
    /// Bytes `start..<end` of the template's text.
    case text(start: Int32, end: Int32)
    /// A name: candidates `start..<end` (the contexts that declare it, nearest first; the first
    /// non-null value is used), and the use that applies when none has a value.
    case use(start: Int32, end: Int32, use: Int32)
    /// `{{.}}`, `{{#.}}`: the context on top of the stack, read as the type it is known to be.
    case top(visit: Int32, use: Int32)
    /// A block override written with other indentation (`TypedReindent`).
    case reindent(Int32)
}

struct TypedCandidate {
    /// How far below the top of the stack.
    let depth: Int32
    /// The first field of the name.
    let visit: Int32
    /// The op's use, after the rest of a dotted name (`FieldUse.field`).
    let use: Int32
}

/// What a typed template does with a value. Trivial: sections refer to their ops by index.
enum FieldUse {
    case write(escaped: Bool)
    /// Runs the body once per element of a list, once for any other truthy value (pushing it,
    /// but for a Bool).
    case section(TypedBody)
    case inverted(TypedBody)
    /// A dotted name: this field (`visit`) of the value, then that use (`then`).
    case field(visit: Int32, then: Int32)

    /// For a name that has no value: an inverted section renders.
    func absent(_ renderer: inout TemplateRenderer) {
        switch self {
        case .inverted(let body): renderer.runTyped(body)
        case .field(_, let then): renderer.code.uses[Int(then)].absent(&renderer)
        case .write, .section: break
        }
    }
}

/// A block override's body, with its own indentation removed and the block's added.
struct TypedReindent {
    let body: TypedBody
    let remove: [UInt8]
    let add: [UInt8]
    let firstLine: Bool
}

/// Reads one field of the context at the pointer (its type is known where the visitor was made)
/// and uses the value; false when the value is null, so the lookup goes on down the stack.
typealias FieldVisit = (UnsafeRawPointer, inout TemplateRenderer, FieldUse) -> Bool

/// A field's visitor in an object of its own, which the renderer calls without retaining it (a
/// closure read from a buffer is retained for each call, and one kept in an array is called
/// through conversion thunks).
final class FieldVisitor {
    let visit: FieldVisit
    init(_ visit: @escaping FieldVisit) { self.visit = visit }
}

/// A typed template's buffers, read in place while it renders (its `TypedTemplate` keeps them).
struct TypedCode {
    var ops: UnsafeBufferPointer<TypedOp>
    var candidates: UnsafeBufferPointer<TypedCandidate>
    var uses: UnsafeBufferPointer<FieldUse>
    var visits: UnsafeBufferPointer<Unmanaged<FieldVisitor>>
    var bytes: UnsafeBufferPointer<UInt8>
    var reindents: UnsafeBufferPointer<TypedReindent>

    /// No template: the renderer's state outside `render(_:view:)`.
    static var none: TypedCode {
        TypedCode(
            ops: .init(start: nil, count: 0), candidates: .init(start: nil, count: 0),
            uses: .init(start: nil, count: 0), visits: .init(start: nil, count: 0), bytes: .init(start: nil, count: 0),
            reindents: .init(start: nil, count: 0))
    }

    func free() {
        UnsafeMutableBufferPointer(mutating: ops).deallocate()
        UnsafeMutableBufferPointer(mutating: candidates).deallocate()
        UnsafeMutableBufferPointer(mutating: uses).deallocate()
        UnsafeMutableBufferPointer(mutating: bytes).deallocate()
        UnsafeMutableBufferPointer(mutating: visits).deallocate()
        UnsafeMutableBufferPointer(mutating: reindents).deinitialize().deallocate()
    }
}

extension UnsafeBufferPointer {
    /// A buffer of its own holding a copy of `elements`.
    fileprivate static func copy(_ elements: [Element]) -> UnsafeBufferPointer {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: elements.count)
        _ = buffer.initialize(from: elements)
        return UnsafeBufferPointer(buffer)
    }
}

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
        case .field(let visit, let then):
            withUnsafePointer(to: child) { renderer.visit(visit, of: UnsafeRawPointer($0), then: then) }
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
    static func top(_ type: TemplateType) -> FieldVisitor? {
        switch type {
        case .text:
            return FieldVisitor { pointer, renderer, use in
                text(pointer.assumingMemoryBound(to: String.self).pointee, &renderer, use)
            }
        case .number:
            return FieldVisitor { pointer, renderer, use in
                number(pointer.assumingMemoryBound(to: Int.self).pointee, &renderer, use)
            }
        case .object(let schema): return schema.visitSelf
        case .list(.text):
            return FieldVisitor { pointer, renderer, use in
                list(pointer.assumingMemoryBound(to: [String].self).pointee, &renderer, use)
            }
        case .list(.object(let schema)): return schema.visitList
        default: return nil
        }
    }
}

extension TemplateRenderer {
    /// Renders a typed template for `view`, replacing what the buffer held.
    mutating func render<View>(_ template: TypedTemplate, view: View) {
        output.removeAll(keepingCapacity: true)
        pointers.removeAll(keepingCapacity: true)
        let outer = code
        code = template.code
        withExtendedLifetime(template) { push(view, template.entry) }
        code = outer
    }

    mutating func push<Value>(_ value: Value, _ body: TypedBody) {
        withUnsafePointer(to: value) { pointer in
            pointers.append(UnsafeRawPointer(pointer))
            runTyped(body)
            pointers.removeLast()
        }
    }

    /// Field `visit` of the context at `pointer`, used as use `then` says (the rest of a dotted name).
    mutating func visit(_ visit: Int32, of pointer: UnsafeRawPointer, then: Int32) {
        let use = code.uses[Int(then)]
        if !self.visit(visit, pointer, use) { use.absent(&self) }
    }

    /// Calls visitor `visit`, which the template being rendered keeps alive.
    @inline(__always)
    private mutating func visit(_ visit: Int32, _ pointer: UnsafeRawPointer, _ use: FieldUse) -> Bool {
        code.visits[Int(visit)]._withUnsafeGuaranteedRef { $0.visit(pointer, &self, use) }
    }

    mutating func runTyped(_ body: TypedBody) {
        var index = Int(body.start)
        let end = Int(body.end)
        while index < end {
            switch code.ops[index] {
            case .text(let from, let to):
                output.append(contentsOf: UnsafeBufferPointer(rebasing: code.bytes[Int(from)..<Int(to)]))
            case .use(let from, let to, let use):
                if !lookUp(Int(from)..<Int(to)) {
                    let use = code.uses[Int(use)]
                    use.absent(&self)
                }
            case .top(let visit, let use):
                _ = self.visit(visit, pointers[pointers.count - 1], code.uses[Int(use)])
            case .reindent(let block):
                let block = code.reindents[Int(block)]
                reindent(remove: block.remove, add: block.add, firstLine: block.firstLine) { $0.runTyped(block.body) }
            }
            index += 1
        }
    }

    /// Tries the candidates in order: true once one has a value (and has used it).
    @inline(__always)
    private mutating func lookUp(_ candidates: Range<Int>) -> Bool {
        for index in candidates {
            let candidate = code.candidates[index]
            let pointer = pointers[pointers.count - 1 - Int(candidate.depth)]
            if visit(candidate.visit, pointer, code.uses[Int(candidate.use)]) { return true }
        }
        return false
    }
}

/// Turns a page template's ops, compiled for typed contexts, into a typed template: nil when a
/// name is known only at render time (such a template renders through `TemplateValue`s).
enum TypedCompiler {
    static func convert(_ ops: [TemplateOp], frames: [TemplateType]) -> TypedTemplate? {
        var builder = TypedTemplateBuilder()
        guard let entry = builder.body(ops, frames: frames) else { return nil }
        return TypedTemplate(builder, entry: entry)
    }
}

/// Lays a template's ops out flat: each body's ops contiguous, the bodies of its sections before it.
private struct TypedTemplateBuilder {
    var ops: [TypedOp] = []
    var candidates: [TypedCandidate] = []
    var uses: [FieldUse] = []
    var visits: [FieldVisitor] = []
    var bytes: [UInt8] = []
    var reindents: [TypedReindent] = []

    mutating func body(_ templateOps: [TemplateOp], frames: [TemplateType]) -> TypedBody? {
        var level: [TypedOp] = []
        level.reserveCapacity(templateOps.count)
        for op in templateOps {
            switch op {
            case .text(let text):
                level.append(.text(start: Int32(bytes.count), end: Int32(bytes.count + text.count)))
                bytes += text
            case .variable(let lookup, let escaped):
                guard let op = access(lookup, frames: frames, use: .write(escaped: escaped)) else { return nil }
                level.append(op)
            case .section(let lookup, let body, _):
                guard let op = section(lookup, body, frames: frames) else { return nil }
                level.append(op)
            case .inverted(let lookup, let body):
                guard let body = self.body(body, frames: frames),
                    let op = access(lookup, frames: frames, use: .inverted(body))
                else { return nil }
                level.append(op)
            case .reindent(let body, let remove, let add, let firstLine):
                guard let body = self.body(body, frames: frames) else { return nil }
                reindents.append(TypedReindent(body: body, remove: remove, add: add, firstLine: firstLine))
                level.append(.reindent(Int32(reindents.count - 1)))
            case .call:
                return nil
            }
        }
        let start = Int32(ops.count)
        ops += level
        return TypedBody(start: start, end: Int32(ops.count))
    }

    /// A section: its body is compiled for the contexts it pushes (an element, for a list).
    private mutating func section(_ lookup: TemplateLookup, _ body: [TemplateOp], frames: [TemplateType]) -> TypedOp? {
        guard let type = type(of: lookup, frames: frames) else { return nil }
        var inner = frames
        switch type {
        case .bool: break
        case .list(let element): inner.append(element)
        default: inner.append(type)
        }
        guard let body = self.body(body, frames: inner) else { return nil }
        return access(lookup, frames: frames, use: .section(body))
    }

    private func type(of lookup: TemplateLookup, frames: [TemplateType]) -> TemplateType? {
        switch lookup {
        case .top: return frames.last
        case .field(let depth, let slot):
            guard case .object(let schema) = frames[frames.count - 1 - depth] else { return nil }
            return schema.types[slot]
        case .typed(let candidates):
            guard let first = candidates.first, case .object(let schema) = frames[frames.count - 1 - first.depth] else {
                return nil
            }
            return Self.visits(first.path, from: schema)?.type
        case .dynamic: return nil
        }
    }

    private mutating func add(_ use: FieldUse) -> Int32 {
        uses.append(use)
        return Int32(uses.count - 1)
    }

    private mutating func add(_ visit: FieldVisitor) -> Int32 {
        visits.append(visit)
        return Int32(visits.count - 1)
    }

    /// The op that reaches a name's value and uses it.
    private mutating func access(_ lookup: TemplateLookup, frames: [TemplateType], use: FieldUse) -> TypedOp? {
        switch lookup {
        case .top:
            guard let type = frames.last, let visit = FieldVisits.top(type) else { return nil }
            return .top(visit: add(visit), use: add(use))
        case .field(let depth, let slot):
            return access(.typed([.init(depth: depth, path: [.slot(slot)])]), frames: frames, use: use)
        case .typed(let lookups):
            var found: [(depth: Int, visits: [FieldVisitor])] = []
            for lookup in lookups {
                guard case .object(let schema) = frames[frames.count - 1 - lookup.depth],
                    let (visits, _) = Self.visits(lookup.path, from: schema)
                else { return nil }
                found.append((lookup.depth, visits))
            }
            guard !found.isEmpty else { return nil }
            let final = add(use)
            let start = Int32(candidates.count)
            for (depth, visits) in found {
                // The rest of a dotted name, innermost first: each field's use reads the next.
                var then = final
                for visit in visits.dropFirst().reversed() { then = add(.field(visit: add(visit), then: then)) }
                candidates.append(TypedCandidate(depth: Int32(depth), visit: add(visits[0]), use: then))
            }
            return .use(start: start, end: Int32(candidates.count), use: final)
        case .dynamic:
            return nil
        }
    }

    /// The visitors of a dotted name's fields, and the last one's type.
    static func visits(_ path: [TemplateLookup.Step], from schema: TemplateSchema) -> (
        visits: [FieldVisitor], type: TemplateType
    )? {
        var visits: [FieldVisitor] = []
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
