import CDeflate
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// zlib-wrapped deflate, the format browsers inflate with `DecompressionStream("deflate")`, made
/// by libdeflate: at its level 9 it takes less than half of zlib's time at level 6 on the index's
/// records, and makes them a little smaller. No header carries a time stamp, so the same bytes in
/// give the same bytes out.
enum Deflate {
    /// At libdeflate's level 9. (It stores inputs of a few dozen bytes as they are, such as the key
    /// directory of a block of a handful of articles: a few bytes more than zlib made of them.)
    static func compress(_ bytes: [UInt8]) -> [UInt8] { compress(bytes, level: 9) }

    /// `level`: 0 (stored, not compressed), 1 (fastest) … 12 (smallest).
    static func compress(_ bytes: [UInt8], level: Int32) -> [UInt8] {
        MappedMemory.install
        return compressors.with(level: level) { compressor in
            let bound = libdeflate_zlib_compress_bound(compressor, bytes.count)
            // Not zeroed first: libdeflate writes what is kept.
            return [UInt8](unsafeUninitializedCapacity: bound) { target, count in
                count = bytes.withUnsafeBufferPointer { source in
                    libdeflate_zlib_compress(compressor, source.baseAddress, source.count, target.baseAddress, bound)
                }
                precondition(count > 0, "libdeflate_zlib_compress_bound was too small")
            }
        }
    }

    /// Nil when the bytes are not zlib data.
    static func decompress(_ bytes: [UInt8]) -> [UInt8]? {
        MappedMemory.install
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var capacity = max(1024, bytes.count * 6)
        while capacity <= 1 << 30 {
            var length = 0
            var output = [UInt8](repeating: 0, count: capacity)
            let status = output.withUnsafeMutableBufferPointer { target in
                bytes.withUnsafeBufferPointer { source in
                    libdeflate_zlib_decompress(
                        decompressor, source.baseAddress, source.count, target.baseAddress, target.count, &length)
                }
            }
            if status == LIBDEFLATE_SUCCESS {
                output.removeSubrange(length...)
                return output
            }
            guard status == LIBDEFLATE_INSUFFICIENT_SPACE else { return nil }
            capacity *= 4
        }
        return nil
    }

    private static let compressors = CompressorPool()
}

/// Compressors kept for the next file, per level: one holds 656 KB of match-finding tables (at
/// levels 2–9), which would otherwise be allocated and faulted in again for each of a build's
/// thousands of files. At most one per level and thread that compressed at once.
private final class CompressorPool: Sendable {
    private let idle = Mutex<[Int32: [Compressor]]>([:])

    func with<Result>(level: Int32, _ body: (OpaquePointer) -> Result) -> Result {
        let compressor = idle.withLock { $0[level]?.popLast() } ?? Compressor(level: level)
        defer { idle.withLock { $0[level, default: []].append(compressor) } }
        return body(compressor.pointer)
    }

    /// Used by one thread at a time: it leaves the pool while in use.
    private final class Compressor: @unchecked Sendable {
        let pointer: OpaquePointer

        init(level: Int32) {
            guard let pointer = libdeflate_alloc_compressor(level) else {
                preconditionFailure("libdeflate could not allocate a compressor of level \(level)")
            }
            self.pointer = pointer
        }

        deinit { libdeflate_free_compressor(pointer) }
    }
}

/// libdeflate's memory, mapped for each compressor and unmapped when it is freed, apart from the
/// malloc heap: a compressor kept by `CompressorPool` at the top of a thread's heap would keep the
/// heap from shrinking below it, and the index blocks freed there would stay resident (a build's
/// peak memory grew by several megabytes).
private enum MappedMemory {
    /// Set before libdeflate's first allocation (its rule): every entry point of `Deflate` reads it first.
    static let install: Void = libdeflate_set_memory_allocator(allocate, release)

    /// The mapping's length is kept in front of what libdeflate gets.
    private static let header = 16

    private static let allocate: @convention(c) (Int) -> UnsafeMutableRawPointer? = { size in
        let length = size + MappedMemory.header
        guard let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            base != MAP_FAILED
        else { return nil }
        base.storeBytes(of: length, as: Int.self)
        return base + MappedMemory.header
    }

    private static let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
        guard let pointer else { return }
        let base = pointer - MappedMemory.header
        munmap(base, base.load(as: Int.self))
    }
}
