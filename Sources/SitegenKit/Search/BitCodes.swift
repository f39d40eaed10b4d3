/// LEB128 unsigned varints, the numbers inside postings.
struct VarintWriter {
    var bytes: [UInt8] = []

    mutating func append(_ value: Int) {
        var value = UInt(value)
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func append(bytes more: some Collection<UInt8>) {
        append(more.count)
        bytes.append(contentsOf: more)
    }
}

struct VarintReader {
    let bytes: [UInt8]
    var offset: Int
    let end: Int

    init(_ bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    var atEnd: Bool { offset >= end }

    /// Nil on truncated data.
    mutating func next() -> Int? {
        var value = 0
        var shift = 0
        while offset < end, shift < 63 {
            let byte = bytes[offset]
            offset += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

/// The bit codes inside one key's postings, most significant bit first, the last byte padded with
/// zeros. Elias gamma for counts (n ≥ 1) and Rice codes with parameter k for gaps (v ≥ 0): gaps
/// between articles and between positions are roughly geometric, so Rice codes come close to
/// their entropy, about half the bytes of varints.
struct BitWriter {
    private var bytes: [UInt8] = []
    /// Bits not yet in `bytes`, the latest lowest; `pending` (fewer than 32) of them. Whole
    /// 32-bit words go into `bytes` at once: a posting is a few bits, written for every
    /// character of the archive.
    private var buffer: UInt64 = 0
    private var pending = 0

    /// Appends the low `count` (≤ 56) bits of `value`.
    @inline(__always)
    mutating func bits(_ value: Int, count: Int) {
        if count > 32 {
            word(value >> 32, count: count - 32)
            word(value, count: 32)
        } else if count > 0 {
            word(value, count: count)
        }
    }

    /// Appends the low `count` (1…32) bits of `value`.
    @inline(__always)
    private mutating func word(_ value: Int, count: Int) {
        buffer = buffer << UInt64(count) | (UInt64(truncatingIfNeeded: value) & ((1 << UInt64(count)) - 1))
        pending += count
        if pending >= 32 {
            pending -= 32
            let full = UInt32(truncatingIfNeeded: buffer >> UInt64(pending)).bigEndian
            withUnsafeBytes(of: full) { bytes.append(contentsOf: $0) }
        }
    }

    /// Bytes written so far, the last partial one included.
    var byteCount: Int { bytes.count + (pending + 7) / 8 }

    mutating func bit(_ set: Bool) { bits(set ? 1 : 0, count: 1) }

    mutating func gamma(_ value: Int) {
        let width = Int.bitWidth - value.leadingZeroBitCount
        if 2 * width - 1 <= 56 { return bits(value, count: 2 * width - 1) }  // the zeros come with the value
        bits(0, count: width - 1)
        bits(value, count: width)
    }

    mutating func rice(_ value: Int, k: Int) {
        var ones = value >> k
        if ones + 1 + k <= 56 {  // usually: one call for the unary part and the remainder
            return bits((((1 << ones) - 1) << (1 + k)) | (value & ((1 << k) - 1)), count: ones + 1 + k)
        }
        while ones >= 32 {
            bits(-1, count: 32)
            ones -= 32
        }
        bits(((1 << ones) - 1) << 1, count: ones + 1)
        bits(value, count: k)
    }

    /// Appends the bytes written so far, the last one padded with zeros, with their length in
    /// front; then starts again empty (keeping its memory for the next key).
    mutating func finish(appendingTo output: inout VarintWriter) {
        while pending >= 8 {
            pending -= 8
            bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt64(pending)))
        }
        if pending > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer << UInt64(8 - pending)))
            pending = 0
        }
        output.append(bytes: bytes)
        bytes.removeAll(keepingCapacity: true)
        buffer = 0
    }

    /// The Rice parameter for gaps averaging `total / count`.
    static func riceParameter(total: Int, count: Int) -> Int {
        let mean = max(1, total / max(1, count))
        return min(15, Int.bitWidth - mean.leadingZeroBitCount - 1)
    }
}

struct BitReader {
    let bytes: [UInt8]
    private var position: Int
    private let end: Int

    init(_ reader: VarintReader) {
        bytes = reader.bytes
        position = reader.offset * 8
        end = reader.end * 8
    }

    /// Nil past the end of the postings.
    mutating func bit() -> Bool? {
        guard position < end else { return nil }
        defer { position += 1 }
        return bytes[position >> 3] & (0x80 >> UInt8(position & 7)) != 0
    }

    mutating func bits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let bit = bit() else { return nil }
            value = value << 1 | (bit ? 1 : 0)
        }
        return value
    }

    mutating func gamma() -> Int? {
        var zeros = 0
        while true {
            guard let bit = bit() else { return nil }
            if bit { break }
            zeros += 1
            if zeros > 40 { return nil }
        }
        guard let rest = bits(zeros) else { return nil }
        return 1 << zeros | rest
    }

    mutating func rice(k: Int) -> Int? {
        var quotient = 0
        while true {
            guard let bit = bit() else { return nil }
            if !bit { break }
            quotient += 1
        }
        guard let rest = bits(k) else { return nil }
        return quotient << k | rest
    }
}
