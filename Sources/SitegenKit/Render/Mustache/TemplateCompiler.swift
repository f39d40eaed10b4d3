/// Compiles parsed templates against the context types they render: partials and parents are
/// linked in place, and every name is resolved to the slots of the contexts on the section stack,
/// so rendering reads fields by number, with no name lookups, casts or string splitting.
struct TemplateCompiler {
    /// A template's text by name (`partials/page-nav`), or nil when there is none.
    let source: (String) -> String?
    /// The site's templates: a missing partial is an editor's mistake. The specification's tests
    /// render one as the empty string.
    var missingPartialIsError = true
    private var parsed: [String: [TemplateNode]] = [:]
    /// Partials compiled once for contexts only render time knows (they may include themselves).
    private var shared: [String: CompiledOps] = [:]

    init(source: @escaping (String) -> String?, missingPartialIsError: Bool = true) {
        self.source = source
        self.missingPartialIsError = missingPartialIsError
    }

    /// A block override in effect and the template it was written in.
    struct Override {
        let block: TemplateBlock
        let template: String
        /// Tells overrides apart in the keys of `shared` (two parent tags may sit on one line).
        let id: Int
    }
    private var overrideCount = 0
    /// False once the page being compiled reads a name only render time can look up: its reads
    /// are then not known, and its fingerprint is made by rendering it.
    private var planIsExact = true

    struct Scope {
        var frames: [TemplateType]
        /// What is read of each frame, for the page's `ReadPlan`.
        var plans: [ReadPlanNode]
        var overrides: [String: Override]
        var template: String
        var depth: Int

        var isDynamic: Bool {
            frames.allSatisfy { frame in
                switch frame {
                case .dynamic: return true
                case .object(let schema): return schema.isDynamic
                default: return true
                }
            }
        }
    }

    /// The template `name` compiled for a context of `schema`.
    mutating func compile(_ name: String, for root: TemplateType) throws(TemplateCompileError) -> [TemplateOp] {
        try compileWithPlan(name, for: root).ops
    }

    /// The template `name` compiled for a context of `schema`, with what it reads of that context
    /// (nil when not known before rendering: it reads a name only render time can look up).
    mutating func compileWithPlan(_ name: String, for root: TemplateType) throws(TemplateCompileError) -> (
        ops: [TemplateOp], plan: ReadPlan?
    ) {
        let nodes = try nodes(of: name, indentation: "", line: 0, in: name) ?? []
        let plan = ReadPlanNode()
        planIsExact = true
        let ops = try compile(nodes, Scope(frames: [root], plans: [plan], overrides: [:], template: name, depth: 0))
        return (ops, planIsExact ? ReadPlanNode.freeze([plan]) ?? ReadPlan(reads: [], element: nil) : nil)
    }

    /// Parsed once per name and indentation (a standalone partial is indented line by line).
    mutating func nodes(of name: String, indentation: String, line: Int, in template: String)
        throws(TemplateCompileError) -> [TemplateNode]?
    {
        let key = name + "\u{0}" + indentation
        if let nodes = parsed[key] { return nodes }
        guard let text = source(name) else {
            guard missingPartialIsError else { return nil }
            throw TemplateCompileError(
                template: template, line: line, message: "there is no template named \(name) (\(name).mustache)")
        }
        do {
            let nodes = try TemplateParser.parse(TemplateParser.indent(text, by: indentation))
            parsed[key] = nodes
            return nodes
        } catch {
            throw TemplateCompileError(template: name, line: error.line, message: error.message)
        }
    }

    mutating func compile(_ nodes: [TemplateNode], _ scope: Scope) throws(TemplateCompileError) -> [TemplateOp] {
        var ops: [TemplateOp] = []
        for node in nodes {
            switch node {
            case .text(let bytes):
                if case .text(let previous)? = ops.last {
                    ops[ops.count - 1] = .text(previous + bytes)
                } else {
                    ops.append(.text(bytes))
                }
            case .variable(let name, let escaped, let line):
                let lookup = try resolve(name, in: scope, line: line).lookup
                record(lookup, in: scope, pushed: nil)
                ops.append(.variable(lookup, escaped: escaped))
            case .section(let name, let inverted, let children, let line):
                ops.append(try section(name, inverted: inverted, children: children, line: line, in: scope))
            case .partial(let name, let indentation, let line):
                ops += try include(name, indentation: indentation, blocks: [], line: line, in: scope)
            case .parent(let name, let indentation, let blocks, let line):
                ops += try include(name, indentation: indentation, blocks: blocks, line: line, in: scope)
            case .block(let block):
                ops += try expand(block, in: scope)
            }
        }
        return ops
    }

