import Testing
@testable import ZKCircuits
import ZKField

/// ``CircuitAPI/thresholdTests(_:thresholds:bits:)`` through the gadget harness: every test exact
/// for inputs across the signed range (on, just below and just above each threshold, and at the
/// range's ends), no witness beyond the range, the documented cost, and every wire and hint output
/// tampered (another interval's indicator, two indicators, none), with bits and limbs.
@Suite("Threshold tests")
struct ThresholdTestsTests {
    @Test("valid and tampered witnesses around every threshold and beyond the width",
          arguments: [RangeCheckMode.bits, .lookup(limbBits: 4), .lookup(limbBits: 6)])
    func harness(mode: RangeCheckMode) throws {
        var generator = SeededGenerator(seed: 0x7EE5)
        let n = 10
        let (lowest, highest) = (-(Int64(1) << (n - 1)), (Int64(1) << (n - 1)) - 1)
        for thresholds: [Int64] in [[-3, 0, 7, 100], [lowest, highest - 1], [-200, -199, -198, 5, 300, 301], [42]] {
            var inputs = Set([lowest, highest, 0, -1, 1])
            for t in thresholds { inputs.formUnion([t - 1, t, t + 1].filter { $0 >= lowest && $0 <= highest }) }
            for _ in 0 ..< 6 { inputs.insert(Int64.random(in: lowest ... highest, using: &generator)) }
            if thresholds.count > 1 { inputs.formUnion([lowest - 1, highest + 1, highest + 200]) }
            for x in inputs.sorted() {
                try GadgetHarness.verify(.thresholds(thresholds, bits: n), [x], attack: x == thresholds[0] || x == lowest,
                                         rangeChecks: mode)
            }
        }
    }

    @Test("a test is 1 exactly up to its threshold")
    func semantics() {
        #expect(GadgetCase.thresholds([-3, 0, 7], bits: 8).reference([-3]) == [1, 1, 1])
        #expect(GadgetCase.thresholds([-3, 0, 7], bits: 8).reference([-2]) == [0, 1, 1])
        #expect(GadgetCase.thresholds([-3, 0, 7], bits: 8).reference([8]) == [0, 0, 0])
        #expect(GadgetCase.thresholds([-3, 0, 7], bits: 8).reference([128]) == nil)
    }
}
