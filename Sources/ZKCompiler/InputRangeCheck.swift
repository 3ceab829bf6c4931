/// Who enforces that public input elements are signed integers of the input's width
/// (`[−2^(bits−1), 2^(bits−1))`, the range the quantized inference accepts).
///
/// Every later range argument in the circuit (rescale quotients, comparisons) assumes its
/// operands are small integers, so an input that wraps around the field must be rejected by
/// someone. For a public input the verifier holds the value and can compare it with two
/// constants, where the circuit spends one constraint per bit per element — for a 784-pixel MLP
/// three quarters of all constraints. Private and hashed inputs are always checked in the
/// circuit (the verifier never sees them).
public enum InputRangeCheck: String, Sendable, Equatable, Codable, CaseIterable {
    /// The circuit range-checks every input element (`input <name>` constraints): any Groth16
    /// verifier, snarkjs included, verifies the whole statement.
    case circuit
    /// The verifying key lists the public input signals and their width; zkml's verifiers
    /// (`zkml verify`, the exported Solidity and Vyper contracts) reject a signal outside it.
    /// A verifier that ignores the list (snarkjs) accepts statements about out-of-range inputs.
    case verifier
}
