import Foundation

/// A 64-bit FNV-1a hash that is the same in every process and on every machine (Swift's `Hasher`
/// is seeded per process), so fingerprints can be stored between builds.
package struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package init() {}

    package mutating func combine(bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        value = hash
    }

    package mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
        combine(UInt64(text.utf8.count))  // length-delimited: ("ab","c") ≠ ("a","bc")
    }

    package mutating func combine(_ text: String?) {
        combine(present: text) { $0.combine($1) }
    }

    package mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { combine(bytes: $0) }
    }

    package mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    package mutating func combine(_ flag: Bool) { combine(flag ? 1 as UInt64 : 0) }

    package mutating func combine(_ texts: [String]) {
        combine(texts.count)
        for text in texts { combine(text) }
    }

    package static func of(_ build: (inout StableHash) -> Void) -> UInt64 {
        var hash = StableHash()
        build(&hash)
        return hash.value
    }

    package static func of(bytes: some ContiguousBytes) -> UInt64 {
        var hash = StableHash()
        bytes.withUnsafeBytes { hash.combine(bytes: $0) }
        return hash.value
    }
}

/// Anything a digest is folded into: a `StableHash`, or a page's fingerprint being made
/// (`PageDigest`, which also carries its memo). Optional values fold in the same way into both.
package protocol DigestFolding {
    mutating func combine(_ number: UInt64)
}

extension StableHash: DigestFolding {}

extension DigestFolding {
    /// An optional value: 0 when absent, else 1 and then what `present` folds in, so that an
    /// absent value differs from every present one.
    package mutating func combine<Value>(present value: Value?, _ present: (inout Self, Value) -> Void) {
        guard let value else { return combine(0 as UInt64) }
        combine(1 as UInt64)
        present(&self, value)
    }
}

extension StableHash {
    /// A text folded in as a digest of its bytes taken eight at a time: fingerprints and article
    /// bodies fold in many texts, and FNV-1a goes byte by byte. As stable between processes and machines.
    mutating func combineWords(_ text: String?) {
        guard let text else { return mix(0) }
        // In place when the text's UTF-8 is contiguous (always, but for a text bridged from
        // Objective-C): no copy of the String, no retain.
        let digest =
            text.utf8.withContiguousStorageIfAvailable { Self.wordDigest(UnsafeRawBufferPointer($0)) }
            ?? { () -> UInt64 in
                var text = text
                return text.withUTF8 { Self.wordDigest(UnsafeRawBufferPointer($0)) }
            }()
        mix(digest)
    }

    /// Folds in a 64-bit word in one step (`combine(_: UInt64)` takes its eight bytes one by one):
    /// for fingerprints, which fold in a few hundred words per page.
    mutating func mix(_ word: UInt64) {
        var hash = (value ^ word) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        value = hash
    }

    mutating func combineWords(_ texts: [String]) {
        mix(UInt64(texts.count))
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
