/// Errors of the EVM verifier layer (`ZKSolidity`).
public enum SolidityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The verifying key has no public inputs: `uint256[0]` is not a valid parameter type in
    /// Solidity or Vyper, and a proof with nothing public proves nothing to a contract.
    case noPublicSignals
    /// The public signals do not match the verifying key's count.
    case publicSignalCount(expected: Int, actual: Int)
    /// A language name other than `solidity` or `vyper`.
    case unknownLanguage(String)

    public var description: String {
        switch self {
        case .noPublicSignals:
            "the verifying key has no public signals (IC has one point); an EVM verifier needs at least one"
        case let .publicSignalCount(expected, actual):
            "the verifying key expects \(expected) public signals, got \(actual)"
        case let .unknownLanguage(name):
            "unknown verifier language '\(name)' (expected solidity or vyper)"
        }
    }
}
