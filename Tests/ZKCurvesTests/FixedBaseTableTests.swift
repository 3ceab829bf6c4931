import Testing
import ZKCurves
import ZKField

@Suite("Fixed-base tables")
struct FixedBaseTableTests {
    /// Scalars that exercise every digit path: random, zero, one, r − 1, powers of two (a single
    /// non-zero window, at every window boundary), short integers, and all-ones windows.
    static func scalars(count: Int, seed: UInt64) -> [Fr] {
        var rng = SeededGenerator(seed: seed)
        var out: [Fr] = [.zero, .one, -Fr.one, Fr(2), Fr(UInt64.max), -Fr(UInt64(1) << 40)]
        for bit in stride(from: 0, to: 254, by: 5) { out.append(Fr(2).power(UInt64(bit))) }
        // Runs of ones carry through every signed digit (2^j − 1), and r − 2^j borrows from the top.
        for bit in [11, 64, 100, 200, 253] { out.append(Fr(2).power(UInt64(bit)) - .one); out.append(-Fr(2).power(UInt64(bit))) }
        while out.count < count {
            switch out.count % 4 {
            case 0: out.append(Fr(UInt64.random(in: 0 ..< 256, using: &rng)))
            case 1: out.append(.zero)
            default: out.append(Fr.random(using: &rng))
            }
        }
        return out
    }

    func check<C: CurveConfig>(_: C.Type, windowBits: Int, count: Int, seed: UInt64) where C.ScalarField == Fr {
        let table = FixedBaseTable<C>(base: AffinePoint<C>.generator, windowBits: windowBits)
        let ks = Self.scalars(count: count, seed: seed)
        let all = table.multiplyAll(ks, threads: 2)
        #expect(all.count == ks.count)
        let generator = JacobianPoint<C>(AffinePoint<C>.generator)
        for (i, k) in ks.enumerated() {
            let expected = generator.multipliedByDoubleAndAdd(byLimbs: k.canonicalLimbs)
            #expect(JacobianPoint<C>(all[i]) == expected, "multiplyAll, scalar #\(i)")
            if i % 17 == 0 { #expect(table.multiply(k) == expected, "multiply, scalar #\(i)") }
            #expect(all[i].isOnCurve, "scalar #\(i)")
        }
    }

    // 2,100 scalars cross two of multiplyAll's 1,024-scalar chunks (and its threads).
    @Test("G1: multiplyAll and multiply equal double-and-add", arguments: [1, 2, 4, 7, 11, 13])
    func g1(windowBits: Int) {
        check(BN254.G1Config.self, windowBits: windowBits, count: 2100, seed: UInt64(windowBits))
    }

    @Test("G2: multiplyAll and multiply equal double-and-add", arguments: [5, 8, 10])
    func g2(windowBits: Int) {
        check(BN254.G2Config.self, windowBits: windowBits, count: 1100, seed: 100 + UInt64(windowBits))
    }

    @Test("window widths: one window's table stays within 2 MB, whatever the count")
    func cacheBoundWidths() {
        #expect(FixedBaseTable<BN254.G1Config>.cacheBoundWindowBits == 16)
        #expect(FixedBaseTable<BN254.G2Config>.cacheBoundWindowBits == 15)
        for count in [1, 1_000, 50_000, 1 << 20, 1 << 24] {
            let g1 = FixedBaseTable<BN254.G1Config>.windowBits(forMultiplications: count)
            let g2 = FixedBaseTable<BN254.G2Config>.windowBits(forMultiplications: count, maximum: 16)
            #expect(g1 >= 4 && g1 <= 16 && g2 >= 4 && g2 <= 15, "\(count): \(g1), \(g2)")
            let g1Table = (1 << (g1 - 1)) * 64, g2Table = (1 << (g2 - 1)) * 128
            #expect(g1Table <= 2 << 20 && g2Table <= 2 << 20, "\(count): \(g1Table), \(g2Table) bytes")
        }
        #expect(FixedBaseTable<BN254.G1Config>.windowBits(forMultiplications: 10) < 10)
    }

    @Test("empty input")
    func empty() {
        #expect(FixedBaseTable<BN254.G1Config>(base: .generator, windowBits: 4).multiplyAll([]).isEmpty)
    }
}
