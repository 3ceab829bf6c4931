#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKConstraints
public import ZKCurves
internal import ZKField
internal import ZKGroth16
internal import ZKSynthetic

/// The `groth16` suite: setup, prove and verify on synthetic ML-shaped circuits
/// (`SyntheticCircuit`: half booleanity checks, half 16-term linear combinations times a bit).
///
/// A size labelled `2^k` has `2^k − 2` constraints and one public input, so the QAP domain is
/// exactly `2^k`. Prove figures are wall milliseconds with `cpu_ms` (process CPU, all threads)
/// beside them; the phases (witness map, each MSM) are timed separately with the same inputs.
public enum Groth16Bench {
    /// - Parameters:
    ///   - logSizes: circuit sizes to prove (log₂ of the domain).
    ///   - setupLogSizes: sizes whose setup is reported (setup always runs, to get a key).
    ///   - smoke: one small size, one round (for CI; numbers not meaningful).
    public static func run(logSizes: [Int] = [16, 20], smoke: Bool = false,
                           threads: Int = ActiveProcessors.count) throws -> BenchReport {
        var results: [BenchResult] = []
        let sizes = smoke ? [10] : logSizes
        let rounds = smoke ? 1 : 3
        var verifyInputs: (Proof, [BN254.Fr], PreparedVerifyingKey)?
        for log in sizes {
            let (system, witness) = SyntheticCircuit.make(constraints: (1 << log) - 2, publicCount: 1, termsPerRow: 16, seed: UInt64(log))
            var key: ProvingKey?
            let setup = try Clock.measureThrowing { key = try Groth16.setup(system, randomness: .insecureSeeded(UInt64(log)), threads: threads) }
            guard let key else { continue }
            results.append(BenchResult(name: "groth16.setup.2^\(log)", value: setup.wall * 1e3, unit: .milliseconds,
                                       extra: [("cpu_ms", setup.processCPU * 1e3), ("threads", Double(threads)),
                                               ("constraints", Double(system.constraintCount))]))
            let hash = system.contentHash
            Clock.resetPeakRSS()
            var proof: Proof?
            // Large sizes are proved fewer times (each run is seconds).
            let proveRounds = log >= 18 ? 1 : rounds
            let prove = try Clock.medianThrowing(rounds: proveRounds, warmUp: log < 18) {
                proof = try Groth16.prove(system, witness: witness, provingKey: key, circuitHash: hash, threads: threads)
            }
            let peak = Clock.peakRSSMegabytes() ?? 0
            results.append(BenchResult(name: "groth16.prove.2^\(log)", value: prove.wall * 1e3, unit: .milliseconds,
                                       extra: [("cpu_ms", prove.processCPU * 1e3), ("threads", Double(threads)),
                                               ("constraints", Double(system.constraintCount)), ("peak_rss_mb", peak)],
                                       note: "witness check (in the witness map) included; peak RSS since the start of proving"))
            results.append(BenchResult(name: "groth16.prove.2^\(log).peak_rss_mb", value: peak, unit: .megabytes))
            results += phases(system: system, witness: witness, key: key, log: log, threads: threads)
            if let proof { verifyInputs = (proof, Array(witness.publicInputs(count: 1)), try PreparedVerifyingKey(key.verifyingKey)) }
        }
        if let (proof, inputs, prepared) = verifyInputs {
            let repeats = smoke ? 2 : 50
            var verdict = Groth16.Verdict.valid
            let verify = Clock.median(rounds: rounds) { for _ in 0 ..< repeats { verdict = Groth16.verify(proof, publicInputs: inputs, key: prepared) } }
            precondition(verdict == .valid, "benchmark proof did not verify")
            results.append(BenchResult(name: "groth16.verify", value: verify.threadCPU / Double(repeats) * 1e3, unit: .milliseconds,
                                       note: "prepared key, one public input: 3-pair Miller loop + final exponentiation"))
        }
        return BenchReport(suite: "groth16", results: results)
    }

    /// The prover's phases, timed one by one.
    static func phases(system: R1CS, witness: Witness, key: ProvingKey, log: Int, threads: Int) -> [BenchResult] {
        let reduction = LibsnarkReduction()
        guard let domain = try? reduction.domain(for: system) else { return [] }
        var h: [BN254.Fr] = []
        let witnessMap = Clock.measure {
            h = (try? reduction.witnessMap(system, witness: witness.values, domain: domain, threads: threads, checkRows: true)) ?? []
        }
        let values = witness.values
        var sink = BN254.G1.infinity
        var sink2 = BN254.G2.infinity
        let a = Clock.measure { sink = WitnessMSM.multiply(points: key.aQuery, scalars: values, threads: threads) }
        let b1 = Clock.measure { sink += WitnessMSM.multiply(points: key.bG1Query, scalars: values, threads: threads) }
        let b2 = Clock.measure { sink2 = WitnessMSM.multiply(points: key.bG2Query, scalars: values, threads: threads) }
        let l = Clock.measure { sink += WitnessMSM.multiply(points: key.lQuery, scalars: Array(values[2...]), threads: threads) }
        let hMSM = Clock.measure { sink += MSM.multiScalarMultiply(points: Array(key.hQuery.prefix(h.count)), scalars: h, threads: threads) }
        blackHole(sink)
        blackHole(sink2)
        func result(_ name: String, _ sample: Clock.Sample) -> BenchResult {
            BenchResult(name: "groth16.prove.2^\(log).\(name)", value: sample.wall * 1e3, unit: .milliseconds,
                        extra: [("cpu_ms", sample.processCPU * 1e3)])
        }
        return [result("witness_map", witnessMap), result("msm_a", a), result("msm_b1", b1), result("msm_b2", b2),
                result("msm_l", l), result("msm_h", hMSM)]
    }
}
