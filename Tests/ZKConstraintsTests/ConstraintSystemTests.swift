import Foundation
import Testing
@testable import ZKConstraints
@testable import ZKIO
import ZKField
import ZKSynthetic
import ZKTestSupport

typealias Fr = BN254.Fr

/// `x³ + x + 5 = out` with public `out` and private `x`: the textbook R1CS.
func cubicSystem() -> R1CS {
    // wires: 0 one, 1 out (public), 2 x, 3 x², 4 x³
    var system = R1CS(publicCount: 1, privateCount: 3)
    let one = Variable.one, out = Variable(index: 1), x = Variable(index: 2), x2 = Variable(index: 3), x3 = Variable(index: 4)
    system.append(Constraint(a: LinearCombination(x), b: LinearCombination(x), c: LinearCombination(x2)), label: "square")
    system.append(Constraint(a: LinearCombination(x2), b: LinearCombination(x), c: LinearCombination(x3)), label: "cube")
    system.append(Constraint(a: LinearCombination([.init(x3, .one), .init(x, .one), .init(one, Fr(5))]),
                             b: LinearCombination(one), c: LinearCombination(out)))
    return system
}

func cubicWitness(_ x: Int) -> Witness {
    Witness(publicInputs: [Fr(x * x * x + x + 5)], privateValues: [Fr(x), Fr(x * x), Fr(x * x * x)])
}

@Suite("R1CS IR")
struct ConstraintSystemTests {
    @Test("linear combinations merge duplicates, drop zeros and sort")
    func linearCombinationNormalForm() {
        let a = Variable(index: 3), b = Variable(index: 1)
        let lc = LinearCombination([.init(a, Fr(2)), .init(b, Fr(1)), .init(a, -Fr(2)), .init(b, Fr(4)), .init(.one, .zero)])
        #expect(lc.terms == [.init(b, Fr(5))])
        let sum = LinearCombination(a) + LinearCombination(b) - LinearCombination(a)
        #expect(sum == LinearCombination(b))
        #expect((LinearCombination(a) - LinearCombination(a)).isEmpty)
        #expect(LinearCombination(a).scaled(by: Fr(3)).terms == [.init(a, Fr(3))])
        #expect(LinearCombination(constant: Fr(7)).constantTerm == Fr(7))
        #expect(LinearCombination(constant: Fr(7)).isConstant)
        #expect(!LinearCombination(a).isConstant)
        // Merging agrees with evaluation on random values.
        var rng = SeededGenerator(seed: 7)
        let values = (0..<8).map { _ in Fr.random(using: &rng) }
        for _ in 0..<200 {
            let x = LinearCombination((0..<5).map { _ in .init(Variable(index: UInt32.random(in: 0..<8, using: &rng)), Fr.random(using: &rng)) })
            let y = LinearCombination((0..<5).map { _ in .init(Variable(index: UInt32.random(in: 0..<8, using: &rng)), Fr.random(using: &rng)) })
            #expect((x + y).evaluate(values) == x.evaluate(values) + y.evaluate(values))
            #expect((x - y).evaluate(values) == x.evaluate(values) - y.evaluate(values))
            #expect((-x).evaluate(values) == -x.evaluate(values))
        }
    }

