import Testing
@testable import ZKCircuits
import ZKField

/// ``CircuitAPI/reciprocal(_:shift:bits:)`` through the gadget harness: the rounded `2^k/x` for
/// positive inputs, no witness for `x ≤ 0`, every backend, the documented cost, and every wire
/// and hint output tampered, with bit-decomposed and limb range checks.
@Suite("Reciprocal")
struct ReciprocalTests {
    @Test("valid and tampered witnesses over the input range, zero, negatives and beyond the width",
          arguments: [RangeCheckMode.bits, .lookup(limbBits: 4), .lookup(limbBits: 8)])
    func harness(mode: RangeCheckMode) throws {
        var generator = SeededGenerator(seed: 0x2EC1)
        for (k, n) in [(4, 8), (12, 10), (20, 16)] {
            var inputs = Set(signedBoundaries(n) + [0, 1, 2, 3, -1, 1 << (n - 1), 1 << n, (1 << k) - 1, 1 << k, (1 << k) + 1])
            for _ in 0 ..< 12 { inputs.insert(Int64.random(in: 1 ..< (1 << (n - 1)), using: &generator)) }
            for x in inputs.sorted() {
                try GadgetHarness.verify(.reciprocal(shift: k, bits: n), [x], attack: x == 3 || x == 1 << (n - 2), rangeChecks: mode)
            }
        }
    }

    @Test("the quotient is 2^k/x rounded half up, exactly at the halves")
    func rounding() {
        // 2^4/3 = 5.33 → 5; 2^4/32 = 0.5 → 1 (half up); 2^4/33 → 0; 2^4/1 = 16.
        for (x, y): (Int64, Int64) in [(3, 5), (32, 1), (33, 0), (1, 16), (6, 3), (5, 3)] {
            #expect(GadgetCase.reciprocal(shift: 4, bits: 8).reference([x]) == [y], "x = \(x)")
        }
    }
}
