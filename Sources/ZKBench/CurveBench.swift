public import ZKCurves
public import ZKField

/// The `curve` suite: group operations and multi-scalar multiplication on BN254.
public enum CurveBench {
    public typealias Fr = BN254.Fr

    /// `count` distinct affine points (consecutive multiples of a random point, then one batch
    /// normalisation — far cheaper than `count` scalar multiplications).
    public static func points<C: CurveConfig>(_: C.Type, count: Int, seed: UInt64) -> [AffinePoint<C>]
    where C.ScalarField == Fr {
        var rng = SeededGenerator(seed: seed)
        let base = JacobianPoint<C>.generator * Fr.random(using: &rng)
        var jacobian = [JacobianPoint<C>]()
        jacobian.reserveCapacity(count)
        var current = base
        for _ in 0..<count { jacobian.append(current); current += base }
        return JacobianPoint<C>.batchNormalize(jacobian)
    }

    /// MSM timings for chosen sizes and thread counts (`zkml bench msm --log N --threads T`).
    public static func msmOnly(logSizes: [Int], threads: [Int], bits: Bool = false) -> BenchReport {
        var results: [BenchResult] = []
        var rng = SeededGenerator(seed: 9)
        for log in logSizes {
            let pts = points(BN254.G1Config.self, count: 1 << log, seed: 1)
            let scalars = (0..<(1 << log)).map { _ in bits ? Fr(UInt64.random(in: 0...1, using: &rng)) : Fr.random(using: &rng) }
            for t in threads {
                var out = JacobianPoint<BN254.G1Config>.infinity
                let sample = Clock.median(rounds: 3) { out = MSM.multiScalarMultiply(points: pts, scalars: scalars, threads: t) }
                blackHole(out)
                results.append(BenchResult(name: "g1.msm.2^\(log)" + (bits ? ".bits" : "") + ".threads\(t)", value: sample.wall * 1e3,
                                           unit: .milliseconds, extra: [("cpu_ms", sample.processCPU * 1e3)]))
            }
        }
        return BenchReport(suite: "msm", results: results)
    }

    public static func run(smoke: Bool = false) -> BenchReport {
        var results: [BenchResult] = []
        let rounds = smoke ? 1 : 5
        var rng = SeededGenerator(seed: 0xc0ffee)

        // Mixed addition (Jacobian + affine), a dependent chain.
        let addend = (JacobianPoint<BN254.G1Config>.generator * Fr.random(using: &rng)).affine
        var acc = JacobianPoint<BN254.G1Config>.generator * Fr.random(using: &rng)
        let adds = smoke ? 1000 : 200_000
        let mixed = Clock.median(rounds: rounds) { for _ in 0..<adds { acc += addend } }
        blackHole(acc)
        results.append(BenchResult(name: "g1.add.mixed", value: mixed.threadCPU / Double(adds) * 1e9, unit: .nsPerOp))
        let doubles = Clock.median(rounds: rounds) { for _ in 0..<adds { acc = acc.doubled() } }
        blackHole(acc)
        results.append(BenchResult(name: "g1.double", value: doubles.threadCPU / Double(adds) * 1e9, unit: .nsPerOp))
        var acc2 = acc
        let full = Clock.median(rounds: rounds) { for _ in 0..<adds { acc2 = acc2 + acc } }
        blackHole(acc2)
        results.append(BenchResult(name: "g1.add.jacobian", value: full.threadCPU / Double(adds) * 1e9, unit: .nsPerOp))

        // MSMs.
        let smallLog = smoke ? 10 : 16
        let bigLog = smoke ? 12 : 20
        let g1Big = points(BN254.G1Config.self, count: 1 << bigLog, seed: 1)
        let g1Small = Array(g1Big[0..<(1 << smallLog)])
        let randomBig = (0..<(1 << bigLog)).map { _ in Fr.random(using: &rng) }
        let randomSmall = Array(randomBig[0..<(1 << smallLog)])
        let bitsBig = (0..<(1 << bigLog)).map { _ in Fr(UInt64.random(in: 0...1, using: &rng)) }
        let msmRounds = smoke ? 1 : 3

        func msm(_ name: String, _ points: [BN254.G1Affine], _ scalars: [Fr], threads: Int) {
            var out = JacobianPoint<BN254.G1Config>.infinity
            let sample = Clock.median(rounds: msmRounds) {
                out = MSM.multiScalarMultiply(points: points, scalars: scalars, threads: threads)
            }
            blackHole(out)
            results.append(BenchResult(name: name, value: sample.wall * 1e3, unit: .milliseconds,
                                       extra: [("cpu_ms", sample.processCPU * 1e3), ("threads", Double(threads))]))
        }
        msm("g1.msm.2^\(smallLog)", g1Small, randomSmall, threads: 2)
        msm("g1.msm.2^\(bigLog)", g1Big, randomBig, threads: 2)
        msm("g1.msm.2^\(bigLog).threads1", g1Big, randomBig, threads: 1)
        msm("g1.msm.2^\(bigLog).bits", g1Big, bitsBig, threads: 2)

        let g2Small = points(BN254.G2Config.self, count: 1 << smallLog, seed: 2)
        var g2Out = JacobianPoint<BN254.G2Config>.infinity
        let g2Sample = Clock.median(rounds: msmRounds) {
            g2Out = MSM.multiScalarMultiply(points: g2Small, scalars: randomSmall, threads: 2)
        }
        blackHole(g2Out)
        results.append(BenchResult(name: "g2.msm.2^\(smallLog)", value: g2Sample.wall * 1e3, unit: .milliseconds,
                                   extra: [("cpu_ms", g2Sample.processCPU * 1e3), ("threads", 2)]))

        // Fixed-base multiplication (Groth16 setup): one thread, 13-bit G1 and 12-bit G2 tables (the
        // widths cnn_digits' setup uses), random scalars; the IFMA lanes against the mulx kernel's
        // Swift additions in the same run where the CPU has AVX-512 IFMA.
        func fixedBase<C: CurveConfig>(_ name: String, _: C.Type, bits: Int, count: Int) where C.ScalarField == Fr {
            let table = FixedBaseTable<C>(base: .generator, windowBits: bits, threads: 1)
            let scalars = (0 ..< count).map { _ in Fr.random(using: &rng) }
            var paths = [(name, FixedBaseTable<C>.usesVectorKernel)]
            if FixedBaseTable<C>.usesVectorKernel { paths.append((name + ".mulx", false)) }
            var perScalar: [Double] = []
            for (label, vector) in paths {
                var out: [AffinePoint<C>] = []
                let sample = Clock.median(rounds: rounds) { out = table.multiplyAll(scalars, threads: 1, vector: vector) }
                blackHole(out)
                perScalar.append(sample.processCPU / Double(count) * 1e9)
                let extra = perScalar.count == 2 ? [("ratio_to_ifma", perScalar[1] / perScalar[0])] : []
                results.append(BenchResult(name: label, value: perScalar.last!, unit: .nsPerOp, extra: extra,
                                           note: vector ? "AVX-512 IFMA, 8 lanes" : "mulx kernel, Swift additions"))
            }
        }
        fixedBase("g1.fixed_base.mul", BN254.G1Config.self, bits: 13, count: smoke ? 512 : 16_384)
        fixedBase("g2.fixed_base.mul", BN254.G2Config.self, bits: 12, count: smoke ? 256 : 4_096)
        return BenchReport(suite: "curve", results: results)
    }
}
