/// A value a template reads: what a context's field answers, and what sits on the context stack.
public enum TemplateValue {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case text(String)
    case object(any TemplateContext)
    case list([TemplateValue])

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// `value.map { .text($0) } ?? .null`, for optional fields.
    static func text(_ text: String?) -> TemplateValue { text.map(TemplateValue.text) ?? .null }
    static func int(_ number: Int?) -> TemplateValue { number.map(TemplateValue.int) ?? .null }
    static func object(_ context: (any TemplateContext)?) -> TemplateValue {
        context.map(TemplateValue.object) ?? .null
    }
}

/// What a field holds, known when a template is compiled: it decides what a section pushes and
/// which names can be read inside it.
public indirect enum TemplateType {
    case text
    case number
    case bool
    case object(TemplateSchema)
    case list(TemplateType)
    /// Known only while rendering (JSON data in the specification's tests): names are looked up by
    /// name at render time.
    case dynamic

    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}

/// The names a context type answers, each with its slot (the index its accessor is called with)
/// and its type. Made once per context type, from its `fields`.
public final class TemplateSchema: @unchecked Sendable {
    let typeName: String
    let slots: [String: (slot: Int, type: TemplateType)]
    /// Names a template may read but whose values only render time knows.
    let isDynamic: Bool

    /// By slot: each field's type and typed visitor (nil: the field is read only as a `TemplateValue`).
    let types: [TemplateType]
    let visits: [FieldVisitor?]
    /// The context itself, and a list of such contexts, at a pointer (`{{.}}`, `{{#.}}`).
    let visitSelf: FieldVisitor?
    let visitList: FieldVisitor?
    /// The context type, so that a typed template renders only the type it was compiled for.
    let contextType: ObjectIdentifier?

    init(
        typeName: String, slots: [String: (slot: Int, type: TemplateType)], isDynamic: Bool = false,
        types: [TemplateType] = [], visits: [FieldVisitor?] = [], visitSelf: FieldVisitor? = nil,
        visitList: FieldVisitor? = nil,
        contextType: ObjectIdentifier? = nil
    ) {
        self.typeName = typeName
        self.slots = slots
        self.isDynamic = isDynamic
        self.types = types
        self.visits = visits
        self.visitSelf = visitSelf
        self.visitList = visitList
        self.contextType = contextType
    }

    static let dynamic = TemplateSchema(typeName: "data", slots: [:], isDynamic: true)

    /// The names, sorted, for error messages.
    var names: [String] { slots.keys.sorted() }
}

/// A context type templates read from: it declares its names once, in `fields`, each with a typed
/// accessor. Templates are compiled against the declaration, so a name no context declares is an
/// error when the templates load, and rendering calls accessors by slot number.
public protocol TemplateContext {
    static var fields: TemplateFields<Self> { get }
    /// The value of the field in `slot` (a requirement, so each type's witness is specialized).
    func value(at slot: Int) -> TemplateValue
    /// For dynamic data only (contexts whose names are known at render time): nil when the name is
    /// not there at all.
    func value(named name: String) -> TemplateValue?
}

extension TemplateContext {
    @inline(__always)
    public func value(at slot: Int) -> TemplateValue { Self.fields.accessors[slot](self) }

    var schema: TemplateSchema { Self.fields.schema }

    /// A typed context read by name (a section whose type only render time knows): a null value
    /// counts as absent, so the lookup goes on down the context stack.
    public func value(named name: String) -> TemplateValue? {
        guard let slot = Self.fields.schema.slots[name]?.slot else { return nil }
        let value = value(at: slot)
        return value.isNull ? nil : value
    }
}

/// One name of a context: its type, how to read it, and how a page's fingerprint takes it in.
public struct TemplateField<Context>: @unchecked Sendable {
    let name: String
    let type: TemplateType
    let read: (Context) -> TemplateValue
    /// Folds what the field shows into a fingerprint, given what the template reads of its value
    /// (`ReadPlan`): typed, so no value is boxed. A costly field folds in a cheap stand-in.
    let hash: FieldHasher<Context>
    /// Reads the field of the context at a pointer and uses its value, for typed templates
    /// (`TypedOp`); nil for a field read only as a `TemplateValue`.
    let visit: FieldVisit?

