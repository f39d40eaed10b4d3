/// What a compiled template reads of a context: the slots it reads, each with what it reads of
/// that slot's value (of each element, for a list). Derived from the template when it is compiled,
/// with partials and parents: a page's fingerprint is the digest of the values at these slots, so
/// a value a template shows is in the fingerprint as soon as the template shows it.
///
/// A name read inside a section that resolves to an outer context is read in that context's plan,
/// once, not once per element of the section.
final class ReadPlan: @unchecked Sendable {
    /// Sorted by slot; each slot once.
    let reads: [(slot: Int, plan: ReadPlan?)]
    /// For a list of lists: what is read of each inner element.
    let element: ReadPlan?

    init(reads: [(slot: Int, plan: ReadPlan?)], element: ReadPlan?) {
        self.reads = reads
        self.element = element
    }

    /// The values this plan reads of `context`, folded into `hash` through each field's typed hasher.
    @inline(__always)
    func combine<Context: TemplateContext>(_ context: Context, into hash: inout StableHash) {
        let hashers = Context.fields.hashers
        for read in reads { hashers[read.slot](context, read.plan, &hash) }
    }

    /// A value only known as a `TemplateValue` (a field declared with its own reader): each element
    /// of a list with `plan`, an inner list's elements with `plan.element`.
    static func combine(_ value: TemplateValue, _ plan: ReadPlan?, into hash: inout StableHash) {
        switch value {
        case .null: hash.combine(0 as UInt64)
        case .bool(let flag): hash.combine(flag ? 2 as UInt64 : 1)
        case .int(let number):
            hash.combine(3 as UInt64)
            hash.combine(number)
        case .double(let number):
            hash.combine(4 as UInt64)
            hash.combine(number.bitPattern)
        case .text(let text):
            hash.combine(5 as UInt64)
            hash.combine(text)
        case .object(let context):
            hash.combine(6 as UInt64)
            plan?.combine(context, into: &hash)
        case .list(let items):
            hash.combine(7 as UInt64)
            hash.combine(items.count)
            for item in items {
                if case .list = item {
                    combine(item, plan?.element, into: &hash)
                } else {
                    combine(item, plan, into: &hash)
                }
            }
        }
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

extension StableHash {
    /// A text folded in as a digest of its bytes taken eight at a time: fingerprints fold in many
    /// texts, and FNV-1a goes byte by byte. As stable between processes and machines.
    mutating func combineWords(_ text: String?) {
        guard var text else { return combine(0 as UInt64) }
        combine(text.withUTF8 { Self.wordDigest(UnsafeRawBufferPointer($0)) })
    }

    mutating func combineWords(_ texts: [String]) {
        combine(texts.count)
        for text in texts { combineWords(text) }
    }

    private static func wordDigest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var digest = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            digest = (digest ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            digest ^= digest >> 33
            offset += 8
        }
        var tail: UInt64 = 0
        for (index, byte) in bytes[offset...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(index)) }
        digest = (digest ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return digest ^ (digest >> 29)
    }
}
