internal import ZKField

extension R1CS {
    /// Checks that `witness` satisfies every constraint.
    /// - Throws: `ConstraintError.witnessLength` when the witness has the wrong length, or
    ///   `.unsatisfied` for the first failing constraint with its label and the values of A, B, C.
    public func check(_ witness: Witness) throws(ConstraintError) {
        guard witness.count == variableCount else {
            throw .witnessLength(expected: variableCount, actual: witness.count)
        }
        // Rows are evaluated a block at a time (`SparseMatrix.evaluateRows` gathers scattered wires).
        let block = 4096
        let buffer = UnsafeMutableBufferPointer<BN254.Fr>.allocate(capacity: 3 * block + 512)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: .zero)
        let av = UnsafeMutableBufferPointer(rebasing: buffer[0 ..< block])
        let bv = UnsafeMutableBufferPointer(rebasing: buffer[block ..< 2 * block])
        let cv = UnsafeMutableBufferPointer(rebasing: buffer[2 * block ..< 3 * block])
        let scratch = UnsafeMutableBufferPointer(rebasing: buffer[(3 * block)...])
        let failure: (Int, BN254.Fr, BN254.Fr, BN254.Fr)? = witness.values.withUnsafeBufferPointer { values in
            for first in stride(from: 0, to: constraintCount, by: block) {
                let rows = first ..< min(constraintCount, first + block)
                a.evaluateRows(rows, values, into: av, scratch: scratch)
                b.evaluateRows(rows, values, into: bv, scratch: scratch)
                c.evaluateRows(rows, values, into: cv, scratch: scratch)
                for j in 0 ..< rows.count where av[j] * bv[j] != cv[j] {
                    return (first + j, av[j], bv[j], cv[j])
                }
            }
            return nil
        }
        if let (i, av, bv, cv) = failure {
            throw .unsatisfied(index: i, label: label(at: i), a: av, b: bv, c: cv)
        }
    }

    /// Whether `witness` satisfies every constraint.
    public func isSatisfied(by witness: Witness) -> Bool {
        do { try check(witness); return true } catch { return false }
    }
}