    init(
        name: String, type: TemplateType, read: @escaping (Context) -> TemplateValue, hash: FieldHasher<Context>? = nil,
        visit: FieldVisit? = nil
    ) {
        self.name = name
        self.type = type
        self.read = read
        self.hash = hash ?? { context, plan, into in ReadPlan.combine(read(context), plan, into: &into) }
        self.visit = visit
    }

    /// A visitor that reads the field's typed value with `read` and uses it with `use`.
    static func visitor<Value>(
        _ read: @escaping (Context) -> Value, _ use: @escaping (Value, inout TemplateRenderer, FieldUse) -> Bool
    ) -> FieldVisit {
        { pointer, renderer, how in use(read(pointer.assumingMemoryBound(to: Context.self).pointee), &renderer, how) }
    }

    public static func text(_ name: String, _ read: @escaping (Context) -> String?) -> Self {
        Self(
            name: name, type: .text, read: { .text(read($0)) },
            hash: { context, _, hash in hash.combineWords(read(context)) },
            visit: visitor(read, FieldVisits.text))
    }

    /// Text costly to make (an article's body as HTML): fingerprints take `standIn` instead, a
    /// digest of what the text is made from (nil exactly when the text may be nil).
    public static func text(
        _ name: String, standIn: @escaping (Context) -> UInt64?, _ read: @escaping (Context) -> String?
    ) -> Self {
        Self(
            name: name, type: .text, read: { .text(read($0)) },
            hash: { context, _, hash in hash.combine(present: standIn(context)) { $0.combine($1) } },
            visit: visitor(read, FieldVisits.text))
    }

    /// HTML made by appending it to a buffer (an article's body): written unescaped (`{{{ }}}`)
    /// straight into the page's buffer, with no String made of it; read any other way, as text.
    /// Fingerprints take `standIn`, a digest of what the HTML is made from. `append` must append
    /// valid UTF-8, as any text is.
    static func html(
        _ name: String, standIn: @escaping (Context) -> UInt64, _ append: @escaping (Context, inout [UInt8]) -> Void
    ) -> Self {
        let text = { (context: Context) -> String in
            var html: [UInt8] = []
            append(context, &html)
            return String(decoding: html, as: UTF8.self)
        }
        return Self(
            name: name, type: .text, read: { .text(text($0)) },
            hash: { context, _, hash in hash.combine(present: standIn(context)) { $0.combine($1) } },
            visit: { pointer, renderer, use in
                let context = pointer.assumingMemoryBound(to: Context.self).pointee
                guard case .write(escaped: false) = use else { return FieldVisits.text(text(context), &renderer, use) }
                append(context, &renderer.output)
                return true
            })
    }

    public static func number(_ name: String, _ read: @escaping (Context) -> Int?) -> Self {
        Self(
            name: name, type: .number, read: { .int(read($0)) },
            hash: { context, _, hash in hash.combine(present: read(context)) { $0.combine($1) } },
            visit: visitor(read, FieldVisits.number))
    }

    public static func bool(_ name: String, _ read: @escaping (Context) -> Bool?) -> Self {
        Self(
            name: name, type: .bool, read: { read($0).map(TemplateValue.bool) ?? .null },
            hash: { context, _, hash in
                hash.combine(read(context).map { $0 ? 2 as UInt64 : 1 } ?? 0)
            }, visit: visitor(read, FieldVisits.bool))
    }

    public static func object<Child: TemplateContext>(
        _ name: String, _ type: Child.Type, _ read: @escaping (Context) -> Child?
    ) -> Self {
        Self(
            name: name, type: .object(Child.fields.schema), read: { .object(read($0)) },
            hash: { context, plan, hash in hash.combine(present: read(context)) { plan.combine($1, into: &$0) } },
            visit: visitor(read, FieldVisits.object))
    }

