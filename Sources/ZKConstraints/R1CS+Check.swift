import ZKField

extension R1CS {
    /// Checks that `witness` satisfies every constraint.
    /// - Throws: `ConstraintError.witnessLength` when the witness has the wrong length, or
    ///   `.unsatisfied` for the first failing constraint with its label and the values of A, B, C.
    public func check(_ witness: Witness) throws(ConstraintError) {
        guard witness.count == variableCount else {
            throw .witnessLength(expected: variableCount, actual: witness.count)
        }
        let failure: (Int, BN254.Fr, BN254.Fr, BN254.Fr)? = witness.values.withUnsafeBufferPointer { values in
            for i in 0 ..< constraintCount {
                let av = a.evaluateRow(i, values)
                let bv = b.evaluateRow(i, values)
                let cv = c.evaluateRow(i, values)
                if av * bv != cv { return (i, av, bv, cv) }
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