    private mutating func section(
        _ name: String, inverted: Bool, children: [TemplateNode], line: Int,
        in scope: Scope
    ) throws(TemplateCompileError) -> TemplateOp {
        let (lookup, type) = try resolve(name, in: scope, line: line)
        guard !inverted, !type.isBool else {
            record(lookup, in: scope, pushed: nil)
            if inverted { return .inverted(lookup, try compile(children, scope)) }
            return .section(lookup, try compile(children, scope), pushesBool: false)
        }
        var inner = scope
        switch type {
        case .list(let element): inner.frames.append(element)
        default: inner.frames.append(type)
        }
        inner.plans.append(pushedPlan(lookup, type: type, in: scope))
        return .section(lookup, try compile(children, inner), pushesBool: true)
    }

    /// A partial, or a parent with its blocks overriding the parent's (overrides from further out
    /// win: the outermost template decides).
    private mutating func include(
        _ name: String, indentation: String, blocks: [TemplateBlock], line: Int,
        in scope: Scope
    ) throws(TemplateCompileError) -> [TemplateOp] {
        guard scope.depth < 64 else {
            throw TemplateCompileError(
                template: scope.template, line: line,
                message: "templates include each other more than 64 deep: \(name) includes itself")
        }
        guard let nodes = try nodes(of: name, indentation: indentation, line: line, in: scope.template) else {
            return []
        }
        var inner = scope
        inner.template = name
        inner.depth += 1
        for block in blocks where inner.overrides[block.name] == nil {
            overrideCount += 1
            inner.overrides[block.name] = Override(block: block, template: scope.template, id: overrideCount)
        }
        guard scope.isDynamic else { return try compile(nodes, inner) }
        planIsExact = false
        let key =
            name + "\u{0}" + indentation + "\u{0}"
            + inner.overrides.keys.sorted().map { key in
                let override = inner.overrides[key]!
                return "\(key)@\(override.id)"
            }.joined(separator: ",")
        if let compiled = shared[key] { return [.call(compiled)] }
        let compiled = CompiledOps()
        shared[key] = compiled
        compiled.ops = try compile(nodes, inner)
        return [.call(compiled)]
    }

    private mutating func expand(_ block: TemplateBlock, in scope: Scope) throws(TemplateCompileError) -> [TemplateOp] {
        guard let override = scope.overrides[block.name] else { return try compile(block.children, scope) }
        var inner = scope
        inner.template = override.template
        let body = try compile(override.block.children, inner)
        let remove = override.block.ownIndentation
        let add = block.expansionIndentation
        if remove.isEmpty && add.isEmpty { return body }
        return [.reindent(body, remove: remove, add: add, firstLine: block.indentsFirstLine)]
    }

    // MARK: - Read plans

    /// Records in the plan of the frame each candidate reads that it reads `lookup` (and, for a
    /// section, what it reads of the value: `pushed`).
    private mutating func record(_ lookup: TemplateLookup, in scope: Scope, pushed: ReadPlanNode?) {
        switch lookup {
        case .top:
            break  // the value on top was read where it was pushed
        case .field(let depth, let slot):
            scope.plans[scope.plans.count - 1 - depth].read(slot, pushed: pushed)
        case .typed(let candidates):
            for candidate in candidates {
                var node = scope.plans[scope.plans.count - 1 - candidate.depth]
                for step in candidate.path.dropLast() {
                    guard case .slot(let slot) = step else {
                        planIsExact = false
                        return
                    }
                    node = node.node(at: slot)
                }
                guard case .slot(let slot)? = candidate.path.last else {
                    planIsExact = false
                    return
                }
                node.read(slot, pushed: pushed)
            }
        case .dynamic:
            planIsExact = false
        }
    }

    /// The plan node of the context a section pushes: `{{#.}}` pushes the value on top again (an
    /// element of it, when it is a list).
    private mutating func pushedPlan(_ lookup: TemplateLookup, type: TemplateType, in scope: Scope) -> ReadPlanNode {
        let top = scope.plans[scope.plans.count - 1]
        guard case .top = lookup else {
            let node = ReadPlanNode()
            record(lookup, in: scope, pushed: node)
            return node
        }
        if case .list = scope.frames.last { return top.element() }
        return top
    }

    // MARK: - Names

