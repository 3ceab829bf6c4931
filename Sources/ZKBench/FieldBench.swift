internal import CZKReference
public import ZKField
internal import ZKPoly

/// The `field` suite: Fr/Fq kernels and the NTT, with the C reference multiplier measured in the
/// same run so that the Swift/C ratio is solid on a noisy machine.
///
/// Single-threaded kernels are timed in per-thread CPU time; multi-threaded ones in wall time
/// with process CPU time beside it. Every figure is a median over several rounds.
public enum FieldBench {
    public typealias Fr = BN254.Fr
    public typealias Fq = BN254.Fq

    /// - Parameter smoke: tiny sizes and one round, for CI (seconds, numbers not meaningful).
    public static func run(smoke: Bool = false) throws -> BenchReport {
        var results: [BenchResult] = []
        let rounds = smoke ? 1 : 7
        let vectorLength = 1024
        let repeats = smoke ? 20 : 2000
        let operations = Double(vectorLength * repeats)
        var rng = SeededGenerator(seed: 0x5eed)

        // Fr multiplication, throughput: independent products x[i] *= y[i] over a cache-resident vector.
        var x = (0..<vectorLength).map { _ in Fr.random(using: &rng) }
        let y = (0..<vectorLength).map { _ in Fr.random(using: &rng) }
        let swiftMul = Clock.median(rounds: rounds) {
            x.withUnsafeMutableBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    for _ in 0..<repeats { Fr.multiply(UnsafeBufferPointer(xb), yb, into: xb) }
                }
            }
        }
        blackHole(x)
        let swiftMulNs = swiftMul.threadCPU / operations * 1e9
        let kernel = Fr.usesAssemblyKernel ? "kernel: mulx/adcx/adox (CZKMontgomery, inlined)" : "kernel: portable Swift"
        results.append(BenchResult(name: "fr.mul.throughput", value: swiftMulNs, unit: .nsPerOp, note: kernel))

        // The portable Swift kernel on the same data, whatever the CPU.
        let portableMul = Clock.median(rounds: rounds) {
            x.withUnsafeMutableBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    for _ in 0..<repeats {
                        for i in 0..<vectorLength {
                            xb[i] = Fr(montgomeryLimbs: Fr.montgomeryMultiplyPortable(xb[i].montgomeryLimbs, yb[i].montgomeryLimbs))
                        }
                    }
                }
            }
        }
        blackHole(x)
        let portableMulNs = portableMul.threadCPU / operations * 1e9
        results.append(BenchResult(name: "fr.mul.portable.throughput", value: portableMulNs, unit: .nsPerOp,
                                   note: "no-carry CIOS over UInt128 in Swift"))

        // Fr multiplication, latency: a chain x ← x·y.
        let chain = repeats * vectorLength / 4
        var acc = x[0]
        let factor = y[0]
        let swiftLatency = Clock.median(rounds: rounds) {
            for _ in 0..<chain { acc = acc * factor }
        }
        blackHole(acc)
        results.append(BenchResult(name: "fr.mul.latency", value: swiftLatency.threadCPU / Double(chain) * 1e9, unit: .nsPerOp))

        // The C references on the same data.
        let p = BN254.FrConfig.modulus
        let modulus: [UInt64] = [p.0, p.1, p.2, p.3]
        let inv = BN254.FrConfig.inv
        var cx = x.flatMap { e -> [UInt64] in let l = e.montgomeryLimbs; return [l.0, l.1, l.2, l.3] }
        let cy = y.flatMap { e -> [UInt64] in let l = e.montgomeryLimbs; return [l.0, l.1, l.2, l.3] }
        let hasAsm = zk_ref_has_mulx_adx() != 0
        var cAsmNs = Double.nan
        for (kernel, name) in [(Int32(0), "c.mul.mulx_asm"), (Int32(1), "c.mul.int128")] where kernel == 1 || hasAsm {
            let sample = Clock.median(rounds: rounds) {
                zk_ref_mul_throughput(kernel, &cx, cy, vectorLength, repeats, modulus, inv)
            }
            let ns = sample.threadCPU / operations * 1e9
            if kernel == 0 { cAsmNs = ns }
            results.append(BenchResult(name: name + ".throughput", value: ns, unit: .nsPerOp))
            var cl = Array(cx[0..<4])
            let latency = Clock.median(rounds: rounds) {
                zk_ref_mul_latency(kernel, &cl, cy, chain, modulus, inv)
            }
            results.append(BenchResult(name: name + ".latency", value: latency.threadCPU / Double(chain) * 1e9, unit: .nsPerOp))
        }
        if hasAsm {
            results.append(BenchResult(name: "fr.mul.throughput.vs_c_mulx", value: swiftMulNs / cAsmNs, unit: .ratio,
                                       note: "Fr.* / C mulx-adcx-adox assembly (out of line), same run; target ≤ 1.25"))
            results.append(BenchResult(name: "fr.mul.portable.vs_c_mulx", value: portableMulNs / cAsmNs, unit: .ratio,
                                       note: "portable Swift kernel / C assembly, same run"))
        }

        // Fr addition, throughput (random data: the reduction is branch-free).
        let swiftAdd = Clock.median(rounds: rounds) {
            x.withUnsafeMutableBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    for _ in 0..<repeats { Fr.add(UnsafeBufferPointer(xb), yb, into: xb) }
                }
            }
        }
        blackHole(x)
        results.append(BenchResult(name: "fr.add.throughput", value: swiftAdd.threadCPU / operations * 1e9, unit: .nsPerOp))
        let cAdd = Clock.median(rounds: rounds) {
            zk_ref_add_throughput(&cx, cy, vectorLength, repeats, modulus)
        }
        results.append(BenchResult(name: "c.add.int128.throughput", value: cAdd.threadCPU / operations * 1e9, unit: .nsPerOp))
        // A SIMD4<UInt64> spelling of the same addition (kept to show why the kernels are scalar).
        var sx = x.map { SIMDAdd.lanes($0) }
        let sy = y.map { SIMDAdd.lanes($0) }
        let simdAdd = Clock.median(rounds: rounds) {
            sx.withUnsafeMutableBufferPointer { xb in
                sy.withUnsafeBufferPointer { yb in
                    for _ in 0..<repeats { SIMDAdd.add(xb, yb) }
                }
            }
        }
        blackHole(sx)
        results.append(BenchResult(name: "fr.add.simd4", value: simdAdd.threadCPU / operations * 1e9, unit: .nsPerOp,
                                   note: "SIMD4<UInt64> lanes with carry propagation; not used"))

        // Fq multiplication (the curve arithmetic's workhorse).
        var qx = (0..<vectorLength).map { _ in Fq.random(using: &rng) }
        let qy = (0..<vectorLength).map { _ in Fq.random(using: &rng) }
        let fqMul = Clock.median(rounds: rounds) {
            qx.withUnsafeMutableBufferPointer { xb in
                qy.withUnsafeBufferPointer { yb in
                    for _ in 0..<repeats { Fq.multiply(UnsafeBufferPointer(xb), yb, into: xb) }
                }
            }
        }
        blackHole(qx)
        results.append(BenchResult(name: "fq.mul.throughput", value: fqMul.threadCPU / operations * 1e9, unit: .nsPerOp))

        // Inversion and batch inversion.
        let inverses = smoke ? 20 : 2000
        var inv0 = x[1]
        let single = Clock.median(rounds: rounds) {
            for _ in 0..<inverses { inv0 = inv0.inverse() }
        }
        blackHole(inv0)
        results.append(BenchResult(name: "fr.inverse", value: single.threadCPU / Double(inverses) * 1e9, unit: .nsPerOp))
        var inv1 = x[1]
        let variable = Clock.median(rounds: rounds) {
            for _ in 0..<inverses { inv1 = inv1.inverseVariableTime() }
        }
        blackHole(inv1)
        results.append(BenchResult(name: "fr.inverse.variable_time", value: variable.threadCPU / Double(inverses) * 1e9, unit: .nsPerOp))
        let batchSize = smoke ? 1 << 10 : 1 << 16
        var batch = (0..<batchSize).map { _ in Fr.random(using: &rng) }
        let batchTime = Clock.median(rounds: rounds) { batch.batchInvert() }
        blackHole(batch)
        results.append(BenchResult(name: "fr.batch_inverse.2^\(smoke ? 10 : 16)", value: batchTime.threadCPU / Double(batchSize) * 1e9,
                                   unit: .nsPerOp, note: "per element, Montgomery's trick"))

        // NTT.
        let sizes = smoke ? [10, 12] : [16, 20]
        for log in sizes {
            let domain = try EvaluationDomain<Fr>(logSize: log)
            var values = (0..<domain.size).map { _ in Fr.random(using: &rng) }
            let nttRounds = smoke ? 1 : (log >= 20 ? 3 : 7)
            let one = Clock.median(rounds: nttRounds) { domain.forward(&values, threads: 1) }
            results.append(BenchResult(name: "ntt.2^\(log)", value: one.threadCPU * 1e3, unit: .milliseconds,
                                       extra: [("wall_ms", one.wall * 1e3)], note: "one thread, CPU time"))
            if log == sizes.last {
                let two = Clock.median(rounds: nttRounds) { domain.forward(&values, threads: 2) }
                results.append(BenchResult(name: "ntt.2^\(log).threads2", value: two.wall * 1e3, unit: .milliseconds,
                                           extra: [("cpu_ms", two.processCPU * 1e3)], note: "two threads, wall time"))
            }
            blackHole(values)
        }
        return BenchReport(suite: "field", results: results)
    }
}

/// Keeps a value alive so the optimiser cannot delete the work that produced it.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