    @Test("the checker accepts a valid witness and names the first broken constraint")
    func checker() throws {
        let system = cubicSystem()
        #expect(system.variableCount == 5 && system.constraintCount == 3)
        try system.check(cubicWitness(3))
        var bad = cubicWitness(3)
        bad.values[3] = Fr(10)   // x² wrong
        #expect(throws: ConstraintError.unsatisfied(index: 0, label: "square", a: Fr(3), b: Fr(3), c: Fr(10))) {
            try system.check(bad)
        }
        var badOut = cubicWitness(3)
        badOut.values[1] = Fr(36)
        do {
            try system.check(badOut)
            Issue.record("a wrong public output was accepted")
        } catch let error {
            guard case let .unsatisfied(index, label, _, _, _) = error else { Issue.record("\(error)"); return }
            #expect(index == 2 && label == nil)
            #expect(error.description.contains("constraint 2 is not satisfied"))
        }
        #expect(throws: ConstraintError.witnessLength(expected: 5, actual: 4)) {
            try system.check(try Witness(values: Array(cubicWitness(3).values.dropLast())))
        }
        #expect(throws: ConstraintError.witnessConstantNotOne) { try Witness(values: [Fr(2)]) }
    }

    @Test("block row evaluation agrees with row-by-row evaluation (short, long and empty rows, any scratch size)")
    func blockRowEvaluation() {
        var rng = SeededGenerator(seed: 11)
        let wires = 300
        var system = R1CS(publicCount: 0, privateCount: wires - 1)
        for j in 0 ..< 200 {
            // Lengths 0 … 40, with a few rows of 600 terms (longer than any scratch below).
            let length = j % 37 == 5 ? 600 : Int.random(in: 0 ... 40, using: &rng)
            let terms = (0 ..< length).map { _ in
                LinearCombination.Term(Variable(index: UInt32.random(in: 0 ..< UInt32(wires), using: &rng)), .random(using: &rng))
            }
            system.append(Constraint(a: LinearCombination(terms), b: LinearCombination(), c: LinearCombination()))
        }
        let values = (0 ..< wires).map { $0 == 0 ? Fr.one : Fr.random(using: &rng) }
        values.withUnsafeBufferPointer { values in
            let expected = (0 ..< system.constraintCount).map { system.a.evaluateRow($0, values) }
            for capacity in [1, 3, 64, 512] {
                let scratch = UnsafeMutableBufferPointer<Fr>.allocate(capacity: capacity)
                let output = UnsafeMutableBufferPointer<Fr>.allocate(capacity: system.constraintCount)
                defer { scratch.deallocate(); output.deallocate() }
                output.initialize(repeating: Fr(77))
                for range in [0 ..< 200, 17 ..< 140, 50 ..< 50, 199 ..< 200] {
                    system.a.evaluateRows(range, values, into: output, scratch: scratch)
                    #expect(Array(output.prefix(range.count)) == Array(expected[range]), "scratch \(capacity), rows \(range)")
                }
            }
        }
    }

    @Test("the checker finds a broken constraint past its first block of rows")
    func checkerBeyondFirstBlock() throws {
        let (system, witness) = SyntheticCircuit.make(constraints: 9000, publicCount: 1, termsPerRow: 16, seed: 3)
        try system.check(witness)
        // Product wires are read by no other row: changing one breaks exactly the row that defines it.
        let row = 7000
        let wire = Int(system.c.row(row).terms[0].variable.index)
        var bad = witness
        bad.values[wire] += .one
        do {
            try system.check(bad)
            Issue.record("a tampered witness was accepted")
        } catch let error {
            guard case let .unsatisfied(index, _, _, _, _) = error else { Issue.record("\(error)"); return }
            #expect(index == row)
        }
    }

    @Test("the binary circuit format round-trips and detects tampering")
    func serialisation() throws {
        var system = cubicSystem()
        // A coefficient of every compact encoding: small, small negative, large.
        var rng = SeededGenerator(seed: 3)
        system.append(Constraint(a: LinearCombination([.init(Variable(index: 2), -Fr(9)), .init(Variable(index: 3), Fr.random(using: &rng))]),
                                 b: LinearCombination(), c: LinearCombination()), label: "node /conv1 rescale")
        let bytes = system.serialized()
        let decoded = try R1CS(serialized: bytes)
        #expect(decoded == system)
        #expect(decoded.contentHash == system.contentHash)
        #expect(decoded.label(at: 3) == "node /conv1 rescale")
        // The reader sizes each matrix's arrays from a counting pass: exactly, not by doubling
        // (which would leave up to twice the entries' room on 1,000-odd entries).
        var big = R1CS(publicCount: 1, privateCount: 40)
        for i in 0 ..< 700 {
            func terms(_ n: Int) -> LinearCombination {
                LinearCombination((0 ..< n).map { .init(Variable(index: UInt32(1 + ($0 * 7 + i) % 40)), $0 % 3 == 0 ? Fr.random(using: &rng) : -Fr(UInt64($0 + 1))) })
            }
            big.append(Constraint(a: terms(1 + i % 4), b: terms(i % 2), c: terms(i % 3)))
        }
        let bigDecoded = try R1CS(serialized: big.serialized())
        #expect(bigDecoded == big)
        for (read, written) in [(bigDecoded.a, big.a), (bigDecoded.b, big.b), (bigDecoded.c, big.c)] {
            #expect(read.entryCount == written.entryCount && read.entryCount > 300)
            #expect(read.columns.capacity < read.columns.count + 8 && read.coefficients.capacity < read.coefficients.count + 8,
                    "\(read.columns.capacity) for \(read.columns.count)")
        }

        // Labels are not part of the identity; constraints are.
        var relabelled = R1CS(publicCount: 1, privateCount: 3)
        for i in 0..<system.constraintCount { relabelled.append(system.constraint(at: i), label: "x\(i)") }
        #expect(relabelled.contentHash == system.contentHash)
        var changed = cubicSystem()
        changed.append(Constraint(a: LinearCombination(.one), b: LinearCombination(.one), c: LinearCombination(.one)))
        #expect(changed.contentHash != system.contentHash)
        // The direct comparison agrees with the hash, and deserialize returns the checked hash.
        #expect(relabelled.hasSameConstraints(as: system) && decoded.hasSameConstraints(as: system))
        #expect(!changed.hasSameConstraints(as: system) && !cubicSystem().hasSameConstraints(as: system))
        #expect(!R1CS(publicCount: 2, privateCount: 2).hasSameConstraints(as: R1CS(publicCount: 1, privateCount: 3)))
        #expect(try R1CS.deserialize(bytes).contentHash == system.contentHash)

        // Every single-byte change in the hashed part is caught (by the hash or a parse error).
        for position in stride(from: 0, to: bytes.count - 40, by: 7) {
            var tampered = bytes
            tampered[position] ^= 0x20
            #expect(throws: ConstraintError.self) {
                let other = try R1CS(serialized: tampered, path: "c.zkr1cs")
                // A flip inside a label string changes only diagnostics; everything else must fail.
                if other.labels != system.labels { throw ConstraintError.hashMismatch(path: "label") }
            }
        }
        #expect(throws: ConstraintError.self) { try R1CS(serialized: Array(bytes.prefix(30))) }

        // Read in place from inside a larger buffer (model.zkml's r1cs section): the same system,
        // and a range one byte short is truncated, never read past (the byte after is valid data).
        let framed = [UInt8](repeating: 0xAB, count: 13) + bytes + bytes
        let inner = 13 ..< 13 + bytes.count
        let (embedded, embeddedHash) = try R1CS.deserialize(framed, range: inner)
        #expect(embedded == system && embeddedHash == system.contentHash)
        #expect(throws: ConstraintError.self) { try R1CS.deserialize(framed, range: inner.lowerBound ..< inner.upperBound - 1) }
        var sectionReader = BinaryReader(bytes: framed, path: "f", range: 13 ..< 17)
        #expect(sectionReader.remaining == 4)
        let magic = Array(try sectionReader.readBytes(4, "magic"))
        #expect(magic == Array("ZKR1".utf8) && sectionReader.isAtEnd)
        #expect(throws: FileError.self) { try sectionReader.readUInt8("past the range") }

        #expect(throws: ConstraintError.malformedFile(path: "x", detail: "not a zkml circuit file (magic is not ZKR1)")) {
            try R1CS(serialized: Array("NOPE".utf8) + bytes.dropFirst(4), path: "x")
        }
    }

    @Test("witness files round-trip through the iden3 .wtns format")
    func wtnsRoundTrip() throws {
        let witness = cubicWitness(5)
        #expect(try Witness(wtns: witness.wtnsBytes()) == witness)
        var bytes = witness.wtnsBytes()
        bytes[0] = UInt8(ascii: "x")
        #expect(throws: ConstraintError.self) { try Witness(wtns: bytes) }
        #expect(throws: ConstraintError.self) { try Witness(wtns: Array(witness.wtnsBytes().dropLast(3))) }
    }

    @Test("SHA-256 matches the FIPS 180-4 examples")
    func sha256() {
        #expect(SHA256.hash(Array("abc".utf8)).hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash([]).hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).hexString
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(million).hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Streaming in odd pieces gives the same digest.
        var hasher = SHA256()
        million.withUnsafeBytes { all in
            var offset = 0
            for size in [1, 63, 64, 65, 1000, 7] {
                hasher.update(bytes: UnsafeRawBufferPointer(rebasing: all[offset ..< offset + size])); offset += size
            }
            hasher.update(bytes: UnsafeRawBufferPointer(rebasing: all[offset...]))
        }
        #expect(hasher.finalize().hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // A sequence without contiguous storage takes the byte-by-byte path: same digest.
        #expect(SHA256.hash(million.lazy.map { $0 }).hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var pieces = SHA256()
        pieces.update(million[0 ..< 100])
        pieces.update(million[100...].lazy.map { $0 })
        #expect(pieces.finalize() == SHA256.hash(million))
    }

    @Test("SHA-256: the SHA-extension kernel and the portable rounds agree (FIPS examples, random lengths and splits)")
    func sha256Kernels() {
        func digest(_ bytes: [UInt8], portable: Bool, splits: [Int] = []) -> [UInt8] {
            var hasher = SHA256(portable: portable)
            var offset = 0
            bytes.withUnsafeBytes { all in
                for size in splits where offset + size <= bytes.count {
                    hasher.update(bytes: UnsafeRawBufferPointer(rebasing: all[offset ..< offset + size])); offset += size
                }
                hasher.update(bytes: UnsafeRawBufferPointer(rebasing: all[offset...]))
            }
            return hasher.finalize()
        }
        let abc = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        for portable in [true, false] {
            #expect(digest(abc, portable: portable).hexString == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
            #expect(digest([], portable: portable).hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        }
        var generator = SeededGenerator(seed: 0x5a5)
        for length in [1, 55, 56, 63, 64, 65, 127, 128, 129, 1000, 4096 + 17] + (0 ..< 40).map({ _ in Int.random(in: 0 ..< 5000, using: &generator) }) {
            let bytes = (0 ..< length).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
            let splits = (0 ..< 4).map { _ in Int.random(in: 0 ..< 200, using: &generator) }
            let reference = digest(bytes, portable: true)
            #expect(digest(bytes, portable: false) == reference, "length \(length)")
            #expect(digest(bytes, portable: false, splits: splits) == reference, "length \(length), splits \(splits)")
        }
        // On a CPU with the extensions the default hasher uses them (the CI machines have them).
        if SHA256.usesHardwareKernel { #expect(digest(abc, portable: false) == SHA256.hash(abc)) }
    }
}

@Suite("circom interop")
struct CircomTests {
    static let circomDirectories = ["snarkjs/groth16", "snarkjs/groth16-zkey", "snarkjs/circuit2"]

    // Needs the shared snarkjs fixtures: circuit.r1cs and witness.wtns in each directory.
    @Test("circom .r1cs and .wtns fixtures are read and satisfied",
          .enabled(if: circomDirectories.allSatisfy { Fixtures.available("\($0)/circuit.r1cs", "\($0)/witness.wtns") },
                   "needs fixtures snarkjs/{groth16,groth16-zkey,circuit2}/{circuit.r1cs,witness.wtns}"),
          arguments: circomDirectories)
    func circomFixtures(directory: String) throws {
        let system = try R1CS(circomR1CSContentsOf: try #require(Fixtures.url("\(directory)/circuit.r1cs")))
        let witness = try Witness(wtnsContentsOf: try #require(Fixtures.url("\(directory)/witness.wtns")))
        #expect(system.constraintCount > 0)
        // Tampering with any single private value (a sample of twenty) breaks a constraint.
        let sample = Array(stride(from: 1 + system.publicCount, to: witness.count, by: max(1, witness.count / 20)))
        try CircuitCheck.expectSound(system, witness, wires: .list(sample), directory)
    }

    // Needs the shared fixtures snarkjs/groth16-zkey/{circuit.r1cs,witness.wtns,public.json}.
    @Test("the groth16-zkey fixture: 100 squarings, public output matches public.json",
          .enabled(if: Fixtures.available("snarkjs/groth16-zkey/circuit.r1cs", "snarkjs/groth16-zkey/witness.wtns", "snarkjs/groth16-zkey/public.json"),
                   "needs fixtures snarkjs/groth16-zkey/{circuit.r1cs,witness.wtns,public.json}"))
    func multiplierShape() throws {
        let r1csURL = try #require(Fixtures.url("snarkjs/groth16-zkey/circuit.r1cs"))
        let wtnsURL = try #require(Fixtures.url("snarkjs/groth16-zkey/witness.wtns"))
        let publicData = try #require(Fixtures.data("snarkjs/groth16-zkey/public.json"))
        let system = try R1CS(circomR1CSContentsOf: r1csURL)
        let witness = try Witness(wtnsContentsOf: wtnsURL)
        let publicSignals = try JSONDecoder().decode([String].self, from: publicData)
        #expect(system.publicCount == publicSignals.count)
        #expect(witness.publicInputs(count: system.publicCount).map(\.description) == publicSignals)
        #expect(system.constraintCount == 100)
    }

    // Needs the shared fixture snarkjs/groth16/circuit.r1cs.
    @Test("truncated and foreign-field circom files give clear errors",
          .enabled(if: Fixtures.available("snarkjs/groth16/circuit.r1cs"), "needs fixture snarkjs/groth16/circuit.r1cs"))
    func badCircomFiles() throws {
        let r1csURL = try #require(Fixtures.url("snarkjs/groth16/circuit.r1cs"))
        let bytes = [UInt8](try Data(contentsOf: r1csURL))
        #expect(throws: ConstraintError.self) { try R1CS(circomR1CS: Array(bytes.dropLast(5)), path: "t.r1cs") }
        var wrongMagic = bytes
        wrongMagic[0] = 0
        #expect(throws: ConstraintError.malformedFile(path: "t.r1cs", detail: "not a r1cs file (bad magic)")) {
            try R1CS(circomR1CS: wrongMagic, path: "t.r1cs")
        }
    }
}
