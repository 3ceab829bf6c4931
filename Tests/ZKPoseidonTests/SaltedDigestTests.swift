import Testing
import ZKCircuits
import ZKConstraints
import ZKField
@testable import ZKPoseidon
import ZKTestSupport

/// Salted digests (`Poseidon.hash(vector:salt:)`, the gadget `poseidon(vector:salt:)`): the gadget
/// equals the native hash and costs the documented constraints, salts are range-checked, two salts
/// give unrelated digests, a salted digest is never an unsalted one, and it resists the candidate
/// search that recovers an input from its unsalted digest.
@Suite struct SaltedDigestTests {
    /// A salted commitment circuit: private cells and salt, the digest made public.
    static func commitment(_ builder: CircuitBuilder, cells: [BN254.Fr], salt: BN254.Fr) -> CircuitBuilder.Signal {
        let x = cells.map { v in builder.privateInput { () throws(CircuitError) in v } }
        let s = builder.privateInput { () throws(CircuitError) in salt }
        return builder.withLabel("input commitment") { builder.makePublic(builder.poseidon(vector: x, salt: s)) }
    }

    /// The sponge over `n` values and a salt: `248 + ⌈(n + 1)/16⌉·612 − 3·(1 + max(0, 15 − n))`.
    static func cost(_ n: Int) -> Int { Poseidon.saltBits + (n + 16) / 16 * 612 - 3 * (1 + max(0, 15 - n)) }

    @Test(arguments: [0, 1, 14, 15, 16, 17, 40, 64])
    func gadgetMatchesNativeAndCostsTheFormula(_ n: Int) throws {
        var rng = SeededGenerator(seed: 0x5A17 + UInt64(n))
        let cells = (0 ..< n).map { _ in BN254.Fr.random(using: &rng) }
        let salt = Poseidon.randomSalt(using: &rng)
        let expected = Poseidon.hash(vector: cells, salt: salt)
        // Setup mode emits the same system (CircuitCheck.build builds both).
        let (builder, check) = try CircuitCheck.build("salted commitment of \(n)") { _ = Self.commitment($0, cells: cells, salt: salt) }
        #expect(builder.constraintCount == Self.cost(n) + 1)  // + the copy into the public wire
        try check.system.check(check.witness)
        #expect(check.witness.publicInputs(count: 1).first == expected)
        let evaluator = NativeEvaluator()
        #expect(evaluator.poseidon(vector: cells, salt: salt) == expected)
    }

    /// The salt is the last absorbed element behind the `2^64 + n` capacity tag: for `n ≤ 15` the
    /// digest is circomlib's `PoseidonEx(16)` of the zero-padded `values ‖ salt` at that initial state.
    @Test func definitionForShortVectors() throws {
        let values = [BN254.Fr(3), BN254.Fr(1), BN254.Fr(4)]
        let salt = BN254.Fr(123_456_789)
        let padded = values + [salt] + [BN254.Fr](repeating: .zero, count: 12)
        let initial = BN254.powersOfTwo[64] + BN254.Fr(3)
        #expect(try Poseidon.hash(padded, initialState: initial) == Poseidon.hash(vector: values, salt: salt))
    }

    /// Salted and unsalted digests never coincide on the obvious candidates: the vector alone, the
    /// vector with the salt appended, and the same vector with salt 0.
    @Test func saltedAndUnsaltedAreSeparated() {
        let values = (0 ..< 20).map { BN254.Fr($0) }
        let salt = BN254.Fr(77)
        let salted = Poseidon.hash(vector: values, salt: salt)
        #expect(salted != Poseidon.hash(vector: values))
        #expect(salted != Poseidon.hash(vector: values + [salt]))
        #expect(Poseidon.hash(vector: values, salt: .zero) != Poseidon.hash(vector: values))
        #expect(Poseidon.hash(vector: values, salt: .zero) != Poseidon.hash(vector: values + [.zero]))
        #expect(Poseidon.hash(integers: [-1, 5], salt: salt) == Poseidon.hash(vector: [-BN254.Fr.one, BN254.Fr(5)], salt: salt))
    }

    /// Same input, two salts: different digests with about half their bits different (the
    /// 254-bit representations differ in 127 ± 8 bits on average; every pair here in 80…174).
    @Test func twoSaltsGiveUnrelatedDigests() {
        var rng = SeededGenerator(seed: 0x7A1)
        let values = (0 ..< 64).map { _ in BN254.Fr(Int.random(in: 0 ..< 4096, using: &rng)) }
        let digests = (0 ..< 16).map { _ in Poseidon.hash(vector: values, salt: Poseidon.randomSalt(using: &rng)) }
        #expect(Set(digests).count == digests.count)
        func bits(_ x: BN254.Fr) -> [UInt64] { x.canonicalLimbs }
        for i in 0 ..< digests.count {
            for j in i + 1 ..< digests.count {
                let distance = zip(bits(digests[i]), bits(digests[j])).map { ($0 ^ $1).nonzeroBitCount }.reduce(0, +)
                #expect((80 ... 174).contains(distance), "digests \(i), \(j) differ in \(distance) bits")
            }
        }
        // Salts that differ in one bit still give unrelated digests.
        let salt = Poseidon.randomSalt(using: &rng)
        let flipped = salt.canonicalLimbs[0] & 1 == 0 ? salt + .one : salt - .one  // bit 0 flipped
        let distance = zip(bits(Poseidon.hash(vector: values, salt: salt)), bits(Poseidon.hash(vector: values, salt: flipped)))
            .map { ($0 ^ $1).nonzeroBitCount }.reduce(0, +)
        #expect((80 ... 174).contains(distance))
    }

