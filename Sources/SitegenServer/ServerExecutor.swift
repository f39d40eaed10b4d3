import Dispatch

/// Runs the server's tasks on a Dispatch queue of their own, so that requests are answered even
/// while whatever else shares the process (a test suite's synchronous builds) holds every thread
/// of Swift's cooperative pool.
final class ServerExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "sitegen.serve", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
