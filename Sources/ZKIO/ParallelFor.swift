import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Runs `count` independent tasks on at most `threads` threads (the calling thread alone when
/// `threads` is 1); tasks are handed out one at a time, so uneven tasks balance.
public enum ParallelFor {
    public static func run(count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for i in 0..<count { body(i) }
            return
        }
        // A shared counter hands out task indices; workers stop when it passes `count`.
        let next = TaskCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.take()
                if i >= count { break }
                body(i)
            }
        }
    }
}

/// A lock-protected counter.
final class TaskCounter: @unchecked Sendable {
    private var value = 0
    private var lock = pthread_mutex_t()

    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }

    func take() -> Int {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        let v = value
        value += 1
        return v
    }
}

extension ParallelFor {
    /// Runs `first` on the calling thread while `second` runs on a thread of its own, and returns
    /// both results once both have finished.
    ///
    /// For overlapping a serial step with parallel work that does not depend on it (Groth16
    /// setup evaluates the QAP at τ while the generator tables are built): the second closure may
    /// itself use ``run(count:threads:_:)``. When no thread can be started, `second` runs after
    /// `first` on the calling thread.
    public static func concurrently<A, B: Sendable>(_ first: () -> A,
                                                    alongside second: @escaping @Sendable () -> B) -> (A, B) {
        let result = ResultBox<B>()
        let task = ThreadTask { result.value = second() }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(task).toOpaque()
        guard pthread_create(&thread, nil, runThreadTask, context) == 0 else {
            Unmanaged<ThreadTask>.fromOpaque(context).release()
            return (first(), second())
        }
        let a = first()
        pthread_join(thread, nil)
        return (a, result.value!)
    }
}

/// The entry point of ``ParallelFor/concurrently(_:alongside:)``'s thread: runs its task.
private func runThreadTask(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<ThreadTask>.fromOpaque(context!).takeRetainedValue().body()
    return nil
}

/// The closure run by ``ParallelFor/concurrently(_:alongside:)``'s thread.
private final class ThreadTask: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

/// Where that closure leaves its result.
private final class ResultBox<B>: @unchecked Sendable {
    // Safety: written by the thread before pthread_join returns, read only after it.
    var value: B?
}
