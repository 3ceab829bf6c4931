/// Errors of the EVM verifier layer (`ZKSolidity`).
public enum SolidityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The verifying key has no public inputs: `uint256[0]` is not a valid parameter type in
    /// Solidity or Vyper, and a proof with nothing public proves nothing to a contract.
    case noPublicSignals
    /// The public signals do not match the verifying key's count.
    case publicSignalCount(expected: Int, actual: Int)
    /// A language name other than `solidity` or `vyper`.
    case unknownLanguage(String)
    /// The verifier would exceed EIP-170's runtime code limit: it could not be deployed.
    case tooLarge(estimatedBytes: Int, publicInputs: Int, packed: Bool)

    public var description: String {
        switch self {
        case .noPublicSignals:
            "the verifying key has no public signals (IC has one point); an EVM verifier needs at least one"
        case let .publicSignalCount(expected, actual):
            "the verifying key expects \(expected) public signals, got \(actual)"
        case let .unknownLanguage(name):
            "unknown verifier language '\(name)' (expected solidity or vyper)"
        case let .tooLarge(bytes, inputs, packed):
            "the verifier for \(inputs) public inputs would be about \(bytes) bytes of runtime code, above EIP-170's "
                + "\(VerifierConstants.runtimeCodeLimit) (it could not be deployed); "
                + (packed ? "use narrower inputs (zkml compile --input-bits) or --input-visibility hashed"
                          : "recompile with packed public signals (zkml compile --public-layout packed) or --input-visibility hashed")
                + ", or pass --no-size-check to write it anyway"
        }
    }
}