    /// `name` (`.`, `title`, `issue.href`) resolved against the contexts on the stack: every context
    /// that declares its first part, nearest first (a null value there falls through to the next),
    /// and the rest of it within that context's field.
    func resolve(_ name: String, in scope: Scope, line: Int) throws(TemplateCompileError) -> (
        lookup: TemplateLookup, type: TemplateType
    ) {
        if name == "." { return (.top, scope.frames.last ?? .dynamic) }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            throw TemplateCompileError(
                template: scope.template, line: line,
                message: "{{\(name)}} is not a name: dotted names need a name between the dots")
        }
        if scope.isDynamic { return (.dynamic(parts), .dynamic) }
        var candidates: [TemplateLookup.Candidate] = []
        var types: [TemplateType] = []
        for (depth, frame) in scope.frames.reversed().enumerated() {
            guard case .object(let schema) = frame else {
                if case .dynamic = frame {
                    candidates.append(.init(depth: depth, path: [.name(parts[0])]))
                    types.append(.dynamic)
                }
                continue
            }
            if schema.isDynamic {
                candidates.append(.init(depth: depth, path: [.name(parts[0])]))
                types.append(.dynamic)
            } else if let (slot, type) = schema.slots[parts[0]] {
                var path: [TemplateLookup.Step] = [.slot(slot)]
                var type = type
                for part in parts.dropFirst() {
                    let step = try field(part, of: type, in: name, scope: scope, line: line)
                    path.append(step.step)
                    type = step.type
                }
                candidates.append(.init(depth: depth, path: path))
                types.append(type)
            }
        }
        guard let first = types.first else {
            let names =
                scope.frames.reversed().compactMap { frame -> String? in
                    if case .object(let schema) = frame { return schema.names.joined(separator: ", ") }
                    return nil
                }.first ?? ""
            throw TemplateCompileError(
                template: scope.template, line: line,
                message: "no context here has a name \(parts[0]) ({{\(name)}}); names here: \(names)")
        }
        let type = types.allSatisfy({ $0.sameShape(as: first) }) ? first : .dynamic
        if candidates.count == 1, candidates[0].path.count == 1, case .slot(let slot) = candidates[0].path[0] {
            return (.field(depth: candidates[0].depth, slot: slot), type)
        }
        return (.typed(candidates), type)
    }

    private func field(
        _ part: String, of type: TemplateType, in name: String, scope: Scope,
        line: Int
    ) throws(TemplateCompileError) -> (step: TemplateLookup.Step, type: TemplateType) {
        switch type {
        case .dynamic: return (.name(part), .dynamic)
        case .object(let schema) where schema.isDynamic: return (.name(part), .dynamic)
        case .object(let schema):
            if let (slot, type) = schema.slots[part] { return (.slot(slot), type) }
            throw TemplateCompileError(
                template: scope.template, line: line,
                message:
                    "{{\(name)}}: \(part) is not a name of \(schema.typeName); its names: \(schema.names.joined(separator: ", "))"
            )
        default:
            throw TemplateCompileError(
                template: scope.template, line: line,
                message: "{{\(name)}}: \(part) is read from a value that has no names")
        }
    }
}

extension TemplateType {
    func sameShape(as other: TemplateType) -> Bool {
        switch (self, other) {
        case (.text, .text), (.number, .number), (.bool, .bool), (.dynamic, .dynamic): return true
        case (.object(let a), .object(let b)): return a === b
        case (.list(let a), .list(let b)): return a.sameShape(as: b)
        default: return false
        }
    }
}

/// A template error found while compiling: the template it is in, the line, and what is wrong.
struct TemplateCompileError: Error {
    let template: String
    let line: Int
    let message: String
}

/// Where a compiled name reads its value.
enum TemplateLookup {
    /// `{{.}}`: the context on top of the stack.
    case top
    /// One field of one context on the stack (most names).
    case field(depth: Int, slot: Int)
    /// The contexts that declare the name, nearest first, each with the slots to read.
    case typed([Candidate])
    /// Looked up by name on the stack at render time (dynamic data only).
    case dynamic([String])

    struct Candidate {
        /// How far below the top of the stack.
        let depth: Int
        let path: [Step]
    }

    enum Step {
        case slot(Int)
        case name(String)
    }
}

/// A compiled template: text to copy and values to write, with sections as nested op lists.
enum TemplateOp {
    case text([UInt8])
    case variable(TemplateLookup, escaped: Bool)
    /// Rendered once per list item, once for any other truthy value; a `true` pushes nothing when
    /// the field is known to be a Bool (as swift-mustache renders it).
    case section(TemplateLookup, [TemplateOp], pushesBool: Bool)
    case inverted(TemplateLookup, [TemplateOp])
    /// A block override: its own indentation removed and the block's added, line by line.
    case reindent([TemplateOp], remove: [UInt8], add: [UInt8], firstLine: Bool)
    /// A partial compiled once and shared (it may include itself).
    case call(CompiledOps)
}

final class CompiledOps: @unchecked Sendable {
    var ops: [TemplateOp] = []
}
