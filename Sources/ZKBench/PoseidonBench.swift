internal import ZKCircuits
internal import ZKField
internal import ZKPoseidon

/// The `poseidon` suite (`zkml bench poseidon --json`): the native permutation's speed and the
/// gadget's constraint count per width, the builder's cost per permutation, and the digest of a
/// 784-cell tensor (an MNIST input) natively and in constraints.
///
/// Names: `poseidon.native.t<t>` (ns per permutation, thread CPU), `poseidon.constraints.t<t>`
/// (count, emitted by the builder in setup mode), `poseidon.builder.t<t>` (ns per permutation,
/// proving-mode builder: R1CS rows and witness), `poseidon.native.vector784`,
/// `poseidon.constraints.vector784`.
public enum PoseidonBench {
    /// - Parameter smoke: one round and few iterations (CI; numbers not meaningful).
    public static func run(smoke: Bool = false) throws -> BenchReport {
        var results: [BenchResult] = []
        let rounds = smoke ? 1 : 5
        var rng = SeededGenerator(seed: 0x9053_1d0e)
        for t in [2, 3, 5, 9, 17] {
            let parameters = try PoseidonParameters.circom(width: t)
            var state = (0 ..< t).map { _ in BN254.Fr.random(using: &rng) }
            let iterations = smoke ? 10 : 2000
            let native = Clock.median(rounds: rounds) {
                for _ in 0 ..< iterations { Poseidon.permute(&state, parameters: parameters) }
            }
            precondition(!state[0].isZero)
            results.append(BenchResult(name: "poseidon.native.t\(t)", value: native.threadCPU / Double(iterations) * 1e9,
                                       unit: .nsPerOp, note: "R_P = \(parameters.partialRounds), reference rounds (no sparse partial-round matrices)"))

            let setup = CircuitBuilder(mode: .setup)
            let wires = (0 ..< t).map { _ in setup.privateInput { () throws(CircuitError) in .zero } }
            _ = setup.poseidonPermutation(wires, parameters: parameters)
            results.append(BenchResult(name: "poseidon.constraints.t\(t)", value: Double(setup.constraintCount), unit: .count,
                                       note: "3 per S-box: 3 · (8 · \(t) + \(parameters.partialRounds))"))

            let builds = smoke ? 1 : 20
            let values = state
            let builder = Clock.median(rounds: rounds) {
                for _ in 0 ..< builds {
                    let b = CircuitBuilder(mode: .proving)
                    let inputs = values.map { v in b.privateInput { () throws(CircuitError) in v } }
                    _ = b.poseidonPermutation(inputs, parameters: parameters)
                }
            }
            results.append(BenchResult(name: "poseidon.builder.t\(t)", value: builder.threadCPU / Double(builds) * 1e9, unit: .nsPerOp,
                                       note: "proving-mode CircuitBuilder: rows + witness, each constraint checked"))
        }

        let tensor = (0 ..< 784).map { _ in BN254.Fr.random(using: &rng) }
        var digest = BN254.Fr.zero
        let repeats = smoke ? 1 : 20
        let vector = Clock.median(rounds: rounds) { for _ in 0 ..< repeats { digest = Poseidon.hash(vector: tensor) } }
        precondition(!digest.isZero)
        results.append(BenchResult(name: "poseidon.native.vector784", value: vector.threadCPU / Double(repeats) * 1e9, unit: .nsPerOp,
                                   note: "sponge, rate 16: 49 permutations of width 17"))
        let setup = CircuitBuilder(mode: .setup)
        _ = setup.poseidon(vector: tensor.map { _ in setup.privateInput { () throws(CircuitError) in .zero } })
        results.append(BenchResult(name: "poseidon.constraints.vector784", value: Double(setup.constraintCount), unit: .count))
        return BenchReport(suite: "poseidon", results: results)
    }
}
