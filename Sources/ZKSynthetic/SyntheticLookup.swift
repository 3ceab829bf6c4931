public import ZKConstraints
public import ZKField

/// A small hand-written logUp lookup circuit with a commitment round, for the EVM verifier's
/// fixtures (`zkml dev lookup-proof`) and tests, until the compiler emits lookups itself.
///
/// Public `xᵢ = f₂ᵢ + f₂ᵢ₊₁` for `i < publicCount`; each query `fⱼ` is looked up in the table
/// `0 … 7`. With one challenge `c` (HandLookup of Tests/ZKGroth16Tests, generalised): round one
/// commits the queries and the multiplicities `mₜ`; round two holds `hⱼ = 1/(c − fⱼ)`,
/// `qₜ = mₜ/(c − t)` and `Σ h = Σ q`. With two challenges `(c, d)` the lookup has two columns:
/// each query is a pair `(fⱼ, gⱼ)` looked up in `{(t, t²)}`, compressed as `eⱼ = fⱼ + d·gⱼ`
/// (round two, one constraint `d·gⱼ = eⱼ − fⱼ`), and the table rows as `t + d·t²`.
///
/// Wires: `0` one | `1 … n` x | challenges | round one: f (2n), g (2n, two challenges only),
/// m (8) | round two: e (2n, two challenges only), h (2n), q (8).
public enum SyntheticLookup {
    /// The table `0 ..< tableSize`.
    public static let tableSize = 8

    /// The circuit, its two-round witness and its public inputs.
    /// - Parameters:
    ///   - publicCount: number of public inputs (≥ 1).
    ///   - challengeCount: 1 (one-column lookup) or 2 (two columns, compressed by the second).
    ///   - seed: chooses the queries (same seed, same witness).
    public static func make(publicCount: Int, challengeCount: Int = 1, seed: UInt64 = 1)
        -> (system: R1CS, witness: TwoRoundWitness, publicInputs: [BN254.Fr]) {
        precondition(publicCount >= 1 && (1 ... 2).contains(challengeCount), "1 or more public inputs, 1 or 2 challenges")
        let n = publicCount, queries = 2 * publicCount, twoColumns = challengeCount == 2
        let layout = Layout(publicCount: n, twoColumns: twoColumns)
        var system = R1CS(publicCount: n, privateCount: layout.privateCount, challengeCount: challengeCount,
                          committedCount: layout.committedCount)
        let one = Variable.one, c = layout.wire(1 + n)
        let d: Variable? = twoColumns ? layout.wire(2 + n) : nil
        for i in 0 ..< n {
            system.append(Constraint(a: LinearCombination([.init(layout.wire(1 + i), -BN254.Fr.one), .init(layout.f(2 * i), .one),
                                                           .init(layout.f(2 * i + 1), .one)]),
                                     b: LinearCombination(one), c: LinearCombination()))
        }
        for j in 0 ..< queries {
            // The compressed query: fⱼ, or eⱼ = fⱼ + d·gⱼ.
            let query: Variable
            if let d {
                query = layout.e(j)
                system.append(Constraint(a: LinearCombination(d), b: LinearCombination(layout.g(j)),
                                         c: LinearCombination([.init(query, .one), .init(layout.f(j), -BN254.Fr.one)])))
            } else {
                query = layout.f(j)
            }
            system.append(Constraint(a: LinearCombination(layout.h(j)), b: LinearCombination([.init(c, .one), .init(query, -BN254.Fr.one)]),
                                     c: LinearCombination(one)))
        }
        for t in 0 ..< tableSize {
            var row: [LinearCombination.Term] = [.init(one, -BN254.Fr(t)), .init(c, .one)]
            if let d { row.append(.init(d, -BN254.Fr(t * t))) }
            system.append(Constraint(a: LinearCombination(layout.q(t)), b: LinearCombination(row), c: LinearCombination(layout.m(t))))
        }
        var sum: [LinearCombination.Term] = (0 ..< queries).map { .init(layout.h($0), .one) }
        for t in 0 ..< tableSize { sum.append(.init(layout.q(t), -BN254.Fr.one)) }
        system.append(Constraint(a: LinearCombination(sum), b: LinearCombination(one), c: LinearCombination()))

        var rng = SeededGenerator(seed: seed)
        let f = (0 ..< queries).map { _ in Int.random(in: 0 ..< tableSize, using: &rng) }
        var values = [BN254.Fr](repeating: .zero, count: system.variableCount)
        values[0] = .one
        for i in 0 ..< n { values[1 + i] = BN254.Fr(f[2 * i] + f[2 * i + 1]) }
        for j in 0 ..< queries {
            values[Int(layout.f(j).index)] = BN254.Fr(f[j])
            if twoColumns { values[Int(layout.g(j).index)] = BN254.Fr(f[j] * f[j]) }
        }
        for t in 0 ..< tableSize { values[Int(layout.m(t).index)] = BN254.Fr(f.filter { $0 == t }.count) }
        let roundOne = values
        let witness = TwoRoundWitness(roundOne: try! Witness(values: roundOne)) { challenges in
            try complete(roundOne, challenges: challenges, layout: layout)
        }
        return (system, witness, Array(values[1 ... n]))
    }

