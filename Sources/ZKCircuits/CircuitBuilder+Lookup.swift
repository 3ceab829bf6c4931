public import ZKConstraints
internal import ZKField

/// logUp on the builder (Haböck, "Multivariate lookups based on logarithmic derivatives", eprint
/// 2022/1530): queries `f_1 … f_M` all lie in a table `t_1 … t_N` iff
/// `Σ_j 1/(X − f_j) = Σ_i m_i/(X − t_i)` as rational functions, `m_i` the number of queries
/// equal to `t_i`; the circuit checks it at a random challenge `X`.
///
/// Queries are collected by ``lookup(_:in:)``; the first of ``makeR1CS()``,
/// ``emitsSameConstraints(as:)``, ``makeWitness()`` or ``makeTwoRoundWitness()`` closes them
/// (the same rows in setup and proving mode; nothing at all in a circuit without queries):
///
/// 1. **Round one**: per queried table one multiplicity wire `m_i` per row (hinted: the number
///    of queries equal to row `i`). Every wire allocated so far — inputs, limbs, multiplicities —
///    is committed by the prover before the challenges exist (``R1CS/committedCount``).
/// 2. **Challenges**: `X`, and `β` when some queried table has two or more columns; numbered
///    `publicCount + 1 …` in the final numbering, computed by the verifier from the commitment.
/// 3. **Round two**: the powers `β^k = β^(k−1)·β` for `k = 2 … c−1` (`c` the widest queried
///    table); per query `f = col₀ + Σ_k β^k·col_k` with one product wire per non-constant
///    column after the first, and `h·(X − f) = 1`; per table row `q_i·(X − t_i) = m_i` (`t_i =
///    Σ_k t_ik·β^k` is linear: the entries are constants); finally, per table, `(Σ h_j − Σ q_i)·1 = 0`
///    over that table's queries and rows.
///
/// Labels: a query's rows carry the label in force at the query followed by `lookup: <table>`;
/// the table rows `lookup: <table>: rows`, the powers `lookup: challenges`, the sums `lookup: sum`
/// (one table) or `lookup: <table>: sum` (several).
///
/// Soundness: the multiplicities are not range-checked; none is needed because the number of
/// queries is below the field's characteristic `r` (Haböck, Lemma 5), so the rational identity
/// holds only when every query is a table row. Each table has its own sum: one sum over several
/// tables would check the queries against the union of their rows (a query into `range(4)`
/// matched by a row of `range(11)`), so partial range tables would bound nothing. The identity is tested at the challenges drawn
/// after the commitment to every round-one wire, so a false one passes with probability at most
/// about `(M + N)·c / r` (Schwartz–Zippel in `X`, then in `β` for the combination of columns).
/// Combining columns with a fixed constant (`x + 2^k·y`) instead of the challenge `β` would be
/// unsound unless both columns were range-bounded elsewhere.
extension CircuitBuilder {
    public func register(_ table: LookupTable) -> LookupTableID {
        precondition(lookups.phase == .open, "the circuit is finished (its lookups were closed): no new table")
        let id = lookups.registry.register(table)
        while lookups.queries.count < lookups.registry.tables.count {
            lookups.queries.append([])
            lookups.counts.append([])
        }
        return id
    }

    /// Collects the query (see ``CircuitAPI/lookup(_:in:)`` and the costs there). In proving mode
    /// the row is checked at once: a row in no row of the table records
    /// ``CircuitError/notInTable(label:table:row:)`` with the label in force; in setup mode, so
    /// is a row of constants. A row of constants costs like any other (the costs do not depend on
    /// the values).
    public func lookup(_ row: [Signal], in id: LookupTableID) {
        precondition(lookups.phase == .open, "the circuit is finished (its lookups were closed): no new query")
        let table = lookups.registry[id]
        precondition(row.count == table.columnCount, "a query into \(table.name) needs \(table.columnCount) columns")
        if mode == .setup, row.allSatisfy({ $0.constantValue != nil }) {
            let constants = row.map { $0.constantValue! }
            if table.index(of: constants) == nil {
                record(.notInTable(label: nil, table: table.name, row: constants.map(\.signedDescription)))
            }
        }
        var rowValues: [BN254.Fr] = []
        if mode == .proving {
            rowValues = row.map(valueOf)
            if let i = table.index(of: rowValues) {
                if lookups.counts[id.index].isEmpty { lookups.counts[id.index] = [Int](repeating: 0, count: table.rowCount) }
                lookups.counts[id.index][i] += 1
            } else {
                record(.notInTable(label: nil, table: table.name, row: rowValues.map(\.signedDescription)))
            }
        }
        lookups.queries[id.index].append(.init(row: row.map(\.combination), values: rowValues,
                                               label: labelStack.last?.index ?? R1CS.noLabel))
        lookups.queryCount += 1
        lookups.queryConstraints += 1 + row.dropFirst().count { $0.constantValue == nil }
    }

