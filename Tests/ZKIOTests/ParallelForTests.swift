#if canImport(Glibc)
import Glibc
#endif
import Testing
import ZKIO

@Suite("ParallelFor")
struct ParallelForTests {
    /// Slots written by the closures below, each by one task.
    struct Slots: @unchecked Sendable {
        // Safety: every task writes only its own index; read after the loop has finished.
        let buffer: UnsafeMutableBufferPointer<Int>
        init(_ count: Int) { buffer = .allocate(capacity: count); buffer.initialize(repeating: 0) }
        func release() { buffer.deallocate() }
    }

    @Test("run: every index exactly once, for any thread count")
    func runCoversEveryIndex() {
        for threads in [1, 2, 5] {
            let slots = Slots(1000)
            defer { slots.release() }
            ParallelFor.run(count: 1000, threads: threads) { slots.buffer[$0] += 1 }
            #expect(slots.buffer.allSatisfy { $0 == 1 }, "\(threads) threads")
        }
    }

    @Test("concurrently: both results, the second closure on a thread of its own")
    func concurrentlyReturnsBoth() {
        let (a, b) = ParallelFor.concurrently({ (0 ..< 1000).reduce(0, +) }, alongside: { (0 ..< 100).map { $0 * $0 } })
        #expect(a == 499_500)
        #expect(b.count == 100 && b[99] == 9801)
        // The second closure may itself run a parallel loop while the first one works.
        let (caller, (other, sum)) = ParallelFor.concurrently({ pthread_self() }, alongside: { () -> (pthread_t, Int) in
            let slots = Slots(64)
            defer { slots.release() }
            ParallelFor.run(count: 64, threads: 2) { slots.buffer[$0] = $0 }
            return (pthread_self(), slots.buffer.reduce(0, +))
        })
        #expect(pthread_equal(caller, pthread_self()) != 0)
        #expect(pthread_equal(other, caller) == 0)
        #expect(sum == 2016)
    }
}