    /// `roundOne` completed for `challenges` (any values: a test proving for a challenge that is
    /// not the hash uses this too).
    static func complete(_ roundOne: [BN254.Fr], challenges: [BN254.Fr], layout: Layout) throws -> Witness {
        var full = roundOne
        let c = challenges[0], d = layout.twoColumns ? challenges[1] : BN254.Fr.zero
        full[1 + layout.publicCount] = c
        if layout.twoColumns { full[2 + layout.publicCount] = d }
        for j in 0 ..< 2 * layout.publicCount {
            var query = full[Int(layout.f(j).index)]
            if layout.twoColumns {
                query += d * full[Int(layout.g(j).index)]
                full[Int(layout.e(j).index)] = query
            }
            guard !(c - query).isZero else { throw LookupError.challengeHitsQuery(j) }
            full[Int(layout.h(j).index)] = (c - query).inverse()
        }
        for t in 0 ..< tableSize {
            let row = c - BN254.Fr(t) - d * BN254.Fr(t * t)
            guard !row.isZero else { throw LookupError.challengeHitsTable(t) }
            full[Int(layout.q(t).index)] = full[Int(layout.m(t).index)] * row.inverse()
        }
        return try Witness(values: full)
    }

    /// A challenge equal to a compressed query or table row (probability about 2⁻²⁵⁰).
    public enum LookupError: Error, Sendable {
        case challengeHitsQuery(Int)
        case challengeHitsTable(Int)
    }

    /// Wire numbers.
    struct Layout {
        let publicCount: Int
        let twoColumns: Bool
        var challengeCount: Int { twoColumns ? 2 : 1 }
        var queries: Int { 2 * publicCount }
        var committedCount: Int { queries * (twoColumns ? 2 : 1) + SyntheticLookup.tableSize }
        var privateCount: Int { 2 * committedCount }
        var roundOneStart: Int { 1 + publicCount + challengeCount }
        var roundTwoStart: Int { roundOneStart + committedCount }

        func wire(_ index: Int) -> Variable { Variable(index: UInt32(index)) }
        func f(_ j: Int) -> Variable { wire(roundOneStart + j) }
        func g(_ j: Int) -> Variable { wire(roundOneStart + queries + j) }
        func m(_ t: Int) -> Variable { wire(roundOneStart + queries * (twoColumns ? 2 : 1) + t) }
        func e(_ j: Int) -> Variable { wire(roundTwoStart + j) }
        func h(_ j: Int) -> Variable { wire(roundTwoStart + queries * (twoColumns ? 1 : 0) + j) }
        func q(_ t: Int) -> Variable { wire(roundTwoStart + queries * (twoColumns ? 2 : 1) + t) }
    }
}
