#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKCeremony
internal import ZKConstraints
public import ZKCurves
internal import ZKField
internal import ZKGroth16
internal import ZKSynthetic

/// The `ceremony` suite: what a production setup costs against `zkml setup` on the same
/// circuit (docs/benchmarks.md, #34's targets: a contribution ≤ 1.5× setup, verifying a
/// 3-contribution ceremony ≤ 3× setup).
///
/// The circuit is `Groth16Bench`'s synthetic one of `2^k − 2` constraints (domain `2^k`); the
/// powers of tau is made for it from known secrets (``PowersOfTau/insecureFile(power:seed:threads:)``,
/// not timed): phase 2 costs the same whatever the file's provenance.
public enum CeremonyBench {
    public static func run(logSizes: [Int] = [20], smoke: Bool = false, threads: Int = ActiveProcessors.count) throws -> BenchReport {
        var results: [BenchResult] = []
        for log in smoke ? [8] : logSizes {
            let (system, _) = SyntheticCircuit.make(constraints: (1 << log) - 2, publicCount: 1, termsPerRow: 16, seed: UInt64(log))
            // Power log + 1: snarkjs's circuit hash of a 2^log domain above 2^14 reads τ^(2^(log+1) − 1).
            let ptau = try PowersOfTau(bytes: PowersOfTau.insecureFile(power: log + 1, seed: 1, threads: threads), path: "bench.ptau")
            let setup = try Clock.measureThrowing { _ = try Groth16.setup(system, randomness: .insecureSeeded(UInt64(log)), threads: threads) }
            var key: Phase2Key?
            let new = try Clock.measureThrowing { key = try Phase2Key.new(system, ptau: ptau, threads: threads) }
            guard var key else { continue }
            var entropy = [UInt8](repeating: 7, count: 64)
            let contribute = Clock.measure { key.contribute(entropy: entropy, name: "first", threads: threads) }
            entropy[0] = 8
            key.contribute(entropy: entropy, name: "second", threads: threads)
            key.beacon(hash: [UInt8](repeating: 9, count: 32), iterationsExponent: 10, name: "beacon", threads: threads)
            var generator = SeededGenerator(seed: 3)
            let final = key
            let verify = try Clock.measureThrowing { _ = try final.verify(system, ptau: ptau, randomness: &generator, threads: threads) }
            let bytes = Clock.measure { _ = final.zkeyBytes() }
            func add(_ name: String, _ m: Clock.Sample, _ note: String) {
                results.append(BenchResult(name: "ceremony.\(name).2^\(log)", value: m.wall * 1e3, unit: .milliseconds,
                                           extra: [("cpu_ms", m.processCPU * 1e3), ("threads", Double(threads)),
                                                   ("ratio_to_setup", m.wall / setup.wall)], note: note))
            }
            add("setup", setup, "zkml setup (Groth16.setup) on the same circuit: the reference")
            add("new", new, "initial key from the powers of tau (snarkjs zkey new)")
            add("contribute", contribute, "one contribution (L and H divided by the secret); target ≤ 1.5× setup")
            add("verify3", verify, "verify a 3-contribution ceremony (initial key recomputed); target ≤ 3× setup")
            add("serialize", bytes, ".zkey bytes")
        }
        return BenchReport(suite: "ceremony", results: results)
    }
}
