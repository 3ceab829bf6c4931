/// Errors of the Poseidon hash: a requested width or input count outside what the generated
/// parameters cover.
public enum PoseidonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The state width `t` has no parameters (circomlib's set covers `t = 2…17`).
    case unsupportedWidth(Int)
    /// `Poseidon(n)` was asked for `n` inputs outside `1…16`.
    case inputCount(Int)
    /// A digest given as text is not a canonical field element (decimal or `0x` hexadecimal).
    case invalidDigest(String)
    /// A salt given as text is not an integer in `[0, 2^248)` (decimal or `0x` hexadecimal).
    case invalidSalt(String)

    public var description: String {
        switch self {
        case let .unsupportedWidth(t): "Poseidon width t = \(t) is outside 2…17"
        case let .inputCount(n): "Poseidon takes 1…16 inputs, got \(n) (use Poseidon.hash(vector:) for longer vectors)"
        case let .invalidDigest(text): "'\(text)' is not a canonical BN254 scalar (decimal or 0x-hex)"
        case let .invalidSalt(text): "'\(text)' is not a salt: expected an integer in [0, 2^248), decimal or 0x-hex"
        }
    }
}
