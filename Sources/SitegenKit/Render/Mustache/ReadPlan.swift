/// What a compiled template reads of a context: the slots it reads, each with what it reads of
/// that slot's value (of each element, for a list). Derived from the template when it is compiled,
/// with partials and parents: a page's fingerprint is the digest of the values at these slots, so
/// a value a template shows is in the fingerprint as soon as the template shows it.
///
/// A name read inside a section that resolves to an outer context is read in that context's plan,
/// once, not once per element of the section.
final class ReadPlan: @unchecked Sendable {
    /// Sorted by slot; each slot once.
    let reads: [(slot: Int, plan: Ref)]
    /// For a list of lists: what is read of each inner element.
    let element: ReadPlan?
    /// The nodes `reads` lead to, held here.
    private let below: [ReadPlan]
    /// `reads`' nodes, in their order (nil where only the value itself is read).
    private let readNodes: [ReadPlan?]
    /// This node's place in a `ReadMemo`: numbered once, when its template set is made.
    private(set) var number = 0

    init(reads: [(slot: Int, plan: ReadPlan?)], element: ReadPlan?) {
        self.reads = reads.map { ($0.slot, Ref($0.plan)) }
        self.below = reads.compactMap(\.plan)
        self.readNodes = reads.map(\.plan)
        self.element = element
    }

    /// A node as fingerprints hand it to each field's hasher: not reference-counted, as its
    /// template set holds it. Every page's fingerprint passes these nodes on every core, and
    /// counting references to them from two cores at once made each count a trip between caches.
    struct Ref {
        private let node: Unmanaged<ReadPlan>?

        init(_ node: ReadPlan?) { self.node = node.map(Unmanaged.passUnretained) }

        /// No plan: nothing is read of the value but the value itself.
        var isNone: Bool { node == nil }
        var element: Ref { node?._withUnsafeGuaranteedRef { Ref($0.element) } ?? Ref(nil) }

        @inline(__always)
        func combine<Context: TemplateContext>(_ context: Context, into digest: inout PageDigest) {
            node?._withUnsafeGuaranteedRef { $0.combine(context, into: &digest) }
        }

        func combine<Context: KeyedContext>(keyed context: Context, into digest: inout PageDigest) {
            node?._withUnsafeGuaranteedRef { $0.combine(keyed: context, into: &digest) }
        }
    }

    /// The plan's shape: which slots it reads, and what of each, down to every element plan. Two
    /// plans of one page kind with the same shape read the same values of every page.
    func shapeDigest() -> UInt64 { StableHash.of { combineShape(into: &$0) } }

    private func combineShape(into hash: inout StableHash) {
        hash.combine(reads.count)
        for (read, node) in zip(reads, readNodes) {
            hash.combine(read.slot)
            if let node { node.combineShape(into: &hash) } else { hash.combine(-1) }
        }
        if let element { element.combineShape(into: &hash) } else { hash.combine(-2) }
    }

    /// Numbers this node and those below it from `next` on (each node of a template set has its own number).
    func numberNodes(from next: inout Int) {
        number = next
        next += 1
        for node in below { node.numberNodes(from: &next) }
        element?.numberNodes(from: &next)
    }

    /// The values this plan reads of `context`, folded into `digest` through each field's typed hasher.
    @inline(__always)
    func combine<Context: TemplateContext>(_ context: Context, into digest: inout PageDigest) {
        let hashers = Context.fields.hashers
        for read in reads { hashers[read.slot](context, read.plan, &digest) }
    }

    /// What this plan reads of a keyed context, folded in as the digest of its own walk: the same
    /// on every page that shows a context of that key, so `digest`'s memo walks it once per key
    /// (and, when reads are noted, hands each page the walk's notes too).
    func combine<Context: KeyedContext>(keyed context: Context, into digest: inout PageDigest) {
        let key = context.memoKey
        if let memo = digest.memo, memo.keys[number] == key {
            memo.log?.replay(memo.noted[number])
            return digest.combine(memo.digests[number])
        }
        let start = digest.memo?.log?.start()
        let outer = digest.hash
        digest.hash = StableHash()
        combine(context, into: &digest)
        let value = digest.hash.value
        digest.hash = outer
        digest.combine(value)
        if let memo = digest.memo {
            memo.keys[number] = key
            memo.digests[number] = value
            if let log = memo.log, let start { memo.noted[number] = log.noted(since: start) }
        }
    }

    /// A value only known as a `TemplateValue` (a field declared with its own reader): each element
    /// of a list with `plan`, an inner list's elements with `plan.element`.
    static func combine(_ value: TemplateValue, _ plan: Ref, into digest: inout PageDigest) {
        switch value {
        case .null: digest.combine(0 as UInt64)
        case .bool(let flag): digest.combine(flag ? 2 as UInt64 : 1)
        case .int(let number):
            digest.combine(3 as UInt64)
            digest.combine(number)
        case .double(let number):
            digest.combine(4 as UInt64)
            digest.combine(number.bitPattern)
        case .text(let text):
            digest.combine(5 as UInt64)
            digest.combineWords(text)
        case .object(let context):
            digest.combine(6 as UInt64)
            plan.combine(context, into: &digest)
        case .list(let items):
            digest.combine(7 as UInt64)
            digest.combine(items.count)
            for item in items {
                if case .list = item {
                    combine(item, plan.element, into: &digest)
                } else {
                    combine(item, plan, into: &digest)
                }
            }
        }
    }
}

