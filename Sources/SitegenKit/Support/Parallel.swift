import Dispatch
import Foundation
import Synchronization

/// Maps over `items` on every core, keeping order. The transform must be safe to call concurrently.
///
/// Each core claims the next few items as it finishes its last ones, so a core never idles while
/// another still has a queue of items: items differ in cost (a search block of 300 articles
/// beside one of 60; an article page beside a month's calendar).
package func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer {
        _ = results.deinitialize()
        results.deallocate()
    }
    let slots = SendableBuffer(results)
    let workers = ProcessInfo.processInfo.activeProcessorCount
    // Claims of a few dozen small items (pages) cost one atomic add each, not one per item; big
    // items (search blocks, fewer than 64 a core) are claimed one at a time.
    let batch = max(1, items.count / (workers * 64))
    let claims = Claims()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let start = claims.next.add(batch, ordering: .relaxed).oldValue
            guard start < items.count else { return }
            for index in start..<min(start + batch, items.count) {
                slots.buffer[index] = transform(items[index])
            }
        }
    }
    return results.map { $0! }
}

/// `transform` of consecutive runs of `items` on every core, in order: for work so light per item
/// (a dictionary lookup per file of the site) that a call per item would cost more than the item,
/// or that shares something along a run (neighbouring pages' fingerprints share a memo, pages
/// rendered one after another a buffer). A run has at least `fewest` items.
package func parallelRuns<T: Sendable, R: Sendable>(
    _ items: [T], fewest: Int = 256, _ transform: @Sendable (ArraySlice<T>) -> R
) -> [R] {
    // Several runs a core, so that one slow run does not leave the other cores idle at the end.
    let runs = max(1, min(items.count / fewest, ProcessInfo.processInfo.activeProcessorCount * 16))
    let bounds = (0..<runs).map { (items.count * $0 / runs)..<(items.count * ($0 + 1) / runs) }
    return parallelMap(bounds) { transform(items[$0]) }
}

/// The next unclaimed item of a `parallelMap`.
private final class Claims: Sendable {
    let next = Atomic<Int>(0)
}

/// Each concurrent writer touches its own indices only.
private struct SendableBuffer<R>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<R?>
    init(_ buffer: UnsafeMutableBufferPointer<R?>) { self.buffer = buffer }
}

/// Work started on a thread of its own at once; `value` waits for its result. A thread, not a
/// dispatch queue: the work must overlap whatever keeps the cores busy meanwhile (a
/// `parallelMap`), not wait for it to free a worker.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?  // written before `done` is signalled, read after

    init(_ work: @escaping @Sendable () -> Value) {
        Thread {
            self.result = work()
            self.done.signal()
        }.start()
    }

    var value: Value {
        done.wait()
        done.signal()  // for the next caller
        return result!
    }
}
