import Testing
import ZKCurves
import ZKField

@Suite("MSM")
struct MSMTests {
    static func randomPoints<C: CurveConfig>(_: C.Type, count: Int, seed: UInt64) -> [AffinePoint<C>]
    where C.ScalarField == Fr {
        var rng = SeededGenerator(seed: seed)
        // Cheap distinct points: multiples of a random base by consecutive integers.
        let base = JacobianPoint<C>.generator * Fr.random(using: &rng)
        var points: [JacobianPoint<C>] = []
        var current = base
        for _ in 0..<count { points.append(current); current += base }
        return JacobianPoint<C>.batchNormalize(points)
    }

    // Up to 1,500 points the windows have fewer than 128 buckets (Jacobian buckets); 5,000
    // points (c = 9, 256 buckets) take the batch-affine accumulator.
    @Test("G1 MSM equals the naive sum on random, short, 0/1, signed-edge and repeated inputs",
          arguments: [1, 2, 3, 7, 64, 300, 1500, 5000])
    func g1(count: Int) {
        var rng = SeededGenerator(seed: UInt64(count))
        var points = Self.randomPoints(BN254.G1Config.self, count: count, seed: UInt64(count) + 1)
        if count > 4 {
            points[1] = .infinity
            points[2] = points[3]     // equal points (doubling inside a bucket)
            points[4] = -points[3]    // opposite points (cancellation inside a bucket)
        }
        let scalarSets: [[Fr]] = [
            (0..<count).map { _ in Fr.random(using: &rng) },
            (0..<count).map { _ in Fr(UInt64.random(in: 0..<2, using: &rng)) },
            (0..<count).map { _ in Fr(Int.random(in: -300...300, using: &rng)) },
            (0..<count).map { _ in Fr(UInt64.random(in: 0..<65536, using: &rng)) },
            (0..<count).map { i in i % 2 == 0 ? -Fr.one : Fr(-2) },
            [Fr](repeating: .zero, count: count),
            [Fr](repeating: .one, count: count),
            (0..<count).map { i in Fr(UInt64(1) << UInt64(i % 64)) },
        ]
        for scalars in scalarSets {
            let expected = MSM.naive(points: points, scalars: scalars)
            #expect(MSM.multiScalarMultiply(points: points, scalars: scalars, threads: 1) == expected)
            #expect(MSM.multiScalarMultiply(points: points, scalars: scalars, threads: 2) == expected)
        }
    }

    @Test("G2 MSM equals the naive sum", arguments: [5, 200])
    func g2(count: Int) {
        var rng = SeededGenerator(seed: 77)
        let points = Self.randomPoints(BN254.G2Config.self, count: count, seed: 78)
        for scalars in [(0..<count).map { _ in Fr.random(using: &rng) },
                        (0..<count).map { _ in Fr(UInt64.random(in: 0..<2, using: &rng)) }] {
            #expect(MSM.multiScalarMultiply(points: points, scalars: scalars) == MSM.naive(points: points, scalars: scalars))
        }
    }

    @Test("a larger MSM (2^13) with batch-affine buckets equals the naive sum")
    func larger() {
        let count = 1 << 13
        var rng = SeededGenerator(seed: 5)
        let points = Self.randomPoints(BN254.G1Config.self, count: count, seed: 6)
        let scalars = (0..<count).map { _ in Fr.random(using: &rng) }
        // The naive sum of 8192 scalar multiplications is the slow part; one comparison suffices.
        #expect(MSM.multiScalarMultiply(points: points, scalars: scalars) == MSM.naive(points: points, scalars: scalars))
    }

    @Test("window size grows with the input and never exceeds the scalar width")
    func windows() {
        // Capped at 13 so that one window's buckets stay in L2.
        #expect(MSM.windowSize(pointCount: 1 << 20, bits: 254) == 13)
        #expect(MSM.windowSize(pointCount: 1 << 16, bits: 254) == 12)
        #expect(MSM.windowSize(pointCount: 1 << 12, bits: 254) == 9)
        #expect(MSM.windowSize(pointCount: 1 << 20, bits: 3) == 4)
        #expect(MSM.windowSize(pointCount: 4, bits: 254) >= 2)
    }
}