/// How a field folds its value into a page's fingerprint: the context, what the template reads of
/// the value (`Ref.isNone`: nothing but the value itself), and the digest being made.
typealias FieldHasher<Context> = (Context, ReadPlan.Ref, inout PageDigest) -> Void

/// A context whose every value a template can read is fixed by its key, on every page of a build:
/// but for the way back to the root (its links fold in their paths only) and `current` answers
/// (they fold in what they compare, see `TemplateField.current`). A page's fingerprint then takes
/// what is read of it as one digest, made once per key (`ReadMemo`): every article of a page shows
/// the same 版面导航 and 标题导航.
protocol KeyedContext: TemplateContext {
    /// Unique among the contexts of this type that differ in what a template can read of them.
    var memoKey: Int { get }
}

/// The digests of keyed contexts a run of pages has walked: per plan node, the last key walked
/// there and its digest. Pages come in the archive's order, so neighbours (the articles of a
/// page) find their shared contexts here. One per thread: it is not shared.
final class ReadMemo {
    var keys: [Int]
    var digests: [UInt64]
    /// The thread's read log, if its pages' reads are noted: then each walk's notes are kept
    /// (`noted`) and handed to every page that takes its digest from here.
    let log: IssueReadLog?
    var noted: [[Int32]]

    init(nodes: Int, log: IssueReadLog? = nil) {
        keys = Array(repeating: Int.min, count: nodes)
        digests = Array(repeating: 0, count: nodes)
        self.log = log
        noted = log == nil ? [] : Array(repeating: [], count: nodes)
    }
}

/// A page's fingerprint being made, with the memo of the keyed contexts walked so far (nil: none
/// is kept; the fingerprint is the same).
struct PageDigest: DigestFolding {
    var hash = StableHash()
    let memo: ReadMemo?

    init(memo: ReadMemo?) { self.memo = memo }

    /// Words in one step each (`StableHash.mix`): a page folds in a few hundred.
    mutating func combine(_ number: UInt64) { hash.mix(number) }
    mutating func combine(_ number: Int) { hash.mix(UInt64(bitPattern: Int64(number))) }
    mutating func combineWords(_ text: String?) { hash.combineWords(text) }
    mutating func combineWords(_ texts: [String]) { hash.combineWords(texts) }
}

extension TemplateField {
    /// A text that is the same in every build (`archive/index.html`): fingerprints fold in nothing
    /// for it, as a state made by another sitegen binary is not used.
    static func constant(_ name: String, _ text: String) -> Self {
        let field = Self.text(name) { _ in text }
        return Self(name: name, type: .text, read: field.read, hash: { _, _, _ in }, visit: field.visit)
    }

    /// A keyed context (`KeyedContext`): fingerprints take what is read of it as one digest, made
    /// once per key and page run.
    static func object<Child: KeyedContext>(_ name: String, _ type: Child.Type, _ read: @escaping (Context) -> Child?)
        -> Self
    {
        Self(
            name: name, type: .object(Child.fields.schema), read: { .object(read($0)) },
            hash: { context, plan, digest in
                digest.combine(present: read(context)) { plan.combine(keyed: $1, into: &$0) }
            },
            visit: visitor(read, FieldVisits.object))
    }
}

/// A read plan as the compiler builds it: one node per context a section pushes. A name read
/// through several contexts (it falls through on null) leaves the section's node under each.
final class ReadPlanNode {
    /// Slot → the nodes of what is read of its value (empty: only the value itself).
    private var slots: [Int: [ReadPlanNode]] = [:]
    /// For a list pushed as a context: the nodes of what is read of each element.
    private var elements: [ReadPlanNode] = []

    /// The node of what is read of `slot`'s value when it is reached through a dotted name
    /// (`issue.href`): shared by every dotted name through that slot.
    func node(at slot: Int) -> ReadPlanNode {
        if let first = slots[slot]?.first { return first }
        let node = ReadPlanNode()
        slots[slot, default: []].append(node)
        return node
    }

    /// Records that `slot` is read, and, when a section pushes its value, `pushed`: its node.
    func read(_ slot: Int, pushed: ReadPlanNode? = nil) {
        if let pushed { slots[slot, default: []].append(pushed) } else if slots[slot] == nil { slots[slot] = [] }
    }

    /// The node of each element, for `{{#.}}` over a list on the stack.
    func element() -> ReadPlanNode {
        let node = ReadPlanNode()
        elements.append(node)
        return node
    }

    /// The plan these nodes make together (they describe one value).
    static func freeze(_ nodes: [ReadPlanNode]) -> ReadPlan? {
        var slots: [Int: [ReadPlanNode]] = [:]
        var elements: [ReadPlanNode] = []
        for node in nodes {
            slots.merge(node.slots, uniquingKeysWith: +)
            elements += node.elements
        }
        guard !slots.isEmpty || !elements.isEmpty else { return nil }
        let reads = slots.keys.sorted().map { slot in (slot: slot, plan: freeze(slots[slot]!)) }
        return ReadPlan(reads: reads, element: elements.isEmpty ? nil : freeze(elements))
    }
}