    public func recordRangeCheck(bits: Int, needsSign: Bool) {
        rangeCheckHistogram.record(bits: bits, needsSign: needsSign)
    }

    /// Lookup queries so far.
    public var lookupQueryCount: Int { lookups.queryCount }

    /// The constraints the queries so far will cost when the lookups are closed (per query one
    /// inverse and one product per extra non-constant column), not counting the tables, the
    /// challenge powers and the final sum. Added to ``constraintCount`` it gives a gadget's cost.
    public var pendingQueryConstraints: Int { lookups.phase == .open ? lookups.queryConstraints : 0 }

    /// Whether the circuit has a commitment round (some lookup query was made).
    public var hasLookups: Bool { lookups.queryCount > 0 }

    /// The witness of a circuit with lookups, in two rounds (``TwoRoundWitness``): `roundOne` in
    /// the numbering of ``makeR1CS()`` with the challenge and round-two wires zero, and
    /// `complete(challenges:)` which fills the challenges (`X`, then `β` when present), computes
    /// the product wires, the inverses `h_j` and `q_i` (one batch inversion, Montgomery's trick),
    /// checks every logUp row and returns the full witness. Without lookups, the plain witness
    /// (``TwoRoundWitness/init(plain:)``). Closes the lookups if still open.
    /// - Throws: the first recorded ``CircuitError`` (a value out of range, a row not in its
    ///   table…). `complete(challenges:)` throws ``CircuitError/challengeCount(expected:actual:)``,
    ///   ``CircuitError/zeroDenominator(label:)`` (a challenge equal to a looked-up value: negligible
    ///   for a random challenge) or ``CircuitError/unsatisfied(label:constraint:a:b:c:)`` for a logUp
    ///   row that does not hold (the sum, when a multiplicity is wrong).
    /// - Precondition: the builder is in proving mode.
    /// - Complexity: O(wires + queries + table rows); completion one field inversion.
    public func makeTwoRoundWitness() throws(CircuitError) -> TwoRoundWitness {
        precondition(mode == .proving, "a builder in setup mode computes no witness")
        finishLookups()
        if let firstError { throw firstError }
        return twoRoundAssignment(checking: true)
    }

    /// ``makeTwoRoundWitness()`` even when an error was recorded (tests build adversarial
    /// witnesses); `checking: false` leaves the logUp rows unchecked on completion.
    func twoRoundAssignment(checking: Bool) -> TwoRoundWitness {
        finishLookups()
        guard let program = lookups.program else { return TwoRoundWitness(plain: assignment()) }
        let completion = LogUpCompletion(values: values, map: finalNumbering(), program: program, labels: labels,
                                         checking: checking)
        return TwoRoundWitness(roundOne: completion.witness(completion.values)) { challenges in
            try completion.complete(challenges: challenges)
        }
    }

