import CZKBatchAffine
import Testing
@testable import ZKCurves
import ZKField

/// The AVX-512 IFMA kernel (CZKBatchAffine) against ZKField and the Swift batch-affine path. Runs
/// where the CPU has AVX-512 IFMA (the benchmark machine does); elsewhere the kernel is never
/// used and these tests are skipped.
@Suite("IFMA batch-affine kernel", .enabled(if: zk_batch_affine_available() != 0))
struct BatchAffineKernelTests {
    /// Edge values of 𝔽_p and random ones, eight per call.
    static func elements(seed: UInt64) -> [Fq] {
        var rng = SeededGenerator(seed: seed)
        var out: [Fq] = [.zero, .one, -Fq.one, Fq(2), -Fq(2), Fq(UInt64.max), Fq(2).power(255), Fq(2).power(52) - .one]
        for _ in 0 ..< 8 * 63 { out.append(Fq.random(using: &rng)) }
        return out
    }

    static func limbs(_ values: ArraySlice<Fq>) -> [UInt64] {
        values.flatMap { v in [v.montgomeryLimbs.0, v.montgomeryLimbs.1, v.montgomeryLimbs.2, v.montgomeryLimbs.3] }
    }

    @Test("8-lane 𝔽_p multiplication, addition and subtraction equal Fp's")
    func fieldKernels() {
        let a = Self.elements(seed: 1), b = Self.elements(seed: 2).reversed().map { $0 }
        for (label, kernel, reference) in [
            ("multiply", zk_fq_multiply8, { (x: Fq, y: Fq) in x * y }),
            ("add", zk_fq_add8, { (x: Fq, y: Fq) in x + y }),
            ("subtract", zk_fq_subtract8, { (x: Fq, y: Fq) in x - y }),
        ] as [(String, (UnsafePointer<UInt64>?, UnsafePointer<UInt64>?, UnsafeMutablePointer<UInt64>?) -> Void, (Fq, Fq) -> Fq)] {
            // Every pair of edge values too: a against each rotation of b's first eight.
            for start in stride(from: 0, to: a.count, by: 8) {
                for rotation in 0 ..< (start == 0 ? 8 : 1) {
                    let left = a[start ..< start + 8]
                    let right = (0 ..< 8).map { b[start + ($0 + rotation) % 8] }
                    var out = [UInt64](repeating: 0, count: 32)
                    kernel(Self.limbs(left), Self.limbs(right[...]), &out)
                    for lane in 0 ..< 8 {
                        let expected = reference(left[start + lane], right[lane]).montgomeryLimbs
                        let got = (out[4 * lane], out[4 * lane + 1], out[4 * lane + 2], out[4 * lane + 3])
                        #expect(got == expected, "\(label), element \(start + lane), rotation \(rotation)")
                    }
                }
            }
        }
    }

    /// multiplyAll's chunks through both paths give the same points (and equal double-and-add,
    /// which FixedBaseTableTests checks for the default path).
    func compare<C: CurveConfig>(_: C.Type, windowBits: Int, count: Int, seed: UInt64) where C.ScalarField == Fr {
        #expect(FixedBaseTable<C>.usesVectorKernel)
        let table = FixedBaseTable<C>(base: AffinePoint<C>.generator, windowBits: windowBits)
        let ks = FixedBaseTableTests.scalars(count: count, seed: seed)
        let indices = ks.indices.filter { !ks[$0].isZero }
        var vector = [AffinePoint<C>](repeating: .infinity, count: ks.count)
        var scalar = vector
        ks.withUnsafeBufferPointer { k in
            indices.withUnsafeBufferPointer { i in
                vector.withUnsafeMutableBufferPointer { table.accumulate(k.baseAddress!, at: i, into: $0.baseAddress!, vector: true) }
                scalar.withUnsafeMutableBufferPointer { table.accumulate(k.baseAddress!, at: i, into: $0.baseAddress!, vector: false) }
            }
        }
        for i in ks.indices {
            #expect(vector[i].isInfinity == scalar[i].isInfinity && vector[i].x == scalar[i].x && vector[i].y == scalar[i].y, "scalar #\(i)")
        }
    }

    @Test("G1: the kernel's points equal the Swift path's", arguments: [4, 9, 13])
    func g1(windowBits: Int) { compare(BN254.G1Config.self, windowBits: windowBits, count: 1_003, seed: 40 + UInt64(windowBits)) }

    @Test("G2: the kernel's points equal the Swift path's", arguments: [5, 10])
    func g2(windowBits: Int) { compare(BN254.G2Config.self, windowBits: windowBits, count: 517, seed: 50 + UInt64(windowBits)) }

