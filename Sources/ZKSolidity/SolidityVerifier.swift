public import ZKGroth16

/// Emits `Verifier.sol`: a self-contained Solidity (`^0.8.20`) Groth16 verifier for one key.
///
/// The contract follows the Groth16 check `e(A, B) = e(α, β) · e(L, γ) · e(C, δ)` with
/// `L = IC₀ + Σ sᵢ·ICᵢ` (Groth, "On the size of pairing-based non-interactive arguments",
/// EUROCRYPT 2016, §3.2) on the BN254 precompiles:
/// - EIP-196 `0x07` (ECMUL) and `0x06` (ECADD): one of each per public signal to build `L`;
/// - EIP-197 `0x08` (ECPAIRING): one call with four pairs,
///   `e(A, B) · e(α, −β) · e(L, −γ) · e(C, −δ) = 1`, the negations precomputed.
///
/// ABI (the call shape snarkjs users know):
/// `verifyProof(uint256[2] a, uint256[2][2] b, uint256[2] c, uint256[n] pubSignals) → bool`, with
/// `b` in EIP-197 order (`[[x.im, x.re], [y.im, y.re]]`). The function returns `false` — it never
/// reverts on a bad proof — when a coordinate is `≥ q`, A or C is off `y² = x³ + 3`, a signal is
/// `≥ r` or outside a signed range the key requires (``ZKGroth16/VerifyingKey/signedRanges``): these
/// are checked first, before any precompile, and reject for the calldata and a few hundred gas. B off
/// the twist or outside the G2 subgroup is left to the pairing precompile (which fails), as is a
/// well-formed proof whose pairing product is not one.
///
/// The body is inline assembly: the proof is copied from calldata straight into the pairing
/// buffer and `L` is accumulated in place in that buffer. The signal checks are loops (one per run
/// of signals with the same signed width), so the bytecode grows by one `L` step, about 125 bytes,
/// per signal; a valid proof costs the precompiles, the calldata and about 1,400 gas more.
///
/// **Commitment round** (a key with ``ZKGroth16/VerifyingKey/commitment``, circuits with lookups):
/// the proof carries `C₁` and the ABI gains one argument before the signals,
/// `verifyProof(uint256[2] a, uint256[2][2] b, uint256[2] c, uint256[2] commitment, uint256[n] pubSignals)`.
/// Before any precompile, `C₁`'s coordinates must be below `q` and `C₁` on the curve, which also
/// rejects the identity `(0, 0)`. The contract then hashes `cₖ = keccak256(DST ‖ k ‖ C₁.x ‖ C₁.y ‖
/// s₁ ‖ … ‖ sₙ) mod r` (``ZKGroth16/CommitmentChallenge``; one `KECCAK256` over memory per
/// challenge, `C₁` and the signals copied from calldata once), adds `cₖ·ICCₖ` to `L` (one ECMUL and
/// one ECADD each) and checks five pairs in the one pairing call:
/// `e(A, B) · e(α, −β) · e(L, −γ) · e(C, −δ) · e(C₁, −δ₁) = 1`. A plain key's contract is unchanged.
public enum SolidityVerifier {
    /// The Solidity source of the verifier for `key`.
    /// - Parameter contractName: the contract's name (`Groth16Verifier` by default).
    /// - Returns: the file's text, ending in a newline; deterministic for a given key.
    /// - Throws: ``SolidityError/noPublicSignals`` for a key without public signals.
    public static func source(for key: VerifyingKey, contractName: String = "Groth16Verifier") throws(SolidityError) -> String {
        let k = try VerifierConstants(key: key)
        if k.packing != nil { return packedSource(k, contractName: contractName) }
        let n = k.publicCount
        var e = SolidityEmitter()
        e.preamble(k, contractName: contractName) { e in
            if k.hasCommitment {
                let kc = k.challengeCount
                e.line("/// @notice Verifying key of \(k.circuitLine); \(n) public signal\(n == 1 ? "" : "s"), a commitment round with \(kc) challenge\(kc == 1 ? "" : "s").")
                e.line("/// @dev Checks e(A, B) = e(alpha, beta) * e(L, gamma) * e(C, delta) * e(C1, delta1) with")
                e.line("///      L = IC0 + sum(s_i * IC_i) + sum(c_k * ICC_k), c_k = keccak256(DOMAIN_TAG, k, C1.x, C1.y, s_1..s_n) mod r,")
                e.line("///      as e(A, B) * e(alpha, -beta) * e(L, -gamma) * e(C, -delta) * e(C1, -delta1) = 1 with one EIP-197")
                e.line("///      pairing call (0x08); L uses EIP-196 ECMUL (0x07) and ECADD (0x06). G2 words are imaginary part first.")
            } else {
                e.line("/// @notice Verifying key of \(k.circuitLine); \(n) public signal\(n == 1 ? "" : "s").")
                e.line("/// @dev Checks e(A, B) = e(alpha, beta) * e(L, gamma) * e(C, delta), L = IC0 + sum(s_i * IC_i),")
                e.line("///      as e(A, B) * e(alpha, -beta) * e(L, -gamma) * e(C, -delta) = 1 with one EIP-197 pairing")
                e.line("///      call (0x08); L uses EIP-196 ECMUL (0x07) and ECADD (0x06). G2 words are imaginary part first.")
            }
        }
        e.line()
        e.line("    /// @notice Verifies a Groth16 proof for the given public signals.")
        e.proofParameterDocs(k)
        e.line("    /// @param pubSignals The public signals, each below r.")
        e.line("    /// @return True if and only if the proof is valid; false (never a revert) for any bad input.")
        e.line("    function verifyProof(")
        e.proofParameters(k)
        e.line("        uint256[\(n)] calldata pubSignals")
        e.line("    ) external view returns (bool) {")
        e.line("        assembly {")
        e.bufferComment(k)
        e.line("            // 1. Every check that needs no precompile, then an early return: a malformed proof or")
        e.line("            //    signal costs its calldata and a few hundred gas, not the pairing.")
        e.proofChecks(k)
        e.line("            // Every public signal below r (ECMUL would reduce s + r to s).")
        e.line("            for { let p := pubSignals let end := add(pubSignals, \(hex(32 * n))) } lt(p, end) { p := add(p, 0x20) } {")
        e.line("                ok := and(ok, lt(calldataload(p), R))")
        e.line("            }")
        for run in k.signalRuns where run.bits != nil {
            let bits = run.bits!
            let first = run.range.lowerBound, count = run.range.count
            let at = first == 0 ? "pubSignals" : "add(pubSignals, \(hex(32 * first)))"
            if count == 1 {
                e.line("            // Signal \(first) a signed \(bits)-bit integer.")
                e.line("            ok := and(ok, lt(addmod(calldataload(\(at)), HALF_\(bits), R), WIDTH_\(bits)))")
            } else {
                e.line("            // Signals \(first)..\(run.range.upperBound - 1) signed \(bits)-bit integers.")
                e.line("            for { let p := \(at) let end := add(p, \(hex(32 * count))) } lt(p, end) { p := add(p, 0x20) } {")
                e.line("                ok := and(ok, lt(addmod(calldataload(p), HALF_\(bits), R), WIDTH_\(bits)))")
                e.line("            }")
            }
        }
        e.earlyReturn()
        e.accumulate(k) { i in "calldataload(\(i == 1 ? "pubSignals" : "add(pubSignals, \(hex((i - 1) * 32)))"))" }
        if k.hasCommitment {
            e.line("            // The challenges c_k = keccak256(DOMAIN_TAG, k, C1.x, C1.y, s_1..s_n) mod r: C1 and the signals")
            e.line("            // are adjacent in the calldata, one copy. Each c_k is below r, so ECMUL cannot fail on it.")
            e.line("            mstore(0x3c0, DOMAIN_TAG)")
            e.line("            calldatacopy(0x400, commitment, \(hex(0x40 + 32 * n)))")
            e.challenges(k)
        }
        e.pairing(k)
        e.line("        }")
        e.line("    }")
        e.line("}")
        return e.text
    }

    /// `0x`-prefixed hexadecimal, three digits (the buffer offsets stay below 0x1000).
    static func hex(_ value: Int) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
