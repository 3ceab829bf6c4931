import Testing
@testable import ZKCurves
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

    // Up to 5,000 points (c = 9, 256 buckets) the windows have fewer than 512 buckets and sort
    // their points by bucket (`sortedWindowSum`); `larger` (2^13, 512 buckets) takes the
    // batch-affine accumulator.
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

    @Test("window layout: one window fewer when the top remainder is small, every bit covered once")
    func layout() {
        // 2^20 points, 254 bits, c = 13: 19 windows (7 of 14 bits, 11 of 13, the top reading 13 + 1).
        let (widths, offsets) = MSM.windowLayout(pointCount: 1 << 20, bits: 254, width: 13)
        #expect(widths == Array(repeating: 14, count: 7) + Array(repeating: 13, count: 11) + [14])
        #expect(offsets.last == 254 - 13)
        // 2^16 points (c = 12): too few points to pay for wider buckets, so uniform windows and a
        // top window holding 254 − 21·12 = 2 bits and the carry.
        #expect(MSM.windowLayout(pointCount: 1 << 16, bits: 254, width: 12).widths == Array(repeating: 12, count: 21) + [3])
        for log in [4, 10, 15, 18, 20, 22] {
            for bits in [1, 2, 7, 16, 45, 64, 128, 200, 254] {
                let n = 1 << log
                let c = MSM.windowSize(pointCount: n, bits: bits)
                let (w, o) = MSM.windowLayout(pointCount: n, bits: bits, width: c)
                // The windows below the top tile the low bits; the top window's value bits finish them.
                #expect(w.dropLast().reduce(0, +) + w.last! - 1 == bits, "n 2^\(log), \(bits) bits")
                #expect(o.first == 0 && zip(o.dropFirst(), zip(o, w)).allSatisfy { $0 == $1.0 + $1.1 })
                #expect(w.allSatisfy { $0 >= 1 && $0 <= 16 })
            }
        }
    }

    @Test("MSMs taking the wider layout (2^15 points) equal independent sums")
    func widerLayout() {
        let count = 1 << 15
        #expect(MSM.windowLayout(pointCount: count, bits: 254, width: MSM.windowSize(pointCount: count, bits: 254)).widths.count
                == 254 / MSM.windowSize(pointCount: count, bits: 254))
        var rng = SeededGenerator(seed: 15)
        let points = Self.randomPoints(BN254.G1Config.self, count: count, seed: 16)
        // Full-width scalars: against the sum of eight 4,096-point MSMs, which take uniform windows.
        let scalars = (0..<count).map { _ in Fr.random(using: &rng) }
        var chunks = JacobianPoint<BN254.G1Config>.infinity
        for start in stride(from: 0, to: count, by: 4096) {
            chunks += MSM.multiScalarMultiply(points: Array(points[start ..< start + 4096]), scalars: Array(scalars[start ..< start + 4096]))
        }
        #expect(MSM.multiScalarMultiply(points: points, scalars: scalars) == chunks)
        // 45-bit scalars (c = 11, five windows become four): against the naive sum.
        let short = (0..<count).map { _ in Fr(UInt64.random(in: 0 ..< (1 << 45), using: &rng)) }
        #expect(MSM.windowLayout(pointCount: count, bits: 45, width: 11).widths == [12, 11, 11, 12])
        #expect(MSM.multiScalarMultiply(points: points, scalars: short) == MSM.naive(points: points, scalars: short))
    }

    @Test("window size grows with the input and never exceeds the scalar width")
    func windows() {
        // Capped at 14 so that one window's buckets stay in L2.
        #expect(MSM.windowSize(pointCount: 1 << 20, bits: 254) == 14)
        #expect(MSM.windowSize(pointCount: 1 << 24, bits: 254) == 14)
        #expect(MSM.windowSize(pointCount: 1 << 16, bits: 254) == 12)
        #expect(MSM.windowSize(pointCount: 1 << 12, bits: 254) == 9)
        #expect(MSM.windowSize(pointCount: 1 << 20, bits: 3) == 4)
        #expect(MSM.windowSize(pointCount: 4, bits: 254) >= 2)
    }

    @Test("grouping equal scalars: distinct values, segment sums and the grouped MSM equal the naive sum",
          arguments: [1, 5, 100, 9000])
    func equalScalars(count: Int) {
        var rng = SeededGenerator(seed: 300 + UInt64(count))
        var points = Self.randomPoints(BN254.G1Config.self, count: count, seed: 301 + UInt64(count))
        if count >= 100 {
            points[10] = points[11]     // equal points in one group (a doubling)
            points[12] = -points[13]    // opposite points in one group (a cancellation)
            points[20] = -points[21]    // and a group that cancels to infinity
        }
        // A lookup-like witness: full-width inverses repeating over few values, a long run of
        // one value, small repeated limbs.
        let inverses = (0 ..< 37).map { _ in Fr.random(using: &rng) }
        let scalarSets: [[Fr]] = [
            (0 ..< count).map { _ in inverses[Int.random(in: 0 ..< inverses.count, using: &rng)] },
            (0 ..< count).map { i in i < count / 2 ? inverses[0] : inverses[1 + i % 3] },
            (0 ..< count).map { i in i == 20 || i == 21 ? inverses[5] : Fr(UInt64.random(in: 0 ..< 256, using: &rng)) },
            (0 ..< count).map { i in i == 10 || i == 11 || i == 12 || i == 13 ? inverses[4] : Fr.random(using: &rng) },
        ]
        for scalars in scalarSets {
            let (group, distinct) = MSM.distinctScalars(scalars)
            #expect(Set(distinct.map { $0.description }).count == distinct.count)
            #expect(zip(group, scalars).allSatisfy { distinct[Int($0.0)] == $0.1 })
            let expected = MSM.naive(points: points, scalars: scalars)
            for threads in [1, 2] {
                #expect(MSM.multiplyGroupingEqualScalars(points: points, group: group, distinct: distinct, threads: threads) == expected)
            }
            #expect(WitnessMSM.multiply(points: points, scalars: scalars, threads: 2) == expected)
        }
    }

    @Test("grouping is chosen only when values repeat")
    func groupingChoice() {
        #expect(WitnessMSM.groupingPays(count: 40_000, distinct: 2_048, bits: 254))
        #expect(WitnessMSM.groupingPays(count: 4_000, distinct: 256, bits: 16))
        #expect(!WitnessMSM.groupingPays(count: 40_000, distinct: 40_000, bits: 254))
        #expect(!WitnessMSM.groupingPays(count: 40_000, distinct: 39_000, bits: 16))
    }
}
