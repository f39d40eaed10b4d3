import Dispatch
import Foundation

/// Maps over `items` on every core, keeping order. The transform must be safe to call concurrently.
package func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    let slots = SendableBuffer(results)
    // A few chunks per core balance uneven work without paying for a dispatch per item.
    let chunks = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 8)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let range = (items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks)
        for index in range {
            slots.buffer[index] = transform(items[index])
        }
    }
    return results.map { $0! }
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
