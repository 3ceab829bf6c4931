internal import ZKField

/// A 64-bit digest of one constraint's three rows, for comparing a rebuilt circuit with a stored
/// one without holding a second copy of the matrices (the prover rebuilding its `model.zkml`).
///
/// Not cryptographic: it detects a circuit that differs by accident (another model, another zkml
/// version), which is all the prover needs; a verifier never relies on it (the verifying key
/// binds the stored circuit's SHA-256). Every 64-bit word (row length, column, coefficient limbs)
/// goes through a multiply–xorshift step.
public enum RowDigest {
    /// The digest of `a · b = c` with the wires numbered as in the combinations.
    public static func of(_ a: LinearCombination, _ b: LinearCombination, _ c: LinearCombination) -> UInt64 {
        // Three calls, not a loop over [a, b, c]: this runs once per constraint a prover emits,
        // and the array literal was an allocation each time.
        var state = seed
        a.terms.withUnsafeBufferPointer { absorb($0, into: &state) }
        b.terms.withUnsafeBufferPointer { absorb($0, into: &state) }
        c.terms.withUnsafeBufferPointer { absorb($0, into: &state) }
        return state
    }

    /// The digest of constraint `row` of `system` with every wire `w` renamed to `renaming[w]`
    /// (and each row re-sorted by the new names), so a stored system compares with combinations
    /// numbered another way. `nil` keeps the numbering.
    /// - Parameter scratch: reused between calls to avoid an allocation per row.
    public static func of(_ system: R1CS, row: Int, renaming: [UInt32]?, scratch: inout [LinearCombination.Term]) -> UInt64 {
        var state = seed
        absorb(system.a, row: row, renaming: renaming, scratch: &scratch, into: &state)
        absorb(system.b, row: row, renaming: renaming, scratch: &scratch, into: &state)
        absorb(system.c, row: row, renaming: renaming, scratch: &scratch, into: &state)
        return state
    }

    /// One stored row, renamed, re-sorted only when the renaming broke its order.
    static func absorb(_ matrix: SparseMatrix, row: Int, renaming: [UInt32]?, scratch: inout [LinearCombination.Term],
                       into state: inout UInt64) {
        scratch.removeAll(keepingCapacity: true)
        var sorted = true
        for k in matrix.rowOffsets[row] ..< matrix.rowOffsets[row + 1] {
            let column = matrix.columns[k]
            let name = renaming.map { $0[Int(column)] } ?? column
            if let last = scratch.last, last.variable.index > name { sorted = false }
            scratch.append(.init(Variable(index: name), matrix.coefficients[k]))
        }
        if !sorted { scratch.sort { $0.variable.index < $1.variable.index } }
        scratch.withUnsafeBufferPointer { absorb($0, into: &state) }
    }

    static let seed: UInt64 = 0x243F_6A88_85A3_08D3

    @inline(__always)
    static func mix(_ state: inout UInt64, _ word: UInt64) {
        state = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 29
    }

    static func absorb(_ terms: UnsafeBufferPointer<LinearCombination.Term>, into state: inout UInt64) {
        mix(&state, UInt64(terms.count))
        for term in terms {
            let limbs = term.coefficient.montgomeryLimbs
            mix(&state, UInt64(term.variable.index))
            mix(&state, limbs.0); mix(&state, limbs.1); mix(&state, limbs.2); mix(&state, limbs.3)
        }
    }
}
