public import ZKConstraints
internal import ZKField

extension CircuitBuilder {
    /// The emitted constraint system, public wires renumbered to `1 … publicCount`.
    ///
    /// Can be called more than once (each call renumbers the system built so far).
    /// - Throws: the first recorded ``CircuitError`` when construction itself failed (a
    ///   constant assertion that cannot hold). Witness errors do not prevent making the R1CS in
    ///   proving mode; ``makeWitness()`` reports them.
    /// - Complexity: O(constraints + non-zero entries); rows are re-sorted only when public wires
    ///   were made public after private ones.
    public func makeR1CS() throws(CircuitError) -> R1CS {
        precondition(rowDigests == nil, "a builder recording digests only has no rows to return")
        if mode == .setup, let firstError { throw firstError }
        let map = finalNumbering()
        var system = R1CS(publicCount: publicWires.count, privateCount: privateCount)
        system.reserveCapacity(constraints: constraintCount)
        for row in 0..<constraintCount {
            let index = labelIndices[row]
            system.append(Constraint(a: renumbered(a, row: row, map: map),
                                     b: renumbered(b, row: row, map: map),
                                     c: renumbered(c, row: row, map: map)),
                          label: index == R1CS.noLabel ? nil : labels[Int(index)])
        }
        return system
    }

    /// Whether ``makeR1CS()`` would return `system`'s constraints (same wire counts, same A, B and
    /// C rows after renumbering; labels are not compared, as in `R1CS.hasSameConstraints(as:)`),
    /// checked row by row without building a second R1CS. A prover that already holds the stored
    /// circuit uses this instead of ``makeR1CS()``. After ``recordDigestsOnly(expecting:)`` the
    /// stored rows, renamed into the builder's numbering, are compared by their ``RowDigest``.
    /// - Complexity: O(constraints + non-zero entries) time, O(longest row) extra memory.
    public func emitsSameConstraints(as system: R1CS) -> Bool {
        guard system.publicCount == publicWires.count, system.privateCount == privateCount,
              system.constraintCount == constraintCount else { return false }
        let map = finalNumbering()
        if let rowDigests {
            guard digestedEntries.a == system.a.entryCount, digestedEntries.b == system.b.entryCount,
                  digestedEntries.c == system.c.entryCount else { return false }
            // Stored (final) wire → internal wire: the inverse of the renumbering.
            let inverse = map.map { map in
                var inverse = [UInt32](repeating: 0, count: map.count)
                for (wire, final) in map.enumerated() { inverse[Int(final)] = UInt32(wire) }
                return inverse
            }
            var scratch: [LinearCombination.Term] = []
            for row in 0..<constraintCount where RowDigest.of(system, row: row, renaming: inverse, scratch: &scratch) != rowDigests[row] {
                return false
            }
            return true
        }
        for (emitted, stored) in [(a, system.a), (b, system.b), (c, system.c)] {
            guard emitted.entryCount == stored.entryCount else { return false }
            for row in 0..<constraintCount where renumbered(emitted, row: row, map: map) != stored.row(row) {
                return false
            }
        }
        return true
    }

    /// The full assignment in the numbering of ``makeR1CS()``.
    /// - Throws: the first recorded ``CircuitError`` (a value out of a gadget's range, an
    ///   assertion that does not hold), naming its label.
    /// - Precondition: the builder is in proving mode.
    public func makeWitness() throws(CircuitError) -> Witness {
        if let firstError { throw firstError }
        return assignment()
    }

    /// The assignment even when an error was recorded (tests build adversarial witnesses).
    func assignment() -> Witness {
        precondition(mode == .proving, "a builder in setup mode computes no witness")
        let publicValues = publicWires.map { values[Int($0)] }
        var privateValues: [BN254.Fr] = []
        privateValues.reserveCapacity(privateCount)
        for wire in 1..<wireCount where !isPublic[wire] { privateValues.append(values[wire]) }
        return Witness(publicInputs: publicValues, privateValues: privateValues)
    }

    /// The final index of every internal wire, or `nil` when numbering is already final.
    func finalNumbering() -> [UInt32]? {
        if publicWires.indices.allSatisfy({ publicWires[$0] == UInt32($0 + 1) }) { return nil }
        var map = [UInt32](repeating: 0, count: wireCount)
        for (position, wire) in publicWires.enumerated() { map[Int(wire)] = UInt32(position + 1) }
        var next = UInt32(publicWires.count + 1)
        for wire in 1..<wireCount where !isPublic[wire] {
            map[wire] = next
            next += 1
        }
        return map
    }

    /// The final wire index of `signal` when it is a single wire (tests tamper with it).
    func finalIndex(of signal: Signal) -> Int? {
        guard let wire = signal.wire else { return nil }
        guard let map = finalNumbering() else { return Int(wire.index) }
        return Int(map[Int(wire.index)])
    }

    private func renumbered(_ matrix: SparseMatrix, row: Int, map: [UInt32]?) -> LinearCombination {
        let range = matrix.rowOffsets[row] ..< matrix.rowOffsets[row + 1]
        var terms: [LinearCombination.Term] = []
        terms.reserveCapacity(range.count)
        var sorted = true
        for k in range {
            let column = map.map { $0[Int(matrix.columns[k])] } ?? matrix.columns[k]
            if let last = terms.last, last.variable.index > column { sorted = false }
            terms.append(.init(Variable(index: column), matrix.coefficients[k]))
        }
        if !sorted { terms.sort { $0.variable.index < $1.variable.index } }
        return LinearCombination(canonicalTerms: terms)
    }
}
