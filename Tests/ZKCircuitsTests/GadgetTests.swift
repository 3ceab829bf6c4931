import Testing
import ZKCircuits
import ZKField
import ZKQuant

/// `[−2^(n−1), −2^(n−1)+1, −2, −1, 0, 1, 2, 2^(n−1)−2, 2^(n−1)−1]` and the two values just outside.
func signedBoundaries(_ n: Int) -> [Int64] {
    let half = Int64(1) << (n - 1)
    return Array(Set([-half - 1, -half, -half + 1, -2, -1, 0, 1, 2, half - 2, half - 1, half])).sorted()
}

/// Dividends at the edges of a rounded division by `d` with an `n`-bit quotient: the smallest and
/// largest accepted values and their outer neighbours, remainders 0 and d − 1 around zero, and
/// exact multiples.
func divisionBoundaries(_ d: Int64, bits n: Int) -> [Int64] {
    let half = Int64(1) << (n - 1)
    let c = d / 2
    let low = -half * d - c, high = half * d - c - 1
    var values: [Int64] = [low - 1, low, low + 1, high - 1, high, high + 1]
    for q: Int64 in [-3, -1, 0, 1, 2] {
        values += [q * d - c, q * d - c + d - 1, q * d]   // remainders 0 and d − 1, exact multiple
    }
    values += [-d, d, -1, 0, 1]
    return Array(Set(values)).sorted()
}

@Suite("Gadgets: valid, boundary and tampered witnesses")
struct GadgetTests {
    @Test("boolean")
    func boolean() throws {
        for x: Int64 in [0, 1, 2, -1, 1 << 40] { try GadgetHarness.verify(.boolean, [x]) }
    }

    @Test("toBits and unsigned range check", arguments: [1, 2, 8, 24])
    func bits(n: Int) throws {
        let top = Int64(1) << n
        let values: [Int64] = Array(Set([0, 1, top / 2, top - 2, top - 1, top, top + 1, -1, -top])).filter { $0 >= -top }.sorted()
        for x in values {
            try GadgetHarness.verify(.toBits(n), [x])
            try GadgetHarness.verify(.rangeCheck(n), [x])
        }
    }

    @Test("signed range check", arguments: [1, 2, 8, 24])
    func signedRange(n: Int) throws {
        for x in signedBoundaries(n) { try GadgetHarness.verify(.signedRange(n), [x]) }
    }

    @Test("isZero and isEqual")
    func zeroAndEqual() throws {
        for x: Int64 in [0, 1, -1, 2, 1 << 40, -(1 << 62)] {
            try GadgetHarness.verify(.isZero, [x])
            // No free hint, even at 0 (the harness moves every hint output).
            try GadgetHarness.verify(.isZeroStrict, [x], attack: true)
        }
        for (a, b): (Int64, Int64) in [(0, 0), (5, 5), (-3, -3), (5, 6), (-1, 1), (0, 1 << 50)] {
            try GadgetHarness.verify(.isEqual, [a, b])
        }
    }

    @Test("select")
    func select() throws {
        for (a, b): (Int64, Int64) in [(3, 9), (-4, 4), (7, 7), (0, -(1 << 40))] {
            try GadgetHarness.verify(.select, [1, a, b])
            try GadgetHarness.verify(.select, [0, a, b])
        }
    }

    @Test("lessThan, lessOrEqual and max at the range edges", arguments: [1, 8, 24])
    func comparisons(n: Int) throws {
        let edges = signedBoundaries(n)
        for a in edges {
            for b in edges {
                try GadgetHarness.verify(.lessThan(n), [a, b], attack: n <= 8)
                try GadgetHarness.verify(.lessOrEqual(n), [a, b], attack: false)
                try GadgetHarness.verify(.max(n), [a, b], attack: n == 8)
            }
        }
        // Differences at ±2^n: −2^n is accepted, 2^n and beyond have no witness.
        let full = Int64(1) << n
        for (a, b) in [(0, full), (full, 0), (full - 1, 0), (0, full + 1), (-full, 1)] {
            try GadgetHarness.verify(.lessThan(n), [a, b])
        }
    }

    @Test("max over many values and argmax (first and last on ties)")
    func maxAndArgMax() throws {
        let rows: [[Int64]] = [[3, -1, 7, 2], [5, 5, -5, 5], [-128, -128, -128, -128], [127, -128, 127, 0],
                               [-7, -3, -3, -9], [0, 1, 2, 3], [3, 2, 1, 0]]
        for row in rows {
            try GadgetHarness.verify(.maxOf(8, count: 4), row)
            try GadgetHarness.verify(.argMax(8, count: 4, selectLast: false), row)
            try GadgetHarness.verify(.argMax(8, count: 4, selectLast: true), row)
        }
        try GadgetHarness.verify(.maxOf(8, count: 1), [42])
        try GadgetHarness.verify(.argMax(8, count: 1, selectLast: false), [42])
        try GadgetHarness.verify(.maxOf(8, count: 2), [300, -300])   // difference beyond 2^8
        try GadgetHarness.verify(.argMax(8, count: 2, selectLast: false), [-300, 300])
        var rng = SeededGenerator(seed: 41)
        for _ in 0..<40 {
            let row = (0..<5).map { _ in Int64.random(in: -8...8, using: &rng) }
            try GadgetHarness.verify(.maxOf(12, count: 5), row, attack: false)
            try GadgetHarness.verify(.argMax(12, count: 5, selectLast: false), row, attack: false)
            try GadgetHarness.verify(.argMax(12, count: 5, selectLast: true), row, attack: false)
        }
    }

