public import ZKConstraints

extension SolidityVerifier {
    /// The verifier of a key with packed public signals (``ZKGroth16/VerifyingKey/packing``):
    /// two entry points over one Groth16 check.
    ///
    /// - `verifyProof(a, b, c, [commitment,] uint256[n] pubSignals)` takes the unpacked signals —
    ///   the ABI users and oracles want, the same shape as a plain verifier's. Each signal must be
    ///   below r and a signed integer of its width (`u = addmod(s, 2^(b−1), r) < 2^b`); it enters
    ///   its word as `u << p` (``ZKConstraints/PublicPacking``), a loop per run of equal widths,
    ///   about 70 gas a signal.
    /// - `verifyPackedProof(a, b, c, [commitment,] uint256[m] packedSignals)` takes the words
    ///   (`zkml calldata --packed`), each below r: the least calldata.
    ///
    /// Both write the words to memory at 0x440 and call `_verify`, which checks the proof points
    /// before any precompile, accumulates `L = IC₀ + Σ W_j·IC_j` (one ECMUL and ECADD per word),
    /// derives the challenges from `C₁` and the words when the key has a commitment round, and
    /// makes the one pairing call; it returns from assembly.
    static func packedSource(_ k: VerifierConstants, contractName: String) -> String {
        let packing = k.packing!
        let n = k.signalCount, m = k.publicCount
        let words = "\(m) word\(m == 1 ? "" : "s")"
        var e = SolidityEmitter()
        e.preamble(k, contractName: contractName, rangeComment: [
            "    // Widths of the packed signals: s (< R) is a signed b-bit integer iff u = addmod(s, 2^(b-1), R)",
            "    // is below 2^b; u enters its word shifted to the signal's bit position.",
        ], icNoun: "packed word") { e in
            if k.hasCommitment {
                let kc = k.challengeCount
                e.line("/// @notice Verifying key of \(k.circuitLine); \(n) public signals packed into \(words), a commitment round with \(kc) challenge\(kc == 1 ? "" : "s").")
            } else {
                e.line("/// @notice Verifying key of \(k.circuitLine); \(n) public signals packed into \(words).")
            }
            e.line("/// @dev Signal s_i, a signed b_i-bit integer, enters word W_j as (s_i + 2^(b_i-1)) << p_i (docs/evm.md). The")
            e.line("///      words are the Groth16 public inputs: L = IC0 + sum(W_j * IC_j)\(k.hasCommitment ? " + sum(c_k * ICC_k)," : ",")")
            if k.hasCommitment {
                e.line("///      c_k = keccak256(DOMAIN_TAG, k, C1.x, C1.y, W_1..W_m) mod r, and the check is")
                e.line("///      e(A, B) * e(alpha, -beta) * e(L, -gamma) * e(C, -delta) * e(C1, -delta1) = 1 with one EIP-197")
            } else {
                e.line("///      and the check is e(A, B) * e(alpha, -beta) * e(L, -gamma) * e(C, -delta) = 1 with one EIP-197")
            }
            e.line("///      pairing call (0x08); L uses EIP-196 ECMUL (0x07) and ECADD (0x06). G2 words are imaginary part first.")
        }
        let proofArguments = k.hasCommitment ? "a, b, c, commitment" : "a, b, c"

        e.line()
        e.line("    /// @notice Verifies a Groth16 proof for the given public signals, packed here into the words.")
        e.proofParameterDocs(k)
        e.line("    /// @param pubSignals The public signals, each below r and a signed integer of its width.")
        e.line("    /// @return True if and only if the proof is valid; false (never a revert) for any bad input.")
        e.line("    function verifyProof(")
        e.proofParameters(k)
        e.line("        uint256[\(n)] calldata pubSignals")
        e.line("    ) external view returns (bool) {")
        e.line("        assembly {")
        e.line("            // Every signal below r and inside its width (checked before any precompile), offset and")
        e.line("            // packed into its word; the words go to memory 0x440.. for _verify.")
        e.line("            let ok := 1")
        for group in packing.wordGroups {
            let (j, count) = (group.lowerBound, group.count)
            let word = packing.words[j]
            let first = word.lowerBound
            if packing.widths[first] == 0 {
                e.line("            // Word \(j): signal \(first), a full field element (a digest).")
                e.line("            {")
                e.line("                let s := calldataload(\(signal(first)))")
                e.line("                ok := and(ok, lt(s, R))")
                e.line("                mstore(\(hex(0x440 + 32 * j)), s)")
                e.line("            }")
                continue
            }
            // Consecutive words of the same shape share one loop: the bytecode grows with the
            // shapes, not with the words.
            let last = packing.words[group.upperBound - 1].upperBound - 1
            if count == 1 {
                e.line("            // Word \(j): signal\(word.count == 1 ? " \(first)" : "s \(first)..\(last)").")
                e.line("            {")
                e.line("                let base := \(signal(first))")
                e.line("                let slot := \(hex(0x440 + 32 * j))")
            } else {
                e.line("            // Words \(j)..\(j + count - 1): signals \(first)..\(last), \(word.count) to a word.")
                e.line("            for { let base := \(signal(first)) let slot := \(hex(0x440 + 32 * j)) let slotsEnd := \(hex(0x440 + 32 * (j + count))) } lt(slot, slotsEnd) {")
                e.line("                base := add(base, \(hex(32 * word.count)))")
                e.line("                slot := add(slot, 0x20)")
                e.line("            } {")
            }
            e.line("                let w := 0")
            for run in packing.runs(inWord: j) {
                let (bits, position) = (run.bits, run.position)
                let offset = run.values.lowerBound - first
                let at = offset == 0 ? "base" : "add(base, \(hex(32 * offset)))"
                if run.values.count == 1 {
                    e.line("                {")
                    e.line("                    let s := calldataload(\(at))")
                    e.line("                    let u := addmod(s, HALF_\(bits), R)")
                    e.line("                    ok := and(ok, and(lt(s, R), lt(u, WIDTH_\(bits))))")
                    e.line("                    w := or(w, shl(\(position), u))")
                    e.line("                }")
                } else {
                    e.line("                for { let p := \(at) let end := add(p, \(hex(32 * run.values.count))) let shift := \(position) } lt(p, end) {")
                    e.line("                    p := add(p, 0x20)")
                    e.line("                    shift := add(shift, \(bits))")
                    e.line("                } {")
                    e.line("                    let s := calldataload(p)")
                    e.line("                    let u := addmod(s, HALF_\(bits), R)")
                    e.line("                    ok := and(ok, and(lt(s, R), lt(u, WIDTH_\(bits))))")
                    e.line("                    w := or(w, shl(shift, u))")
                    e.line("                }")
                }
            }
            e.line("                mstore(slot, w)")
            e.line("            }")
        }
        e.earlyReturn()
        e.line("        }")
        e.line("        return _verify(\(proofArguments));")
        e.line("    }")

        e.line()
        e.line("    /// @notice Verifies a Groth16 proof for public signals already packed into the words (the least calldata).")
        e.proofParameterDocs(k)
        e.line("    /// @param packedSignals The \(words), each below r (`zkml calldata --packed`).")
        e.line("    /// @return True if and only if the proof is valid; false (never a revert) for any bad input.")
        e.line("    function verifyPackedProof(")
        e.proofParameters(k)
        e.line("        uint256[\(m)] calldata packedSignals")
        e.line("    ) external view returns (bool) {")
        e.line("        assembly {")
        e.line("            // Every word below r (ECMUL would reduce W + r to W), then copied to 0x440.. for _verify.")
        e.line("            let ok := 1")
        e.line("            for { let p := packedSignals let end := add(packedSignals, \(hex(32 * m))) } lt(p, end) { p := add(p, 0x20) } {")
        e.line("                ok := and(ok, lt(calldataload(p), R))")
        e.line("            }")
        e.earlyReturn()
        e.line("            calldatacopy(0x440, packedSignals, \(hex(32 * m)))")
        e.line("        }")
        e.line("        return _verify(\(proofArguments));")
        e.line("    }")

        e.line()
        e.line("    /// @dev The Groth16 check of the proof for the words at memory 0x440..; it returns from assembly,")
        e.line("    ///      never to its caller.")
        e.line("    function _verify(")
        e.line("        uint256[2] calldata a,")
        e.line("        uint256[2][2] calldata b,")
        if k.hasCommitment {
            e.line("        uint256[2] calldata c,")
            e.line("        uint256[2] calldata commitment")
        } else {
            e.line("        uint256[2] calldata c")
        }
        e.line("    ) private view returns (bool) {")
        e.line("        assembly {")
        e.line("            // Pairing input, \(k.pairCount) pairs of (G1, G2) from memory 0 (the call returns from assembly, so")
        e.line("            // Solidity's scratch and free-memory slots are not needed again):")
        e.line("            //   0x000 A, 0x040 B | 0x0c0 alpha, 0x100 -beta | 0x180 L, 0x1c0 -gamma | 0x240 C, 0x280 -delta")
        if k.hasCommitment {
            e.line("            //   | 0x300 C1, 0x340 -delta1")
            e.line("            // 0x3c0.. the challenge hash's input: DOMAIN_TAG, k, C1.x, C1.y, then the words at 0x440...")
        } else {
            e.line("            // The words are at 0x440...")
        }
        e.line("            // 1. The proof's checks that need no precompile, then an early return.")
        e.proofChecks(k)
        e.earlyReturn()
        e.accumulate(k, byStep: true) { i in "mload(\(hex(0x440 + 32 * (i - 1))))" }
        if k.hasCommitment {
            e.line("            // The challenges c_k = keccak256(DOMAIN_TAG, k, C1.x, C1.y, W_1..W_m) mod r: the words already")
            e.line("            // follow C1 in memory. Each c_k is below r, so ECMUL cannot fail on it.")
            e.line("            mstore(0x3c0, DOMAIN_TAG)")
            e.line("            calldatacopy(0x400, commitment, 0x40)")
            e.challenges(k)
        }
        e.pairing(k)
        e.line("        }")
        e.line("    }")
        e.line("}")
        return e.text
    }

    /// The calldata offset of unpacked signal `i`.
    static func signal(_ i: Int) -> String { i == 0 ? "pubSignals" : "add(pubSignals, \(hex(32 * i)))" }
}
