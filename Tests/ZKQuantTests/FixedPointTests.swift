import Testing
@testable import ZKQuant

/// The rounding rules the circuit must reproduce, pinned on negative values and ties.
@Suite struct FixedPointTests {
    @Test(arguments: [
        (Int64(5), 1, Int64(3)), (-5, 1, -2), (-3, 1, -1), (-1, 1, 0), (1, 1, 1), (3, 2, 1),
        (-5, 2, -1), (-6, 2, -1), (-7, 2, -2), (0, 5, 0), (1000, 0, 1000), (-(1 << 40), 20, -(1 << 20)),
    ])
    func rescaleRoundsHalfUp(x: Int64, shift: Int, expected: Int64) {
        #expect(FixedPoint.rescale(x, shift: shift) == expected)
    }

    @Test func rescaleMatchesTheRealDefinition() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<2000 {
            let x = Int64.random(in: -(1 << 40)...(1 << 40), using: &rng)
            let k = Int.random(in: 1...20, using: &rng)
            let real = (Double(x) / Double(Int64(1) << k) + 0.5).rounded(.down)
            #expect(FixedPoint.rescale(x, shift: k) == Int64(real))
        }
    }

    @Test(arguments: [
        (Int64(7), Int64(2), Int64(4)), (-7, 2, -3), (-8, 3, -3), (8, 3, 3), (-9, 6, -1), (9, 6, 2), (0, 9, 0), (-1, 9, 0),
    ])
    func divideRoundsHalfUp(x: Int64, d: Int64, expected: Int64) {
        #expect(FixedPoint.divide(x, by: d) == expected)
    }

    @Test func divideByPowerOfTwoEqualsRescale() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<1000 {
            let x = Int64.random(in: -(1 << 30)...(1 << 30), using: &rng)
            let k = Int.random(in: 1...10, using: &rng)
            #expect(FixedPoint.divide(x, by: Int64(1) << k) == FixedPoint.rescale(x, shift: k))
        }
    }

    @Test func floorDivisionGoesTowardMinusInfinity() {
        #expect(FixedPoint.floorDivide(-7, 2) == -4)
        #expect(FixedPoint.floorDivide(7, 2) == 3)
        #expect(FixedPoint.floorDivide(-8, 2) == -4)
    }

    @Test func quantizeRoundsHalfUp() {
        #expect(FixedPoint.quantize(0.5, scale: 0) == 1)
        #expect(FixedPoint.quantize(-0.5, scale: 0) == 0)
        #expect(FixedPoint.quantize(-1.5, scale: 0) == -1)
        #expect(FixedPoint.quantize(0.3, scale: 4) == 5)
        #expect(FixedPoint.quantize(.infinity, scale: 0) == nil)
        #expect(FixedPoint.scale(forMagnitude: 0.5, bits: 16, maxScale: 30) == 15)
        #expect(FixedPoint.scale(forMagnitude: 0, bits: 16, maxScale: 12) == 12)
    }
}