    /// A list of contexts; an empty list is falsy, as in any Mustache.
    public static func list<Child: TemplateContext>(
        _ name: String, of type: Child.Type, _ read: @escaping (Context) -> [Child]?
    ) -> Self {
        Self(
            name: name, type: .list(.object(Child.fields.schema)),
            read: { context in
                read(context).map { .list($0.map { .object($0) }) } ?? .null
            },
            hash: { context, plan, hash in
                guard let items = read(context) else { return hash.combine(0 as UInt64) }
                hash.combine(UInt64(items.count + 1))
                guard !plan.isNone else { return }
                for item in items { plan.combine(item, into: &hash) }
            }, visit: visitor(read, FieldVisits.list))
    }

    public static func texts(_ name: String, _ read: @escaping (Context) -> [String]?) -> Self {
        Self(
            name: name, type: .list(.text),
            read: { context in
                read(context).map { .list($0.map { .text($0) }) } ?? .null
            },
            hash: { context, _, hash in hash.combine(present: read(context)) { $0.combineWords($1) } },
            visit: visitor(read, FieldVisits.list))
    }

    /// A field of a part (`frame`) offered as the context's own.
    func lifted<Outer>(_ part: @escaping (Outer) -> Context) -> TemplateField<Outer> {
        let read = self.read
        let hash = self.hash
        var lifted: FieldVisit?
        if let visit {
            lifted = TemplateField<Outer>.visitor(part) { part, renderer, use in
                withUnsafePointer(to: part) { visit(UnsafeRawPointer($0), &renderer, use) }
            }
        }
        return TemplateField<Outer>(
            name: name, type: type, read: { read(part($0)) }, hash: { hash(part($0), $1, &$2) }, visit: lifted)
    }
}

/// A context type's fields: the schema compiled templates resolve names against, the accessors
/// rendering calls by slot, and the hashers fingerprints call by slot.
public final class TemplateFields<Context>: @unchecked Sendable {
    let schema: TemplateSchema
    let accessors: ContiguousArray<(Context) -> TemplateValue>
    let hashers: ContiguousArray<FieldHasher<Context>>
    let fields: [TemplateField<Context>]

    public init(_ fields: [TemplateField<Context>]) {
        var slots: [String: (slot: Int, type: TemplateType)] = [:]
        for (slot, field) in fields.enumerated() where slots[field.name] == nil {
            slots[field.name] = (slot, field.type)
        }
        self.fields = fields
        self.schema = TemplateSchema(
            // `_typeName`, not `String(describing:)`: that looks up protocol conformances first, a
            // scan of this large binary's conformance tables on each of a build's first calls.
            typeName: _typeName(Context.self, qualified: false), slots: slots, types: fields.map(\.type),
            // Boxed here, where each closure's type is concrete: a closure kept in an array is
            // called through two conversion thunks.
            visits: fields.map { field in
                guard let visit = field.visit else { return nil }
                return FieldVisitor(visit)
            },
            visitSelf: FieldVisitor(TemplateField<Context>.visitor({ Optional($0) }, FieldVisits.object)),
            visitList: FieldVisitor { pointer, renderer, use in
                FieldVisits.list(pointer.assumingMemoryBound(to: [Context].self).pointee, &renderer, use)
            },
            contextType: ObjectIdentifier(Context.self))
        self.accessors = ContiguousArray(fields.map(\.read))
        self.hashers = ContiguousArray(fields.map(\.hash))
    }

    /// For contexts whose names only render time knows (`value(named:)` answers them).
    public static func dynamic() -> TemplateFields<Context> { TemplateFields(dynamic: ()) }

    private init(dynamic: Void) {
        schema = .dynamic
        accessors = []
        hashers = []
        fields = []
    }

    /// These fields followed by a part's (a view's own names first, then its frame's).
    public func including<Part>(_ part: TemplateFields<Part>, via read: @escaping (Context) -> Part) -> TemplateFields<
        Context
    > {
        TemplateFields(fields + part.fields.map { $0.lifted(read) })
    }
}

/// Data whose names are known only at render time: JSON, in the specification's tests.
public struct DynamicContext: TemplateContext {
    public static let fields = TemplateFields<DynamicContext>.dynamic()
    public let values: [String: TemplateValue]

    public init(_ values: [String: TemplateValue]) { self.values = values }

    public func value(named name: String) -> TemplateValue? { values[name] }
}