    /// Windows made up to hit every case of the kernel: the first point into an accumulator at
    /// infinity, no point, a negated point, a doubling (the same point again) and a cancellation
    /// (its negation), which the kernel leaves to Swift, an accumulator back at infinity taking a
    /// point again, and a last vector with fewer than eight accumulators.
    func specialCases<C: CurveConfig>(_: C.Type) where C.ScalarField == Fr {
        let table = FixedBaseTable<C>(base: AffinePoint<C>.generator, windowBits: 6)
        let count = 11, none = Int64.min
        let windows: [[Int64]] = [
            [0, 1, 2, 3, ~4, 5, none, 7, 8, 9, 10],
            [0, ~1, none, ~12, 13, 14, 15, 16, ~17, 18, 10],  // doublings 0 and 10, a cancellation 1
            [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30],     // 1 back from infinity
            [20, none, none, none, none, none, none, none, none, none, ~30],
        ]
        let batch = FixedBaseTable<C>.makeBatch(count: count)
        defer { zk_batch_destroy(batch) }
        var expected = [JacobianPoint<C>](repeating: .infinity, count: count)
        var special = [Int64](repeating: 0, count: count)
        for entries in windows {
            entries.withUnsafeBufferPointer { e in special.withUnsafeMutableBufferPointer { table.addWindow(batch, entries: e.baseAddress!, special: $0.baseAddress!) } }
            for i in 0 ..< count where entries[i] != none {
                let e = Int(entries[i])
                let q = table.storage.entries[e >= 0 ? e : ~e].point
                expected[i] += e >= 0 ? q : -q
            }
            for i in 0 ..< count {
                let got = FixedBaseTable<C>.point(of: batch, at: i)
                #expect(JacobianPoint(got) == expected[i], "accumulator \(i) after \(entries)")
                #expect(got.isOnCurve)
            }
        }
        #expect(FixedBaseTable<C>.point(of: batch, at: 1).isInfinity == false)
        // set and get round-trip, infinity included.
        FixedBaseTable<C>.set(batch, at: 3, to: .infinity)
        #expect(FixedBaseTable<C>.point(of: batch, at: 3).isInfinity)
        let g = AffinePoint<C>.generator
        FixedBaseTable<C>.set(batch, at: 3, to: g)
        let back = FixedBaseTable<C>.point(of: batch, at: 3)
        #expect(!back.isInfinity && back.x == g.x && back.y == g.y)
    }

    /// Table construction: the kernel's levels of sums give the Swift path's entries, for bases
    /// that are not multiples of one another (random points) and counts that are not powers of two.
    func compareFill<C: CurveConfig>(_: C.Type, count: Int, windows: Int) where C.ScalarField == Fr {
        var rng = SeededGenerator(seed: 77)
        let generator = JacobianPoint<C>(AffinePoint<C>.generator)
        let bases = (0 ..< windows).map { _ in generator.multipliedByDoubleAndAdd(byLimbs: Fr.random(using: &rng).canonicalLimbs).affine }
        typealias Entry = FixedBaseTable<C>.Entry
        let vector = UnsafeMutablePointer<Entry>.allocate(capacity: windows * count)
        let scalar = UnsafeMutablePointer<Entry>.allocate(capacity: windows * count)
        defer { vector.deallocate(); scalar.deallocate() }
        bases.withUnsafeBufferPointer { b in
            FixedBaseTable<C>.fillMultiplesVector(of: b, count: count, into: vector)
            FixedBaseTable<C>.fillMultiples(of: b, count: count, into: scalar)
        }
        for i in 0 ..< windows * count {
            #expect(vector[i].x == scalar[i].x && vector[i].y == scalar[i].y, "entry \(i % count + 1) of window \(i / count)")
        }
        // And the multiples are right: entry d of window k is d·P_k.
        for k in 0 ..< windows {
            for d in [1, 2, 3, count / 2, count - 1, count] {
                let expected = JacobianPoint<C>(bases[k]).multipliedByDoubleAndAdd(byLimbs: Fr(UInt64(d)).canonicalLimbs)
                #expect(JacobianPoint<C>(vector[k * count + d - 1].point) == expected, "window \(k), d = \(d)")
            }
        }
    }

    @Test("G1 and G2: table construction in the kernel equals the Swift path's")
    func fill() {
        compareFill(BN254.G1Config.self, count: 100, windows: 3)
        // 3 × 2,048 sums in the level after 2,048: two slices of the kernel.
        compareFill(BN254.G1Config.self, count: 5_000, windows: 3)
        compareFill(BN254.G2Config.self, count: 37, windows: 2)
    }

    @Test("sums of two different points with equal x are refused, not finished")
    func equalX() {
        typealias G1 = BN254.G1Config
        let p = AffinePoint<G1>.generator
        var table: [UInt64] = []
        for point in [p, -p] {
            let (x, y) = (point.x.montgomeryLimbs, point.y.montgomeryLimbs)
            table += [x.0, x.1, x.2, x.3, y.0, y.1, y.2, y.3]
        }
        let batch = FixedBaseTable<G1>.makeBatch(count: 2)
        defer { zk_batch_destroy(batch) }
        var product = [UInt64](repeating: 0, count: 4)
        #expect(zk_batch_begin_sums(batch, table, [0, 0], [1, 0], 2, &product) == 1)  // P + (−P); P + P is fine
        #expect(zk_batch_begin_sums(batch, table, [0], [0], 1, &product) == 0)
    }

    @Test("G1: doublings, cancellations, infinity and a partial last vector")
    func g1SpecialCases() { specialCases(BN254.G1Config.self) }

    @Test("G2: doublings, cancellations, infinity and a partial last vector")
    func g2SpecialCases() { specialCases(BN254.G2Config.self) }
}
