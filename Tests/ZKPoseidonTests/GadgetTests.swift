import Testing
import ZKCircuits
import ZKConstraints
import ZKField
import ZKTestSupport
@testable import ZKPoseidon

/// The Poseidon gadgets on the builder and the evaluator agree with the native hash, cost the
/// documented number of constraints, and reject tampered preimages, digests and intermediate wires.
@Suite struct GadgetTests {
    static func randomElements(_ count: Int, seed: UInt64) -> [BN254.Fr] {
        var rng = SeededGenerator(seed: seed)
        return (0 ..< count).map { _ in BN254.Fr.random(using: &rng) }
    }

    /// A permutation of width `t` on private wires, the whole output state made public.
    static func permutationCircuit(_ builder: CircuitBuilder, _ values: [BN254.Fr], t: Int) throws -> (gadgetConstraints: Int, outputs: [CircuitBuilder.Signal]) {
        let parameters = try PoseidonParameters.circom(width: t)
        let inputs = values.map { v in builder.privateInput { () throws(CircuitError) in v } }
        let state = builder.poseidonPermutation(inputs, parameters: parameters)
        let count = builder.constraintCount
        return (count, state.map { builder.makePublic($0) })
    }

    @Test(arguments: [2, 3, 5, 9, 17])
    func permutationMatchesNative(_ t: Int) throws {
        let parameters = try PoseidonParameters.circom(width: t)
        for seed in UInt64(1) ... 3 {
            let values = Self.randomElements(t, seed: seed * 100 + UInt64(t))
            var expected = values
            Poseidon.permute(&expected, parameters: parameters)

            var count = 0
            let (_, check) = try CircuitCheck.build("permutation t = \(t)") { count = try Self.permutationCircuit($0, values, t: t).gadgetConstraints }
            #expect(count == parameters.constraintCount)
            try check.system.check(check.witness)
            #expect(Array(check.witness.publicInputs(count: check.system.publicCount)) == expected)

            let evaluator = NativeEvaluator()
            #expect(evaluator.poseidonPermutation(values, parameters: parameters) == expected)
            _ = try evaluator.finish()
        }
    }

    /// The documented table: `3 · (8t + R_P)`.
    @Test func constraintTable() throws {
        let expected = [2: 216, 3: 243, 4: 264, 5: 300, 9: 405, 17: 612]
        for (t, count) in expected {
            #expect(try PoseidonParameters.circom(width: t).constraintCount == count)
        }
    }

    /// `Poseidon(n)` as a gadget: equal to the native hash and circomlib's answers; the constant
    /// capacity makes the first S-box free (3 constraints fewer than a permutation on wires).
    @Test(arguments: 1 ... 16)
    func hashGadgetMatchesNative(_ n: Int) throws {
        let values = Self.randomElements(n, seed: 7 + UInt64(n))
        let expected = try Poseidon.hash(values)
        var count = 0
        let (_, check) = try CircuitCheck.build("poseidon(\(n))") { builder in
            let inputs = values.map { v in builder.privateInput { () throws(CircuitError) in v } }
            let digest = try builder.poseidon(inputs)
            count = builder.constraintCount
            _ = builder.makePublic(digest)
        }
        #expect(count == (try PoseidonParameters.circom(width: n + 1)).constraintCount - 3)
        // Every wire (the digest, the inputs, the S-box wires) is bound.
        try CircuitCheck.expectSound(check.system, check.witness, "poseidon(\(n))")
        #expect(check.witness.publicInputs(count: 1).first == expected)

        let evaluator = NativeEvaluator()
        #expect(try evaluator.poseidon(values) == expected)
    }

    @Test func hashGadgetKnownAnswer() throws {
        let evaluator = NativeEvaluator()
        let digest = try evaluator.poseidon([BN254.Fr(1), BN254.Fr(2)])
        #expect(digest == (try Poseidon.digest(parsing: "0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a")))
        // A wire initial state (PoseidonEx's initialState): circomlibjs' poseidon([1..4], 7).
        let builder = CircuitBuilder(mode: .proving)
        let state = builder.privateInput { () throws(CircuitError) in BN254.Fr(7) }
        let inputs = (1 ... 4).map { i in builder.privateInput { () throws(CircuitError) in BN254.Fr(i) } }
        let out = builder.makePublic(try builder.poseidon(inputs, initialState: state))
        #expect(builder.constraintCount == 300 + 1)
        #expect(builder.value(of: out) == KnownAnswerTests.fr("1569211601569591254857354699102545060324851338714426496554851741114291465006"))
        try builder.makeR1CS().check(try builder.makeWitness())
    }