    /// Closes the lookups (see the extension's documentation): a no-op without queries or when
    /// already done.
    func finishLookups() {
        guard lookups.phase == .open, lookups.queryCount > 0 else { return }
        lookups.phase = .finishing
        let tables = lookups.registry.tables
        let used = tables.indices.filter { !lookups.queries[$0].isEmpty }

        // Round one: multiplicities.
        var multiplicities: [UInt32] = []
        for t in used {
            let counts = lookups.counts[t]
            multiplicities.append(withLabel("lookup: \(tables[t].name): multiplicities") {
                hintedWires(count: tables[t].rowCount) { (outputs: inout [BN254.Fr]) throws(CircuitError) in
                    for (i, count) in counts.enumerated() where count > 0 { outputs[i] = BN254.Fr(UInt64(count)) }
                }
            })
        }

        // The challenges.
        let columns = used.map { tables[$0].columnCount }.max()!
        let challengeCount = columns > 1 ? 2 : 1
        let firstChallenge = allocateRoundTwo(challengeCount)
        lookups.challengeWires = firstChallenge ..< firstChallenge + UInt32(challengeCount)
        var program = LogUpProgram(challenges: Array(lookups.challengeWires), firstRow: constraintCount)
        let x = LinearCombination(Variable(index: firstChallenge))

        // Round two. powers[k] = β^k (powers[0] the constant one).
        var powers = [LinearCombination(constant: .one)]
        if columns > 1 { powers.append(LinearCombination(Variable(index: firstChallenge + 1))) }
        if columns > 2 {
            let label = internLabel("lookup: challenges")
            for _ in 2 ..< columns {
                let power = LinearCombination(Variable(index: allocateRoundTwo(1)))
                deferredProduct(powers.last!, powers[1], power, knownColumn: nil, label: label, into: &program)
                powers.append(power)
            }
        }
        var sums: [(terms: [LinearCombination.Term], label: String)] = []
        for (position, t) in used.enumerated() {
            let table = tables[t]
            var sum: [LinearCombination.Term] = []
            sum.reserveCapacity(lookups.queries[t].count + table.rowCount)
            let tableLabel = "lookup: \(table.name)"
            var queryLabels: [UInt32: UInt32] = [:]
            for query in lookups.queries[t] {
                let label: UInt32
                if let known = queryLabels[query.label] {
                    label = known
                } else {
                    label = internLabel(query.label == R1CS.noLabel ? tableLabel : "\(labels[Int(query.label)]): \(tableLabel)")
                    queryLabels[query.label] = label
                }
                // f = column 0 + the rest; in proving mode round two computes `X − rest` and
                // subtracts column 0's value, taken at the query (the column is round-one wires
                // only, which completion does not change), instead of evaluating it again.
                var rest = LinearCombination()
                for k in 1 ..< query.row.count {
                    let column = query.row[k]
                    if column.isConstant {
                        rest += powers[k].scaled(by: column.constantTerm)
                    } else {
                        let product = LinearCombination(Variable(index: allocateRoundTwo(1)))
                        deferredProduct(powers[k], column, product, knownColumn: query.values.isEmpty ? nil : query.values[k],
                                        label: label, into: &program)
                        rest += product
                    }
                }
                let h = allocateRoundTwo(1)
                let f = rest.isEmpty ? query.row[0] : query.row[0] + rest
                let computed = query.values.isEmpty ? (x - f, BN254.Fr.zero) : (x - rest, -query.values[0])
                deferredQuotient(h, denominator: x - f, numerator: LinearCombination(constant: .one), computedAs: computed,
                                 label: label, into: &program)
                sum.append(.init(Variable(index: h), .one))
            }
            let rowLabel = internLabel("\(tableLabel): rows")
            for i in 0 ..< table.rowCount {
                var terms = [LinearCombination.Term(Variable(index: firstChallenge), .one)]
                for k in 0 ..< table.columnCount {
                    let entry = table.entry(i, column: k)
                    if entry.isZero { continue }
                    if k == 0 {
                        terms.append(.init(.one, -entry))
                    } else {
                        for term in powers[k].terms { terms.append(.init(term.variable, -entry * term.coefficient)) }
                    }
                }
                let q = allocateRoundTwo(1)
                let m = LinearCombination(Variable(index: multiplicities[position] + UInt32(i)))
                let denominator = LinearCombination(terms)
                deferredQuotient(q, denominator: denominator, numerator: m, computedAs: (denominator, .zero), label: rowLabel,
                                 into: &program)
                sum.append(.init(Variable(index: q), -.one))
            }
            sums.append((sum, used.count == 1 ? "lookup: sum" : "\(tableLabel): sum"))
        }
        for (terms, text) in sums {
            let sum = LinearCombination(terms)
            let label = internLabel(text)
            program.sums.append(sum)
            program.sumLabels.append(label)
            emit(sum, LinearCombination(.one), LinearCombination(), label: label)
        }
        lookups.program = program
        lookups.phase = .finished
    }

    /// `count` wires computed after the challenges (their values are zero until completion).
    private func allocateRoundTwo(_ count: Int) -> UInt32 {
        let first = allocate(count)
        if mode == .proving { values.append(contentsOf: repeatElement(.zero, count: count)) }
        return first
    }

    /// `product = a · b`, emitted now, computed at completion; `knownColumn` is `b`'s value
    /// when `b` is a query column (round-one wires, taken at the query).
    private func deferredProduct(_ a: LinearCombination, _ b: LinearCombination, _ product: LinearCombination,
                                 knownColumn: BN254.Fr?, label: UInt32, into program: inout LogUpProgram) {
        program.steps.append(.product(wire: product.terms[0].variable.index, a: a, b: b, knownB: knownColumn))
        program.labels.append(label)
        emit(a, b, product, label: label)
    }

    /// `wire · denominator = numerator`, emitted now; completion computes the denominator as
    /// `computedAs.0` evaluated plus `computedAs.1` (equal to `denominator` on the witness).
    private func deferredQuotient(_ wire: UInt32, denominator: LinearCombination, numerator: LinearCombination,
                                  computedAs: (LinearCombination, BN254.Fr),
                                  label: UInt32, into program: inout LogUpProgram) {
        program.steps.append(.quotient(wire: wire, denominator: computedAs.0, offset: computedAs.1, numerator: numerator))
        program.labels.append(label)
        emit(LinearCombination(Variable(index: wire)), denominator, numerator, label: label)
    }
}

/// The builder's lookup state.
struct LookupState {
    enum Phase { case open, finishing, finished }

