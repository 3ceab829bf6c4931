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

/// The processor count, without Foundation.
@usableFromInline
enum ProcessInfoShim {
    @usableFromInline
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        1
        #endif
    }
}
