/// The source language of an emitted verifier contract.
public enum VerifierLanguage: String, Sendable, CaseIterable {
    /// Solidity `^0.8.20` with the pairing check in inline assembly (Yul).
    case solidity
    /// Vyper `~=0.4.3`: the compilable twin the project's EVM tests run when no `solc` is present.
    case vyper

    /// The conventional file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .solidity: "sol"
        case .vyper: "vy"
        }
    }

    /// Parses `solidity`/`sol` or `vyper`/`vy` (case-insensitive).
    /// - Throws: ``SolidityError/unknownLanguage(_:)``.
    public init(name: String) throws(SolidityError) {
        switch name.lowercased() {
        case "solidity", "sol": self = .solidity
        case "vyper", "vy": self = .vyper
        default: throw .unknownLanguage(name)
        }
    }
}
