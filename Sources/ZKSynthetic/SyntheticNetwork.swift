public import ZKCircuits
internal import ZKField

/// A synthetic workload shaped like one layer of a quantised network, for the builder's speed
/// test and the package-benchmark targets (the builder-level counterpart of
/// ``SyntheticCircuit``).
public enum SyntheticNetwork {
    /// Constraints per neuron of ``neurons(_:count:)``: 16 for the rescale's quotient, 8 for its
    /// remainder, 1 for the ReLU on the shared sign bit.
    public static let constraintsPerNeuron = 25

    /// Lowers `count` neurons on `api`: 16 shared private inputs; per neuron a 16-term
    /// accumulator with small weights (free), `rescaleWithSign(shift: 8, bits: 16)` and a ReLU
    /// reusing the rescale's sign bit.
    public static func neurons<API: CircuitAPI>(_ api: API, count: Int) {
        let inputs = (0..<16).map { i in api.privateInput(signed: { Int64(i * 37 - 250) }) }
        for n in 0..<count {
            let terms = inputs.enumerated().map { (i, x) in (x, BN254.Fr((n + i) % 7 - 3)) }
            let acc = api.linearCombination(terms, constant: BN254.Fr(n % 11))
            let (q, sign) = api.rescaleWithSign(acc, shift: 8, bits: 16)
            _ = api.relu(q, isNonNegative: sign)
        }
    }
}