    /// A collected query: its columns and the label in force when it was made.
    struct Query {
        var row: [LinearCombination]
        /// The columns' values at the query (proving mode; empty in setup mode).
        var values: [BN254.Fr]
        var label: UInt32
    }

    var registry = LookupRegistry()
    /// Per table, its queries.
    var queries: [[Query]] = []
    /// Per table, the number of queries equal to each row (proving mode; empty until queried).
    var counts: [[Int]] = []
    var queryCount = 0
    var queryConstraints = 0
    var phase = Phase.open
    /// The challenge wires (internal numbering), empty without lookups.
    var challengeWires: Range<UInt32> = 0 ..< 0
    /// The round-two computation, once finished.
    var program: LogUpProgram?
}

/// How round two is computed from the challenges: one step per logUp row, in row order, then the
/// final sum.
struct LogUpProgram: Sendable {
    enum Step: Sendable {
        /// `wire = a · b`, `b`'s value `knownB` when given.
        case product(wire: UInt32, a: LinearCombination, b: LinearCombination, knownB: BN254.Fr?)
        /// `wire = numerator / (denominator + offset)`.
        case quotient(wire: UInt32, denominator: LinearCombination, offset: BN254.Fr, numerator: LinearCombination)
    }

    /// Internal wires of `X` (and `β`).
    var challenges: [UInt32]
    /// The index of the first logUp row (step `i` is row `firstRow + i`, the sum follows them).
    var firstRow: Int
    var steps: [Step] = []
    /// Per step, its label index.
    var labels: [UInt32] = []
    /// Per queried table, `Σ h_j − Σ q_i` over its queries and rows (rows after the steps).
    var sums: [LinearCombination] = []
    var sumLabels: [UInt32] = []
}

/// Completes a round-one assignment (``CircuitBuilder/makeTwoRoundWitness()``).
struct LogUpCompletion: Sendable {
    /// Round-one values in the internal numbering (challenges and round two zero).
    let values: [BN254.Fr]
    let map: [UInt32]?
    let program: LogUpProgram
    let labels: [String]
    let checking: Bool

    func label(_ index: UInt32) -> String? { index == R1CS.noLabel ? nil : labels[Int(index)] }

    func complete(challenges: [BN254.Fr]) throws(CircuitError) -> Witness {
        guard challenges.count == program.challenges.count else {
            throw .challengeCount(expected: program.challenges.count, actual: challenges.count)
        }
        var values = self.values
        for (wire, value) in zip(program.challenges, challenges) { values[Int(wire)] = value }
        // Products first (each uses the challenges and earlier products), then every quotient's
        // denominator, inverted in one batch.
        var denominators: [BN254.Fr] = []
        for step in program.steps {
            switch step {
            case let .product(wire, a, b, knownB): values[Int(wire)] = a.evaluate(values) * (knownB ?? b.evaluate(values))
            case let .quotient(_, denominator, offset, _): denominators.append(denominator.evaluate(values) + offset)
            }
        }
        var k = 0
        for (i, step) in program.steps.enumerated() {
            guard case .quotient = step else { continue }
            if denominators[k].isZero { throw .zeroDenominator(label: label(program.labels[i])) }
            k += 1
        }
        denominators.batchInvert()
        k = 0
        for step in program.steps {
            guard case let .quotient(wire, _, _, numerator) = step else { continue }
            values[Int(wire)] = numerator.evaluate(values) * denominators[k]
            k += 1
        }
        if checking {
            for (i, step) in program.steps.enumerated() {
                let (a, b, c): (BN254.Fr, BN254.Fr, BN254.Fr) = switch step {
                case let .product(wire, a, b, knownB): (a.evaluate(values), knownB ?? b.evaluate(values), values[Int(wire)])
                case let .quotient(wire, denominator, offset, numerator):
                    (values[Int(wire)], denominator.evaluate(values) + offset, numerator.evaluate(values))
                }
                if a * b != c {
                    throw .unsatisfied(label: label(program.labels[i]), constraint: program.firstRow + i, a: a, b: b, c: c)
                }
            }
            for (k, sum) in program.sums.enumerated() {
                let value = sum.evaluate(values)
                if !value.isZero {
                    throw .unsatisfied(label: label(program.sumLabels[k]), constraint: program.firstRow + program.steps.count + k,
                                       a: value, b: .one, c: .zero)
                }
            }
        }
        return witness(values)
    }

    /// `values` (internal numbering) in the final numbering.
    func witness(_ values: [BN254.Fr]) -> Witness {
        guard let map else { return try! Witness(values: values) }
        var final = [BN254.Fr](repeating: .zero, count: values.count)
        for (wire, index) in map.enumerated() { final[Int(index)] = values[wire] }
        return try! Witness(values: final)
    }
}
