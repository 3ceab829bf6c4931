public import ZKText

/// Errors of the Groth16 layer.
public enum Groth16Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// A JSON document does not have the snarkjs layout; `detail` names the field.
    case invalidJSON(path: String, detail: String)
    /// A JSON document is not JSON at all; carries the parser's error.
    case notJSON(path: String, JSONValue.ParseError)
    /// A point in a key or proof is malformed, off the curve or outside the subgroup.
    case invalidPoint(path: String, field: String, detail: String)
    /// A public signal is not a canonical field element (not a decimal integer, or ≥ r).
    case publicSignalNotInField(index: Int, value: String)
    /// The number of public signals does not match the verifying key.
    case publicSignalCount(expected: Int, actual: Int)
    /// A key file belongs to another circuit.
    case circuitMismatch(path: String, expected: String, actual: String)
    /// A key does not fit the circuit or the prover it is used with; `detail` says how
    /// (a `.zkey` coefficient that differs from the circuit's, an `hQuery` of the other reduction).
    case keyMismatch(path: String, detail: String)
    /// The witness does not satisfy the circuit (the prover refuses to prove a false statement).
    case unsatisfiedWitness(String)
    /// A binary key file is malformed or of an unsupported version.
    case malformedKey(path: String, detail: String)
    /// The circuit is too large for BN254's NTT domain (2^28).
    case circuitTooLarge(constraints: Int)
    /// Reading or writing a file failed.
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case let .invalidJSON(path, detail): "\(path): \(detail)"
        case let .notJSON(path, error): "\(path): not valid JSON (\(error))"
        case let .invalidPoint(path, field, detail): "\(path): \(field): \(detail)"
        case let .publicSignalNotInField(index, value):
            "public signal \(index) ('\(value.prefix(90))') is not a field element below r"
        case let .publicSignalCount(expected, actual):
            "the verifying key expects \(expected) public signals, got \(actual)"
        case let .circuitMismatch(path, expected, actual):
            "\(path) belongs to circuit \(actual.prefix(16))…, not to this circuit (\(expected.prefix(16))…)"
        case let .keyMismatch(path, detail): "\(path): \(detail)"
        case let .unsatisfiedWitness(detail): "the witness does not satisfy the circuit: \(detail)"
        case let .malformedKey(path, detail): "\(path): \(detail)"
        case let .circuitTooLarge(constraints):
            "\(constraints) constraints exceed the largest BN254 evaluation domain (2^28)"
        case let .io(path, detail): "\(path): \(detail)"
        }
    }
}
