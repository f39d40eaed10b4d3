import CZlib

/// zlib-wrapped deflate, the format browsers inflate with `DecompressionStream("deflate")`.
/// No header carries a time stamp, so the same bytes in give the same bytes out.
enum Deflate {
    /// `level`: zlib's 0 (stored, not compressed), 1 (fastest) … 9 (smallest).
    static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let bound = compressBound(uLong(bytes.count))
        // Not zeroed first: zlib writes what is kept.
        return [UInt8](unsafeUninitializedCapacity: Int(bound)) { target, count in
            var length = bound
            let status = bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &length, source.baseAddress, uLong(source.count), level)
            }
            precondition(status == Z_OK, "compressBound was too small")
            count = Int(length)
        }
    }

    /// Nil when the bytes are not zlib data.
    static func decompress(_ bytes: [UInt8]) -> [UInt8]? {
        var capacity = max(1024, bytes.count * 6)
        while capacity <= 1 << 30 {
            var length = uLong(capacity)
            var output = [UInt8](repeating: 0, count: capacity)
            let status = output.withUnsafeMutableBufferPointer { target in
                bytes.withUnsafeBufferPointer { source in
                    uncompress(target.baseAddress, &length, source.baseAddress, uLong(source.count))
                }
            }
            if status == Z_OK {
                output.removeSubrange(Int(length)...)
                return output
            }
            guard status == Z_BUF_ERROR else { return nil }
            capacity *= 4
        }
        return nil
    }
}
