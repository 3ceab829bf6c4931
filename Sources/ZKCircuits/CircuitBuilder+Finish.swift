public import ZKConstraints
internal import ZKField

extension CircuitBuilder {
    /// The emitted constraint system, public wires renumbered to `1 … publicCount`, then the
    /// challenge wires, the round-one private wires (``R1CS/committedCount`` of them) and the
    /// round-two private wires, when the circuit has lookups.
    ///
    /// Can be called more than once (each call renumbers the system built so far). The first call
    /// on a circuit with lookup queries closes them (``CircuitBuilder`` logUp rows): no wire,
    /// constraint or query can be added afterwards.
    /// - Throws: the first recorded ``CircuitError`` when construction itself failed (a
    ///   constant assertion that cannot hold). Witness errors do not prevent making the R1CS in
    ///   proving mode; ``makeWitness()`` reports them.
    /// - Complexity: O(constraints + non-zero entries); rows are re-sorted only when public wires
    ///   were made public after private ones.
    public func makeR1CS() throws(CircuitError) -> R1CS {
        precondition(rowDigests == nil, "a builder recording digests only has no rows to return")
        finishLookups()
        if mode == .setup, let firstError { throw firstError }
        let map = finalNumbering()
        var system = R1CS(publicCount: publicWires.count, privateCount: privateCount,
                          challengeCount: lookups.challengeWires.count, committedCount: committedCount)
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
        finishLookups()
        guard system.publicCount == publicWires.count, system.privateCount == privateCount,
              system.challengeCount == lookups.challengeWires.count, system.committedCount == committedCount,
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
    ///
    /// A circuit with lookups has no witness before the verifier's challenges: use
    /// ``makeTwoRoundWitness()``.
    /// - Throws: the first recorded ``CircuitError`` (a value out of a gadget's range, an
    ///   assertion that does not hold), naming its label; ``CircuitError/needsTwoRoundWitness(queries:)``
    ///   when the circuit has lookup queries.
    /// - Precondition: the builder is in proving mode.
    public func makeWitness() throws(CircuitError) -> Witness {
        precondition(mode == .proving, "a builder in setup mode computes no witness")
        finishLookups()
        if let firstError { throw firstError }
        if hasLookups { throw .needsTwoRoundWitness(queries: lookupQueryCount) }
        return assignment()
    }

    /// The number of private wires allocated before the challenges (0 without lookups).
    var committedCount: Int {
        guard let first = lookups.challengeWires.first else { return 0 }
        return Int(first) - 1 - publicWires.count
    }

    /// The assignment even when an error was recorded (tests build adversarial witnesses); with
    /// lookups, the round-one assignment (challenges and round-two wires zero).
    func assignment() -> Witness {
        precondition(mode == .proving, "a builder in setup mode computes no witness")
        finishLookups()
        if let map = finalNumbering(), hasLookups {
            var final = [BN254.Fr](repeating: .zero, count: values.count)
            for (wire, index) in map.enumerated() { final[Int(index)] = values[wire] }
            return try! Witness(values: final)
        }
        let publicValues = publicWires.map { values[Int($0)] }
        var privateValues: [BN254.Fr] = []
        privateValues.reserveCapacity(privateCount)
        for wire in 1..<wireCount where !isPublic[wire] { privateValues.append(values[wire]) }
        return Witness(publicInputs: publicValues, privateValues: privateValues)
    }

    /// The final index of every internal wire, or `nil` when numbering is already final:
    /// `[0 = one][public wires in the order made public][challenges][round-one private wires]
    /// [round-two private wires]`, the private wires in allocation order. (Internally the round-one
    /// wires precede the challenges, which precede the round-two wires.)
    func finalNumbering() -> [UInt32]? {
        let challenges = lookups.challengeWires
        if challenges.isEmpty && publicWires.indices.allSatisfy({ publicWires[$0] == UInt32($0 + 1) }) { return nil }
        var map = [UInt32](repeating: 0, count: wireCount)
        for (position, wire) in publicWires.enumerated() { map[Int(wire)] = UInt32(position + 1) }
        var next = UInt32(publicWires.count + 1)
        for wire in challenges {
            map[Int(wire)] = next
            next += 1
        }
        for wire in 1..<wireCount where !isPublic[wire] && !challenges.contains(UInt32(wire)) {
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