    /// The sponge: the documented constraint formula, gadget = native, and for `n ≤ 16` the
    /// identity with `Poseidon(16)` at initial state `n`.
    @Test(arguments: [0, 1, 2, 15, 16, 17, 31, 32, 33, 50])
    func vectorSponge(_ n: Int) throws {
        let values = Self.randomElements(n, seed: 1000 + UInt64(n))
        let expected = Poseidon.hash(vector: values)
        if n <= 16 {
            let padded = values + [BN254.Fr](repeating: .zero, count: 16 - n)
            #expect(try Poseidon.hash(padded, initialState: BN254.Fr(n)) == expected)
        }
        var count = 0
        let (_, check) = try CircuitCheck.build("poseidon(vector: \(n))") { builder in
            let inputs = values.map { v in builder.privateInput { () throws(CircuitError) in v } }
            let digest = builder.poseidon(vector: inputs)
            count = builder.constraintCount
            _ = builder.makePublic(digest)
        }
        let formula = n == 0 ? 0 : (n + 15) / 16 * 612 - 3 * (1 + Swift.max(0, 16 - n))
        #expect(count == formula)
        try check.system.check(check.witness)
        #expect(check.witness.publicInputs(count: 1).first == expected)
        #expect(NativeEvaluator().poseidon(vector: values) == expected)
    }

    /// Lengths are separated (zero padding is not ambiguous), and so is the order.
    @Test func vectorDomainSeparation() {
        let zero = BN254.Fr.zero
        let digests = [[], [zero], [zero, zero], [BN254.Fr](repeating: zero, count: 16),
                       [BN254.Fr](repeating: zero, count: 17)].map { Poseidon.hash(vector: $0) }
        #expect(Set(digests).count == digests.count)
        #expect(Poseidon.hash(vector: [BN254.Fr(1), BN254.Fr(2)]) != Poseidon.hash(vector: [BN254.Fr(2), BN254.Fr(1)]))
        #expect(Poseidon.hash(integers: [-1, 5]) == Poseidon.hash(vector: [-BN254.Fr.one, BN254.Fr(5)]))
    }

    /// A public digest bound to private cells: `assertEqual(poseidon(vector: x), d)`.
    static func commitmentCircuit(_ builder: CircuitBuilder, cells: [BN254.Fr], digest: BN254.Fr) {
        let d = builder.publicInput { () throws(CircuitError) in digest }
        let x = cells.map { v in builder.privateInput { () throws(CircuitError) in v } }
        builder.withLabel("input commitment") { builder.assertEqual(builder.poseidon(vector: x), d) }
    }

    /// Tampered preimage, digest and every intermediate wire: the checker rejects each.
    @Test func tamperedWitnessesFail() throws {
        let cells = Self.randomElements(20, seed: 42)
        let digest = Poseidon.hash(vector: cells)
        let builder = CircuitBuilder(mode: .proving)
        Self.commitmentCircuit(builder, cells: cells, digest: digest)
        let system = try builder.makeR1CS()
        let witness = try builder.makeWitness()
        #expect(system.publicCount == 1)

        // Wrong preimage or wrong digest: witness generation records the failed equality, and the
        // assignment does not satisfy the system.
        var otherCells = cells
        otherCells[19] = otherCells[19] + .one
        for (c, d) in [(otherCells, digest), (cells, digest + .one)] {
            let cheat = CircuitBuilder(mode: .proving)
            Self.commitmentCircuit(cheat, cells: c, digest: d)
            #expect(throws: CircuitError.self) { try cheat.makeWitness() }
            #expect(cheat.error?.label?.hasPrefix("input commitment") == true)
        }

        // Every single wire (public digest, private cells, S-box wires) moved by +1 or a large delta.
        try CircuitCheck.expectSound(system, witness, deltas: [.add(.one), .add(BN254.Fr(2).power(200))], "poseidon commitment")
    }

    /// The permutation alone: every wire of a width-3 permutation tampered, outputs public.
    @Test func tamperedPermutationWiresFail() throws {
        let builder = CircuitBuilder(mode: .proving)
        let (count, _) = try Self.permutationCircuit(builder, Self.randomElements(3, seed: 5), t: 3)
        #expect(count == (try PoseidonParameters.circom(width: 3)).constraintCount)
        try CircuitCheck.expectSound(builder.makeR1CS(), builder.makeWitness(), "poseidon permutation t = 3")
    }
}
