import Testing
@testable import ZKCircuits
import ZKField

/// ``CircuitAPI/oneHot(_:count:nonNegative:)`` through the gadget harness: every index of the
/// range (negative ones counting from the end), no witness outside it (one past each end, far
/// away, a non-integer field element's neighbourhood), the documented cost, and every wire and
/// hint output tampered.
@Suite("One-hot")
struct OneHotTests {
    @Test("valid and tampered witnesses over the range and beyond", arguments: [false, true])
    func harness(nonNegative: Bool) throws {
        for n in [1, 2, 5] {
            let low = nonNegative ? 0 : -n
            for x in Int64(low - 2) ... Int64(n + 1) {
                try GadgetHarness.verify(.oneHot(n, nonNegative: nonNegative), [x], attack: x == 0 || x == Int64(n - 1) || x == -1)
            }
            try GadgetHarness.verify(.oneHot(n, nonNegative: nonNegative), [1 << 40], attack: false)
        }
    }

    @Test("a negative index counts from the end")
    func semantics() {
        #expect(GadgetCase.oneHot(4, nonNegative: false).reference([-1]) == [0, 0, 0, 1])
        #expect(GadgetCase.oneHot(4, nonNegative: false).reference([2]) == [0, 0, 1, 0])
        #expect(GadgetCase.oneHot(4, nonNegative: true).reference([-1]) == nil)
        #expect(GadgetCase.oneHot(4, nonNegative: false).reference([4]) == nil)
    }
}
