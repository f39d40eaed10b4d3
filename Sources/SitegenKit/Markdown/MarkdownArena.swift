import CMark

#if canImport(Glibc)
    import Glibc
#endif

/// libcmark's memory, one document at a time per thread: allocations are cut from blocks kept
/// by the thread and let go all at once when the document is done, instead of a `malloc` and a
/// `free` for each node and buffer (about a fifth of libcmark's time on an article). libcmark
/// still frees what it made: a document that needs more than `Arena.limit` (pathological
/// nesting frees and allocates again and again) gets the rest from the heap, freed as usual.
enum MarkdownArena {
    /// Calls `body` with an allocator for libcmark (`cmark_parser_new_with_mem`). The arena's
    /// memory is released when the outermost call returns: nothing libcmark made with it may be
    /// kept beyond.
    static func withMemory<Result>(_ body: (UnsafeMutablePointer<cmark_mem>) -> Result) -> Result {
        let arena = Arena.current
        arena.pointee.depth += 1
        defer {
            arena.pointee.depth -= 1
            if arena.pointee.depth == 0 { arena.pointee.reset() }
        }
        return body(memory)
    }

    /// Runs `free` (libcmark's frees of what it made) only when some of it came from the heap:
    /// the rest goes with the arena, and walking a document to free it would be time spent for
    /// nothing.
    static func release(_ free: () -> Void) {
        if Arena.current.pointee.heapAllocations > 0 { free() }
    }

    /// Made once and only read after: libcmark takes a pointer to it.
    nonisolated(unsafe) private static let memory: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(
            to: cmark_mem(
                calloc: { count, size in
                    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                    guard !overflow, let pointer = Arena.current.pointee.allocate(bytes) else { return nil }
                    return memset(pointer, 0, bytes)
                },
                realloc: { pointer, size in Arena.current.pointee.reallocate(pointer, to: size) },
                free: { pointer in Arena.current.pointee.release(pointer) }))
        return memory
    }()
}

/// One thread's blocks: the current one, linked to the ones filled before it in this document.
/// Each allocation is preceded by its size (rounded up, for `reallocate`) and where it lives.
private struct Arena {
    /// Of a thread's first block: enough for most articles' nodes and HTML.
    static let firstBlockSize = 256 * 1024
    /// The most a document takes from blocks; beyond, from the heap.
    static let limit = 16 * 1024 * 1024
    /// A block's first bytes: the link to the block before it.
    static let blockHeader = 16
    /// Before each allocation: its size and whether it came from the heap.
    static let allocationHeader = 16

    var block: UnsafeMutableRawPointer
    var used = blockHeader
    var capacity: Int
    var blocks = 1
    /// The bytes of all the document's blocks.
    var reserved: Int
    /// Nested `withMemory` calls: the memory is released when the outermost one ends.
    var depth = 0
    /// Allocations from the heap not yet freed.
    var heapAllocations = 0

    init(capacity: Int) {
        self.capacity = capacity
        reserved = capacity
        block = malloc(capacity)!
        block.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
    }

    static func rounded(_ size: Int) -> Int { (size + 15) & ~15 }

    mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let need = Self.allocationHeader + Self.rounded(size)
        if used + need > capacity {
            let size = max(Self.firstBlockSize, Self.blockHeader + need)
            guard reserved + size <= Self.limit else {
                return allocateFromHeap(size: need - Self.allocationHeader)
            }
            guard let next = malloc(size) else { return nil }
            next.storeBytes(of: block, as: UnsafeMutableRawPointer?.self)
            block = next
            used = Self.blockHeader
            capacity = size
            blocks += 1
            reserved += size
        }
        let header = block + used
        header.storeBytes(of: Self.rounded(size), as: Int.self)
        header.storeBytes(of: false, toByteOffset: 8, as: Bool.self)
        used += need
        return header + Self.allocationHeader
    }

    mutating func allocateFromHeap(size: Int) -> UnsafeMutableRawPointer? {
        guard let header = malloc(Self.allocationHeader + size) else { return nil }
        heapAllocations += 1
        header.storeBytes(of: size, as: Int.self)
        header.storeBytes(of: true, toByteOffset: 8, as: Bool.self)
        return header + Self.allocationHeader
    }

    /// Grows the last allocation in place when it can; otherwise copies into a new one.
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size) }
        let header = pointer - Self.allocationHeader
        let old = header.load(as: Int.self)
        if Self.rounded(size) <= old { return pointer }
        if header.load(fromByteOffset: 8, as: Bool.self) {
            guard let moved = realloc(header, Self.allocationHeader + Self.rounded(size)) else { return nil }
            moved.storeBytes(of: Self.rounded(size), as: Int.self)
            return moved + Self.allocationHeader
        }
        if pointer + old == block + used, used - old + Self.rounded(size) <= capacity {
            used += Self.rounded(size) - old
            header.storeBytes(of: Self.rounded(size), as: Int.self)
            return pointer
        }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: pointer, byteCount: old)
        release(pointer)
        return moved
    }

    /// Frees what came from the heap; gives back the last allocation of a block; leaves the rest
    /// to `reset`.
    mutating func release(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        let header = pointer - Self.allocationHeader
        let size = header.load(as: Int.self)
        if header.load(fromByteOffset: 8, as: Bool.self) {
            free(header)
            heapAllocations -= 1
        } else if pointer + size == block + used {
            used -= Self.allocationHeader + size
        }
    }

    /// Lets go of the document's memory; a thread keeps one block, as big as the last document
    /// needed (up to a few megabytes), so the next one rarely needs more.
    mutating func reset() {
        guard blocks > 1 else {
            used = Self.blockHeader
            return
        }
        Self.freeBlocks(from: block)
        self = Arena(capacity: min(reserved, 4 * 1024 * 1024))
    }

    static func freeBlocks(from last: UnsafeMutableRawPointer) {
        var current: UnsafeMutableRawPointer? = last
        while let block = current {
            current = block.load(as: UnsafeMutableRawPointer?.self)
            free(block)
        }
    }

    /// The calling thread's arena, made on first use and freed with the thread.
    static var current: UnsafeMutablePointer<Arena> {
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: Arena.self) }
        let arena = UnsafeMutablePointer<Arena>.allocate(capacity: 1)
        arena.initialize(to: Arena(capacity: firstBlockSize))
        pthread_setspecific(key, arena)
        return arena
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let arena = raw?.assumingMemoryBound(to: Arena.self) else { return }
            freeBlocks(from: arena.pointee.block)
            arena.deallocate()
        }
        return key
    }()
}
