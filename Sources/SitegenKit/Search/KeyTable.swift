/// Numbers the distinct keys (code points) of one block in the order they are first seen. A code
/// point of the Basic Multilingual Plane (nearly all of any text) is looked up directly in a table
/// of 65,536 numbers; others by open addressing with a multiplicative hash. The index makes a
/// lookup per character of the archive, twice, and `Dictionary`'s seeded SipHash costs several
/// times more.
struct KeyTable {
    /// Key numbers plus one, by code point below `directKeys`; 0 for a key not seen.
    private var direct = [Int32](repeating: 0, count: Self.directKeys)
    /// Key numbers plus one for keys from `directKeys` on; 0 marks an empty slot.
    private var slots: [Int32]
    private var shift: UInt64
    private var hashed = 0
    private(set) var keys: [UInt64] = []

    static let directKeys = 0x10000

    init(expected: Int) {
        var bits = 4
        while 1 << bits < 2 * max(expected, 8) { bits += 1 }
        slots = [Int32](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// The key's number, and whether it was new.
    mutating func id(of key: UInt64) -> (id: Int32, new: Bool) {
        if key < Self.directKeys {
            let stored = direct[Int(key)]
            if stored != 0 { return (stored - 1, false) }
            let id = Int32(keys.count)
            keys.append(key)
            direct[Int(key)] = id + 1
            return (id, true)
        }
        let (slot, stored) = find(key)
        if stored != 0 { return (stored - 1, false) }
        let id = Int32(keys.count)
        keys.append(key)
        slots[slot] = id + 1
        hashed += 1
        if hashed * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The number of a key already numbered by `id(of:)`.
    func existingID(of key: UInt64) -> Int32 {
        (key < Self.directKeys ? direct[Int(key)] : find(key).stored) - 1
    }

    /// The slot holding `key` (its number plus one), or the empty slot where it would go (0).
    private func find(_ key: UInt64) -> (slot: Int, stored: Int32) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 || keys[Int(stored) - 1] == key { return (slot, stored) }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for (index, key) in keys.enumerated() where key >= Self.directKeys {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
