/// A compact, versioned byte format for sitegen's own build cache: decoding 10,000 records must
/// take milliseconds (JSON takes a tenth of a second), and any damage must read as "no cache".
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(_ text: String?) {
        if let text {
            write(1 as UInt64)
            write(text)
        } else {
            write(0 as UInt64)
        }
    }

    mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }

    /// Bytes as an earlier writer wrote them (see `BinaryReader.bytes(from:)`).
    mutating func write(encoded: ArraySlice<UInt8>) {
        bytes.append(contentsOf: encoded)
    }
}

struct BinaryReader {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    /// Where the next read starts.
    var position: Int { offset }

    /// What was read since `start` (a `position`), as it was encoded.
    func bytes(from start: Int) -> ArraySlice<UInt8> { bytes[start..<offset] }

    /// All bytes left to read.
    var remaining: Int { bytes.count - offset }

    mutating func skip(_ count: Int) throws(Damaged) {
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        offset += count
    }

    mutating func readUInt64() throws(Damaged) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Damaged() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func readInt() throws(Damaged) -> Int { Int(Int64(bitPattern: try readUInt64())) }

    mutating func readString() throws(Damaged) -> String {
        let count = try readInt()
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    mutating func readOptionalString() throws(Damaged) -> String? {
        try readUInt64() == 0 ? nil : try readString()
    }

    mutating func readStrings() throws(Damaged) -> [String] {
        let count = try readInt()
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count { texts.append(try readString()) }
        return texts
    }
}

extension BinaryWriter {
    /// Fixed-width numbers as their bytes, after their count: tens of thousands read in one copy.
    mutating func write<Number: FixedWidthInteger>(numbers: [Number]) {
        write(numbers.count)
        numbers.withUnsafeBytes { write(encoded: ArraySlice($0)) }
    }
}

extension BinaryReader {
    mutating func readNumbers<Number: FixedWidthInteger>(_ type: Number.Type) throws(Damaged) -> [Number] {
        let count = try readInt()
        let size = MemoryLayout<Number>.stride
        guard count >= 0, count <= remaining / size else { throw Damaged() }
        let start = position
        try skip(count * size)
        let raw = bytes(from: start)
        return [Number](unsafeUninitializedCapacity: count) { buffer, initialized in
            raw.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
    }
}
