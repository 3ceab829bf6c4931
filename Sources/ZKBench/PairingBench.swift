internal import ZKCurves
internal import ZKField
internal import ZKPairing

/// The pairing numbers of the `curve` suite: one BN254 optimal ate pairing, a 4-pair product
/// check (the Groth16 verifier's shape), and the Miller-loop / final-exponentiation split.
///
/// Run through `zkml bench curve` (release build); every figure is the median over several
/// rounds of per-thread CPU time, in milliseconds per operation.
public enum PairingBench {
    /// - Parameter smoke: one round of a few operations, for CI (numbers not meaningful).
    public static func run(smoke: Bool = false) -> BenchReport {
        let rounds = smoke ? 1 : 7
        let repeats = smoke ? 2 : 40
        var rng = SeededGenerator(seed: 0xB254)
        let g1 = (0..<4).map { _ in (BN254.Fr.random(using: &rng) * BN254.G1Affine.generator).affine }
        let g2 = (0..<4).map { _ in (BN254.Fr.random(using: &rng) * BN254.G2Affine.generator).affine }
        var results: [BenchResult] = []

        func perOperationMs(_ body: () -> Void) -> Double {
            Clock.median(rounds: rounds) { for _ in 0..<repeats { body() } }.threadCPU / Double(repeats) * 1e3
        }

        var value = BN254.Fq12.one
        let pairing = perOperationMs { value = BN254.pairing(g1[0], g2[0]) }
        results.append(BenchResult(name: "pairing", value: pairing, unit: .milliseconds,
                                   note: "one reduced optimal ate pairing, G2 preparation included"))

        // The check's cost does not depend on its answer, so four random pairs are timed.
        let pairs = Array(zip(g1, g2))
        var outcome = false
        let multi = perOperationMs { outcome = BN254.pairingProductIsOne(pairs) }
        results.append(BenchResult(name: "multipairing.4", value: multi, unit: .milliseconds,
                                   note: "4-pair product check: multi-Miller loop + one final exponentiation"))

        let prepared = pairs.map { ($0.0, BN254.G2Prepared($0.1)) }
        let multiPrepared = perOperationMs { outcome = BN254.pairingProductIsOne(prepared) }
        results.append(BenchResult(name: "multipairing.4.prepared", value: multiPrepared, unit: .milliseconds,
                                   note: "the same with G2Prepared cached (a verifier's fixed G2 points)"))

        var miller = BN254.Fq12.one
        let millerLoop = perOperationMs { miller = BN254.millerLoop([(g1[0], BN254.G2Prepared(g2[0]))]) }
        results.append(BenchResult(name: "miller_loop", value: millerLoop, unit: .milliseconds,
                                   note: "one pair, G2 line preparation included"))

        let finalExponentiation = perOperationMs { value = BN254.finalExponentiation(miller) }
        results.append(BenchResult(name: "final_exponentiation", value: finalExponentiation, unit: .milliseconds))
        blackHole(value)
        blackHole(outcome)
        return BenchReport(suite: "pairing", results: results)
    }
}