    @Test("ReLU, alone and sharing the rescale's sign bit", arguments: [1, 8, 24])
    func relu(n: Int) throws {
        for x in signedBoundaries(n) { try GadgetHarness.verify(.relu(n), [x]) }
        if n >= 4 {
            for x in divisionBoundaries(8, bits: n) { try GadgetHarness.verify(.rescaleRelu(shift: 3, bits: n), [x], attack: n == 8) }
        }
    }

    @Test("rescale: round half up, documented negative cases and quotient edges", arguments: [0, 1, 2, 5, 12])
    func rescale(k: Int) throws {
        for x in divisionBoundaries(Int64(1) << k, bits: 8) {
            try GadgetHarness.verify(.rescale(shift: k, bits: 8), [x])
        }
        if k == 1 {
            #expect(GadgetCase.rescale(shift: 1, bits: 8).reference([-5]) == [-2])
            #expect(GadgetCase.rescale(shift: 1, bits: 8).reference([-3]) == [-1])
        }
        if k == 2 {
            #expect(GadgetCase.rescale(shift: 2, bits: 8).reference([-7]) == [-2])
            #expect(GadgetCase.rescale(shift: 2, bits: 8).reference([-6]) == [-1])
        }
    }

    @Test("divide by a constant: round half up, remainders 0 and d − 1, quotient edges",
          arguments: [1, 2, 3, 6, 7, 10, 255, 256, 1000] as [Int64])
    func divide(d: Int64) throws {
        for x in divisionBoundaries(d, bits: 8) {
            try GadgetHarness.verify(.divide(d, bits: 8), [x], attack: d <= 10)
        }
        for (x, expected): (Int64, Int64) in [(-7, -3), (-9, -1), (9, 2)] where [2, 6].contains(d) {
            if FixedPoint.divide(x, by: d) == expected {
                try GadgetHarness.verify(.divide(d, bits: 8), [x])
            }
        }
    }

    @Test("LeakyReLU / PReLU slopes")
    func leakyRelu() throws {
        // 0.01 at scale 8 (3), −1 at scale 8, 0.5 at scale 1, 2.0 at scale 8 (overflows for large negatives).
        for (slope, k): (Int64, Int) in [(3, 8), (-256, 8), (1, 1), (512, 8), (0, 0)] {
            for x in signedBoundaries(8) + [-100, -37, 37] {
                try GadgetHarness.verify(.leakyRelu(slope: slope, shift: k, bits: 8), [x], attack: slope == 3)
            }
        }
    }

    @Test("clamp with both bounds, one bound, and at the range edges")
    func clamp() throws {
        let bounds: [(Int64?, Int64?)] = [(-10, 20), (nil, 50), (-30, nil), (-128, 127), (5, 5)]
        for (lo, hi) in bounds {
            for x in signedBoundaries(8) + [-11, -10, -9, 19, 20, 21, 4, 5, 6] {
                try GadgetHarness.verify(.clamp(lo: lo, hi: hi, bits: 8), [x], attack: lo == -10 && hi == 20)
            }
        }
        try GadgetHarness.verify(.clamp(lo: -10, hi: 20, bits: 8), [400])   // difference beyond 2^8
    }

    /// Regression: a legal ONNX Clip with min > max reached `precondition(lo <= hi)` and killed
    /// the compiler. ONNX applies max then min, so the output is `hi` for every input.
    @Test("clamp with lo > hi is the constant hi")
    func clampWithLowerAboveUpper() throws {
        for (lo, hi) in [(20, -10), (5, 4), (127, -128), (-3, -4)] as [(Int64, Int64)] {
            for x in signedBoundaries(8) + [-11, -10, -9, 4, 5, 6, 19, 20, 21] {
                try GadgetHarness.verify(.clamp(lo: lo, hi: hi, bits: 8), [x])
            }
        }
    }

    @Test("random inputs: builder, evaluator and ZKQuant agree")
    func randomLockstep() throws {
        var rng = SeededGenerator(seed: 2026)
        for _ in 0..<60 {
            let acc = Int64.random(in: -(1 << 36)...(1 << 36), using: &rng)
            try GadgetHarness.verify(.rescale(shift: 12, bits: 24), [acc], attack: false)
            try GadgetHarness.verify(.rescaleRelu(shift: 13, bits: 24), [acc], attack: false)
            let d = Int64.random(in: 1...5000, using: &rng)
            try GadgetHarness.verify(.divide(d, bits: 24), [acc / 16], attack: false)
            let x = Int64.random(in: -(1 << 23)..<(1 << 23), using: &rng)
            try GadgetHarness.verify(.relu(24), [x], attack: false)
            try GadgetHarness.verify(.leakyRelu(slope: 41, shift: 12, bits: 24), [x], attack: false)
            try GadgetHarness.verify(.clamp(lo: -(1 << 20), hi: 1 << 21, bits: 24), [x], attack: false)
            let y = Int64.random(in: -(1 << 23)..<(1 << 23), using: &rng)
            try GadgetHarness.verify(.max(24), [x, y], attack: false)
            try GadgetHarness.verify(.lessThan(24), [x, y], attack: false)
        }
    }

    @Test("the circuit's division form equals ZKQuant's on every small dividend and divisor")
    func divisionFormExhaustive() throws {
        let evaluator = NativeEvaluator()
        for d: Int64 in 1...17 {
            for x: Int64 in -700...700 {
                let y = evaluator.divide(Fr(Int(x)), by: d, bits: 16)
                #expect(y.signedInt64 == FixedPoint.divide(x, by: d), "divide(\(x), \(d))")
            }
        }
        for k in 0...6 {
            for x: Int64 in -700...700 {
                #expect(evaluator.rescale(Fr(Int(x)), shift: k, bits: 16).signedInt64 == FixedPoint.rescale(x, shift: k))
            }
        }
        #expect(evaluator.error == nil)
    }
}
