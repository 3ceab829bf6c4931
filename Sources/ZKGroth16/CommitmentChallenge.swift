internal import ZKBigInt
public import ZKCurves
public import ZKField
internal import ZKIO

/// The Fiat–Shamir challenges of the commitment round, as the prover, `zkml verify` and the
/// Solidity and Vyper verifiers all derive them:
///
/// ```
/// cₖ = uint256(keccak256(DST ‖ k ‖ C₁.x ‖ C₁.y ‖ x₁ ‖ … ‖ xₙ)) mod r,   k = 0 … K − 1
/// ```
/// every item a 32-byte big-endian word (Solidity's `abi.encodePacked` of `uint256`s), `DST` =
/// ``domainTag`` = `keccak256("zkml.groth16.commitment.v1")`, `C₁` the commitment (affine, the
/// point at infinity is rejected before) and `xᵢ` the public inputs. The challenge binds the
/// commitment and the statement (public inputs); the counter gives independent further challenges
/// (a second one compresses multi-column lookups).
///
/// Keccak-256 costs 30 + 6 gas per word on the EVM, less than the SHA-256 precompile (60 + 12 per
/// word). The reduction mod r is slightly biased (2²⁵⁶ = 5r + ε): no value has probability above
/// 6/2²⁵⁶, which multiplies the Schwartz–Zippel bound of the lookup argument by at most 1.2.
public enum CommitmentChallenge {
    /// `keccak256("zkml.groth16.commitment.v1")`, the first word hashed.
    public static let domainTag: [UInt8] = Keccak256.hash(Array("zkml.groth16.commitment.v1".utf8))

    /// The `count` challenges for `commitment` and `publicInputs`.
    /// - Precondition: `commitment` is not the point at infinity.
    public static func derive(commitment: BN254.G1Affine, publicInputs: some Collection<BN254.Fr>, count: Int) -> [BN254.Fr] {
        precondition(!commitment.isInfinity, "the commitment is checked before challenges are derived")
        precondition((1 ... 255).contains(count), "1…255 challenges")
        var message = domainTag
        message.append(contentsOf: [UInt8](repeating: 0, count: 32))
        message += commitment.uncompressedBytes
        message.reserveCapacity(message.count + 32 * publicInputs.count)
        for input in publicInputs { message += input.bigEndianBytes }
        return (0 ..< count).map { k in
            message[63] = UInt8(k)
            return BN254.Fr(reducing: BigInt(bigEndian: Keccak256.hash(message)))
        }
    }
}