    /// The attack the salt defeats: a secret 8-bit yes/no feature vector (256 candidates) is found
    /// from its unsalted digest by hashing every candidate; from its salted digest it is not, neither
    /// by the unsalted search nor by salted searches with guessed salts.
    @Test func bruteForceFindsUnsaltedInputButNotSaltedOne() {
        let candidates: [[Int64]] = (0 ..< 256).map { code in (0 ..< 8).map { Int64((code >> $0) & 1) } }
        var rng = SeededGenerator(seed: 0xB8)
        let secret = candidates[Int.random(in: 0 ..< 256, using: &rng)]
        let unsalted = Poseidon.hash(integers: secret)
        let found = candidates.filter { Poseidon.hash(integers: $0) == unsalted }
        #expect(found == [secret], "the unsalted digest gives the input away")

        let salt = Poseidon.randomSalt(using: &rng)
        let salted = Poseidon.hash(integers: secret, salt: salt)
        var guessedSalts: [BN254.Fr] = [.zero, .one, BN254.Fr(UInt64.max)]
        for _ in 0 ..< 8 { guessedSalts.append(Poseidon.randomSalt(using: &rng)) }
        #expect(!candidates.contains { Poseidon.hash(integers: $0) == salted })
        for guess in guessedSalts {
            #expect(!candidates.contains { Poseidon.hash(integers: $0, salt: guess) == salted })
        }
        // With the salt, the opening is unique: only the secret matches.
        #expect(candidates.filter { Poseidon.hash(integers: $0, salt: salt) == salted } == [secret])
    }

    /// Tampered witnesses fail the checker: the salt wire (by 1, by 2^248, replaced by another
    /// valid salt), the digest, a cell, every salt-range bit.
    @Test func tamperedWitnessesFail() throws {
        var rng = SeededGenerator(seed: 0x7A3)
        let cells = (0 ..< 20).map { _ in BN254.Fr.random(using: &rng) }
        let salt = Poseidon.randomSalt(using: &rng)
        let builder = CircuitBuilder(mode: .proving)
        _ = Self.commitment(builder, cells: cells, salt: salt)
        let system = try builder.makeR1CS()
        let witness = try builder.makeWitness()
        try system.check(witness)
        // Wire 0 is the constant 1, wire 1 the digest, then the 20 cells and the salt.
        let saltWire = 2 + cells.count
        #expect(witness.values[saltWire] == salt)
        let other = Poseidon.randomSalt(using: &rng)
        for value in [salt + .one, salt - .one, salt + BN254.powersOfTwo[248], other] {
            var tampered = witness
            tampered.values[saltWire] = value
            #expect(!system.isSatisfied(by: tampered), "salt wire set to \(value) accepted")
        }
        // The honest digest for another salt, swapped in: still rejected without its sponge wires.
        var swapped = witness
        swapped.values[1] = Poseidon.hash(vector: cells, salt: other)
        #expect(!system.isSatisfied(by: swapped))
        // The digest, a cell, and every wire after the salt (range bits, S-box wires) moved by one.
        CircuitCheck(system, witness).expectRejected(wires: .list([1, 2, saltWire - 1] + Array(saltWire + 1 ..< witness.count)),
                                                     "salted commitment")
    }

    /// A salt of 248 bits or more is refused when the witness is made (the range check's label
    /// names it) and by the evaluator; `randomSalt` always returns a valid one.
    @Test func outOfRangeSaltsAreRefused() throws {
        for salt in [BN254.powersOfTwo[248], BN254.powersOfTwo[248] + BN254.Fr(5), -BN254.Fr.one] {
            #expect(!Poseidon.isValidSalt(salt))
            let builder = CircuitBuilder(mode: .proving)
            _ = Self.commitment(builder, cells: [BN254.Fr(1), BN254.Fr(2)], salt: salt)
            #expect(throws: CircuitError.self) { try builder.makeWitness() }
            #expect(builder.error?.label?.contains("salt range") == true, "\(String(describing: builder.error))")
            let evaluator = NativeEvaluator()
            _ = evaluator.poseidon(vector: [evaluator.constant(BN254.Fr(1))], salt: evaluator.privateInput { () throws(CircuitError) in salt })
            #expect(throws: CircuitError.self) { try evaluator.finish() }
        }
        var rng = SeededGenerator(seed: 9)
        for _ in 0 ..< 1000 { #expect(Poseidon.isValidSalt(Poseidon.randomSalt(using: &rng))) }
        #expect(Poseidon.isValidSalt(BN254.powersOfTwo[248] - .one))
        // The system generator: 248-bit salts, distinct.
        let system = (0 ..< 8).map { _ in Poseidon.randomSalt() }
        #expect(Set(system).count == 8 && system.allSatisfy(Poseidon.isValidSalt))
    }

    @Test func saltParsing() throws {
        #expect(try Poseidon.salt(parsing: "12345") == BN254.Fr(12345))
        #expect(try Poseidon.salt(parsing: "0xff") == BN254.Fr(255))
        let top = (BN254.powersOfTwo[248] - .one).description
        #expect(try Poseidon.salt(parsing: top) == BN254.powersOfTwo[248] - .one)
        for bad in ["", "-1", "abc", "0x", BN254.powersOfTwo[248].description, (-BN254.Fr.one).description, "1.5"] {
            #expect(throws: PoseidonError.invalidSalt(bad)) { try Poseidon.salt(parsing: bad) }
        }
    }
}
