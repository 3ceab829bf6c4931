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

    // 2,100 scalars, three quarters non-zero: two of multiplyAll's chunks (and its threads).
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

    /// Every entry of the table (window bases filled in groups that share their inversions): the
    /// scalar `d · 2^(c·w)` has the single digit `d` in window `w`, so multiply returns that entry.
    func checkEveryEntry<C: CurveConfig>(_: C.Type, windowBits c: Int, threads: Int) where C.ScalarField == Fr {
        let table = FixedBaseTable<C>(base: AffinePoint<C>.generator, windowBits: c, threads: threads)
        let generator = JacobianPoint<C>(AffinePoint<C>.generator)
        for w in 0 ..< table.windowCount {
            let shift = Fr(2).power(UInt64(c * w))
            for d in 1 ... 1 << (c - 1) {
                let k = Fr(UInt64(d)) * shift
                #expect(table.multiply(k) == generator.multipliedByDoubleAndAdd(byLimbs: k.canonicalLimbs), "window \(w), digit \(d)")
            }
        }
    }

    @Test("every table entry, G1 and G2, for one, two and three threads")
    func everyEntry() {
        checkEveryEntry(BN254.G1Config.self, windowBits: 5, threads: 1)
        checkEveryEntry(BN254.G1Config.self, windowBits: 6, threads: 3)
        checkEveryEntry(BN254.G2Config.self, windowBits: 4, threads: 2)
    }

    @Test("multiplyAll skips zero scalars: mostly zeros, all zeros, one non-zero")
    func sparseScalars() {
        let table = FixedBaseTable<BN254.G1Config>(base: .generator, windowBits: 7)
        let generator = JacobianPoint<BN254.G1Config>(.generator)
        var rng = SeededGenerator(seed: 31)
        var ks = [Fr](repeating: .zero, count: 5000)
        for _ in 0 ..< 40 { ks[Int.random(in: 0 ..< ks.count, using: &rng)] = Fr.random(using: &rng) }
        ks[ks.count - 1] = -Fr.one
        let all = table.multiplyAll(ks, threads: 3)
        for (i, k) in ks.enumerated() {
            #expect(JacobianPoint(all[i]) == generator.multipliedByDoubleAndAdd(byLimbs: k.canonicalLimbs), "scalar #\(i)")
        }
        let zeros = table.multiplyAll([Fr](repeating: .zero, count: 3000), threads: 2)
        #expect(zeros.count == 3000 && zeros.allSatisfy { $0.isInfinity })
        let one = table.multiplyAll([.zero, Fr(5), .zero], threads: 2)
        #expect(one[0].isInfinity && one[2].isInfinity && JacobianPoint(one[1]) == generator.multipliedByDoubleAndAdd(byLimbs: [5]))
    }

    @Test("chunks: at most chunkSize each, a multiple of the threads, sizes within one")
    func chunkLayout() {
        let size = FixedBaseTable<BN254.G1Config>.chunkSize
        #expect(FixedBaseTable<BN254.G1Config>.chunks(count: 0, threads: 2) == (0, 0))
        for count in [1, 2, 3, 75, 843, size, size + 1, 15_155, 16_383, 100_000] {
            for threads in [1, 2, 3, 8] {
                let (chunks, chunk) = FixedBaseTable<BN254.G1Config>.chunks(count: count, threads: threads)
                #expect(chunk >= 1 && chunk <= size && chunks * chunk >= count && (chunks - 1) * chunk < count, "\(count), \(threads)")
                // Equal shares: the threads get the same number of chunks unless there are fewer
                // scalars than that, and the last chunk is short by less than one per chunk.
                if count >= threads { #expect(chunks % threads == 0, "\(count), \(threads): \(chunks) chunks") }
                #expect(count - (chunks - 1) * chunk > chunk - chunks, "\(count), \(threads): last chunk too short")
            }
        }
        // cnn_digits' B query in G2: eight chunks of 1,895 rather than seven of 2,048 and one of 819.
        #expect(FixedBaseTable<BN254.G2Config>.chunks(count: 15_155, threads: 2) == (8, 1895))
    }

    @Test("empty input")
    func empty() {
        #expect(FixedBaseTable<BN254.G1Config>(base: .generator, windowBits: 4).multiplyAll([]).isEmpty)
    }
}
