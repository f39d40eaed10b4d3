/// Numbers the distinct keys (code points) of one block in the order they are first seen. Open
/// addressing with a multiplicative hash: the index makes a lookup per character of the archive,
/// and `Dictionary`'s seeded SipHash costs several times more.
struct KeyTable {
    /// Key numbers plus one; 0 marks an empty slot.
    private var slots: [Int32]
    private var shift: UInt64
    private(set) var keys: [UInt64] = []

    init(expected: Int) {
        var bits = 4
        while 1 << bits < 2 * max(expected, 8) { bits += 1 }
        slots = [Int32](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// The key's number, and whether it was new.
    mutating func id(of key: UInt64) -> (id: Int32, new: Bool) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if keys[Int(stored) - 1] == key { return (stored - 1, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(keys.count)
        keys.append(key)
        slots[slot] = id + 1
        if keys.count * 2 > slots.count { grow() }
        return (id, true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for (index, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
