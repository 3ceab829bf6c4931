import Foundation
import Testing
import ZKConstraints
import ZKCurves
import ZKField
import ZKGroth16
import ZKSynthetic
import ZKTestSupport

typealias Fr = BN254.Fr
typealias Fq = BN254.Fq

/// `x³ + x + 5 = out` with public `out`.
func cubic() -> (R1CS, Witness) {
    var system = R1CS(publicCount: 1, privateCount: 3)
    let one = Variable.one, out = Variable(index: 1), x = Variable(index: 2), x2 = Variable(index: 3), x3 = Variable(index: 4)
    system.append(Constraint(a: LinearCombination(x), b: LinearCombination(x), c: LinearCombination(x2)))
    system.append(Constraint(a: LinearCombination(x2), b: LinearCombination(x), c: LinearCombination(x3)))
    system.append(Constraint(a: LinearCombination([.init(x3, .one), .init(x, .one), .init(one, Fr(5))]),
                             b: LinearCombination(one), c: LinearCombination(out)))
    return (system, Witness(publicInputs: [Fr(35)], privateValues: [Fr(3), Fr(9), Fr(27)]))
}

/// One shared setup per circuit (setup is the slow part of these tests).
struct Fixture: Sendable {
    let system: R1CS
    let witness: Witness
    let key: ProvingKey
    let proof: Proof
    var publicInputs: [Fr] { Array(witness.publicInputs(count: system.publicCount)) }

    init(_ pair: (R1CS, Witness), seed: UInt64) throws {
        (system, witness) = pair
        key = try Groth16.setup(system, randomness: .insecureSeeded(seed), threads: 2)
        proof = try Groth16.prove(system, witness: witness, provingKey: key, randomness: .insecureSeeded(seed + 1))
    }

    static let cubicFixture = try! Fixture(cubic(), seed: 10)
    static let synthetic = try! Fixture(SyntheticCircuit.make(constraints: 3000, publicCount: 4, seed: 5), seed: 20)
}

@Suite("Groth16")
struct Groth16Tests {
    @Test("proofs of satisfied circuits verify", arguments: [0, 1])
    func roundTrip(which: Int) throws {
        let f = which == 0 ? Fixture.cubicFixture : Fixture.synthetic
        #expect(try Groth16.verify(f.proof, publicInputs: f.publicInputs, key: f.key.verifyingKey) == .valid)
        // Fresh randomness gives a different, also valid proof.
        let other = try Groth16.prove(f.system, witness: f.witness, provingKey: f.key)
        #expect(other != f.proof)
        #expect(try Groth16.verify(other, publicInputs: f.publicInputs, key: f.key.verifyingKey) == .valid)
    }

    @Test("every perturbed proof element, public input or count is rejected")
    func tampering() throws {
        let f = Fixture.synthetic
        let key = try PreparedVerifyingKey(f.key.verifyingKey)
        let g1 = BN254.G1Affine.generator, g2 = BN254.G2Affine.generator
        var proofs: [(String, Proof)] = []
        var p = f.proof; p.a = (BN254.G1(p.a) + BN254.G1(g1)).affine; proofs.append(("A + G", p))
        p = f.proof; p.b = (BN254.G2(p.b) + BN254.G2(g2)).affine; proofs.append(("B + G2", p))
        p = f.proof; p.c = (BN254.G1(p.c) + BN254.G1(g1)).affine; proofs.append(("C + G", p))
        p = f.proof; p.a = -p.a; proofs.append(("−A", p))
        p = f.proof; (p.a, p.c) = (p.c, p.a); proofs.append(("A ↔ C", p))
        p = f.proof; p.a = .infinity; proofs.append(("A = O", p))
        p = f.proof; p.c = .infinity; proofs.append(("C = O", p))
        // Off-curve coordinates: y + 1.
        p = f.proof; p.a = BN254.G1Affine(x: p.a.x, y: p.a.y + .one); proofs.append(("A off curve", p))
        p = f.proof; p.c = BN254.G1Affine(x: p.c.x, y: p.c.y + .one); proofs.append(("C off curve", p))
        p = f.proof; p.b = BN254.G2Affine(x: p.b.x, y: p.b.y + .one); proofs.append(("B off twist", p))
        for (name, proof) in proofs {
            #expect(!Groth16.verify(proof, publicInputs: f.publicInputs, key: key).isValid, "\(name) was accepted")
        }
        for i in 0 ..< f.publicInputs.count {
            var inputs = f.publicInputs
            inputs[i] += .one
            #expect(!Groth16.verify(f.proof, publicInputs: inputs, key: key).isValid, "public input \(i) + 1 was accepted")
        }
        #expect(!Groth16.verify(f.proof, publicInputs: Array(f.publicInputs.dropLast()), key: key).isValid)
        #expect(!Groth16.verify(f.proof, publicInputs: f.publicInputs + [.zero], key: key).isValid)
        // A proof for one circuit does not verify under another circuit's key.
        let cubicKey = try PreparedVerifyingKey(Fixture.cubicFixture.key.verifyingKey)
        #expect(!Groth16.verify(f.proof, publicInputs: [f.publicInputs[0]], key: cubicKey).isValid)
    }

    @Test("a point of the twist outside the G2 subgroup is rejected as B")
    func g2SubgroupCheck() throws {
        let f = Fixture.cubicFixture
        // Find a twist point not in the subgroup: x = i, solve y² = x³ + b'.
        var xValue = BN254.Fq2(Fq(1), Fq(0))
        var outside: BN254.G2Affine?
        for _ in 0 ..< 50 {
            if let y = (xValue.squared() * xValue + BN254.G2Config.b).squareRoot() {
                let candidate = BN254.G2Affine(x: xValue, y: y)
                if candidate.isOnCurve && !candidate.isInSubgroup { outside = candidate; break }
            }
            xValue += .one
        }
        let point = try #require(outside)
        var p = f.proof
        p.b = point
        #expect(Groth16.verify(p, publicInputs: f.publicInputs, key: try PreparedVerifyingKey(f.key.verifyingKey))
                == .invalid("proof point B is not in the G2 subgroup"))
    }

    @Test("the prover refuses unsatisfied witnesses and keys of other circuits")
    func proverRefusals() throws {
        let f = Fixture.cubicFixture
        var bad = f.witness
        bad.values[1] = Fr(36)
        #expect(throws: Groth16Error.self) { try Groth16.prove(f.system, witness: bad, provingKey: f.key) }
        let s = Fixture.synthetic
        #expect(throws: Groth16Error.self) { try Groth16.prove(s.system, witness: s.witness, provingKey: f.key) }
        // Even without the witness check, an unsatisfied witness yields a proof that fails.
        let forged = try Groth16.prove(f.system, witness: bad, provingKey: f.key, checkWitness: false)
        #expect(!(try Groth16.verify(forged, publicInputs: [Fr(36)], key: f.key.verifyingKey).isValid))
    }

    @Test("a proving key read from its file section by section equals the in-memory read; bad files are rejected")
    func provingKeyFromFile() throws {
        let f = Fixture.synthetic
        let pkBytes = KeyFile.serialize(f.key)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkml-pk-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pk.bin").path
        func write(_ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
        try write(pkBytes)
        #expect(try KeyFile.provingKey(atPath: path) == f.key)
        // A flipped bit anywhere: header, a frame, a payload (the hash), the recorded hash.
        for position in [0, 5, 13, 40, pkBytes.count / 2, pkBytes.count - 1] {
            var bad = pkBytes
            bad[position] ^= 1
            try write(bad)
            #expect(throws: Groth16Error.self) { try KeyFile.provingKey(atPath: path) }
        }
        for length in [0, 3, 12, 20, pkBytes.count - 10] {
            try write(Array(pkBytes.prefix(length)))
            #expect(throws: Groth16Error.self) { try KeyFile.provingKey(atPath: path) }
        }
        do {
            _ = try KeyFile.provingKey(atPath: directory.appendingPathComponent("missing.bin").path)
            Issue.record("read a missing file")
        } catch {
            #expect(error.description.contains("missing.bin") && error.description.contains("cannot read"))
        }
        #expect(throws: Groth16Error.self) { try KeyFile.provingKey(atPath: directory.path) }
    }

    @Test("a prover reading the key one query at a time (ProvingKeyFile) makes the same proof; a bad query fails when read")
    func provingKeyFileProves() throws {
        let f = Fixture.synthetic
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkml-pkf-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pk.bin").path
        // The streamed writer produces exactly the bytes of serialize(_:), also for queries of
        // several 16,384-point pieces (encoded on another thread while the previous is written).
        try KeyFile.write(f.key, toPath: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(KeyFile.serialize(f.key)))
        var large = f.key
        large.hQuery = (0 ..< 40_000).map { large.aQuery[$0 % large.aQuery.count] }
        large.bG2Query = (0 ..< 17_000).map { large.bG2Query[$0 % large.bG2Query.count] }
        large.lQuery[0] = .infinity
        let largePath = directory.appendingPathComponent("large.bin").path
        try KeyFile.write(large, toPath: largePath)
        #expect(try Data(contentsOf: URL(fileURLWithPath: largePath)) == Data(KeyFile.serialize(large)))
        #expect(throws: Groth16Error.self) { try KeyFile.write(f.key, toPath: directory.appendingPathComponent("no/such/dir/pk.bin").path) }
        let file = try KeyFile.openProvingKey(atPath: path)
        #expect(try file.load() == f.key)
        let inMemory = try Groth16.prove(f.system, witness: f.witness, provingKey: f.key, randomness: .insecureSeeded(7))
        let streamed = try Groth16.prove(f.system, witness: f.witness, provingKey: file, randomness: .insecureSeeded(7))
        #expect(streamed == inMemory)
        #expect(try Groth16.verify(streamed, publicInputs: f.publicInputs, key: f.key.verifyingKey).isValid)
        // The two halves by hand, as the model pipeline calls them.
        let h = try Groth16.quotient(f.system, witness: f.witness)
        #expect(try Groth16.prove(witness: f.witness, quotient: h, provingKey: file, randomness: .insecureSeeded(7)) == inMemory)
        #expect(throws: Groth16Error.self) {
            try Groth16.prove(witness: f.witness, quotient: h + [Fr](repeating: .one, count: 1 << 20), provingKey: file)
        }
        // A point off its curve in a query: the file's hash is right, so opening succeeds (sizes
        // check out); reading that query fails, naming the point, and so does proving.
        for g2 in [false, true] {
            var bad = f.key
            if g2 {
                bad.bG2Query[1] = BN254.G2Affine(x: bad.bG2Query[1].x, y: bad.bG2Query[1].y + .one)
            } else {
                bad.lQuery[0] = BN254.G1Affine(x: bad.lQuery[0].x, y: bad.lQuery[0].y + .one)
            }
            try Data(KeyFile.serialize(bad)).write(to: URL(fileURLWithPath: path))
            let badFile = try KeyFile.openProvingKey(atPath: path)
            do {
                _ = try Groth16.prove(f.system, witness: f.witness, provingKey: badFile)
                Issue.record("proved with a point off the curve")
            } catch {
                #expect(error.description.contains(g2 ? "bG2Query[1]" : "lQuery[0]"))
            }
        }
    }

    @Test("keys and proofs survive their file formats; corrupt files are rejected")
    func files() throws {
        let f = Fixture.synthetic
        let pkBytes = KeyFile.serialize(f.key)
        #expect(try KeyFile.provingKey(from: pkBytes) == f.key)
        let vkBytes = KeyFile.serialize(f.key.verifyingKey)
        #expect(try KeyFile.verifyingKey(from: vkBytes) == f.key.verifyingKey)
        #expect(f.key.verifyingKey.circuitHash == f.system.contentHash)
        for position in [0, 5, 20, 200, vkBytes.count - 1] {
            var bad = vkBytes
            bad[position] ^= 1
            #expect(throws: Groth16Error.self) { try KeyFile.verifyingKey(from: bad) }
        }
        #expect(throws: Groth16Error.self) { try KeyFile.provingKey(from: vkBytes) }
        #expect(throws: Groth16Error.self) { try KeyFile.provingKey(from: Array(pkBytes.dropLast(10))) }

        let proofText = SnarkJSON.render(f.proof)
        #expect(try SnarkJSON.proof(from: Data(proofText.utf8)) == f.proof)
        #expect(proofText.contains("\"protocol\": \"groth16\"") && proofText.contains("\"curve\": \"bn128\""))
        let vkText = SnarkJSON.render(f.key.verifyingKey)
        #expect(try SnarkJSON.verifyingKey(from: Data(vkText.utf8)) == f.key.verifyingKey)
        #expect(vkText.contains("\"nPublic\": 4"))
        let publicText = SnarkJSON.render(publicSignals: f.publicInputs)
        #expect(try SnarkJSON.publicSignals(from: Data(publicText.utf8)) == f.publicInputs)
        #expect(try Proof(bytes: f.proof.bytes) == f.proof)
        #expect(f.proof.bytes.count == 256)
    }

    @Test("public signals ≥ r and malformed JSON are rejected with the field named")
    func badJSON() throws {
        let r = Fr.modulus
        #expect(throws: Groth16Error.publicSignalNotInField(index: 1, value: r.description)) {
            try SnarkJSON.publicSignals(from: Data("[\"1\", \"\(r)\"]".utf8))
        }
        #expect(throws: Groth16Error.publicSignalNotInField(index: 0, value: (r + 5).description)) {
            try SnarkJSON.publicSignals(from: Data("[\"\(r + 5)\"]".utf8))
        }
        #expect(throws: Groth16Error.publicSignalNotInField(index: 0, value: "-1")) {
            try SnarkJSON.publicSignals(from: Data("[\"-1\"]".utf8))
        }
        var text = SnarkJSON.render(Fixture.cubicFixture.proof)
        text = text.replacingOccurrences(of: "pi_c", with: "pi_x")
        #expect(throws: Groth16Error.invalidJSON(path: "proof.json", detail: "missing field pi_c")) {
            try SnarkJSON.proof(from: Data(text.utf8))
        }
        // A coordinate ≥ q, and an off-curve point.
        let q = Fq.modulus
        let proof = Fixture.cubicFixture.proof
        let big = SnarkJSON.render(proof).replacingOccurrences(of: proof.a.x.description, with: (proof.a.x.bigInt + q).description)
        #expect(throws: Groth16Error.self) { try SnarkJSON.proof(from: Data(big.utf8)) }
        let off = SnarkJSON.render(proof).replacingOccurrences(of: proof.c.y.description, with: (proof.c.y + .one).description)
        do {
            _ = try SnarkJSON.proof(from: Data(off.utf8))
            Issue.record("off-curve C accepted")
        } catch let error {
            #expect(error.description.contains("pi_c"))
        }
    }

    // Needs the shared fixture rapidsnark/verification_key.json.
    @Test("snarkjs's vk_alphabeta_12 is reproduced for rapidsnark's key",
          .enabled(if: Fixtures.available("rapidsnark/verification_key.json"), "needs fixture rapidsnark/verification_key.json"))
    func alphaBetaCompatibility() throws {
        let data = try #require(Fixtures.data("rapidsnark/verification_key.json"))
        let key = try SnarkJSON.verifyingKey(from: data)
        let rendered = SnarkJSON.render(key)
        let original = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let ours = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as! [String: Any]
        #expect(ours["vk_alphabeta_12"] as? [[[String]]] == original["vk_alphabeta_12"] as? [[[String]]])
        #expect(ours["IC"] as? [[String]] == original["IC"] as? [[String]])
    }

    // Needs the shared fixtures snarkjs/{groth16,groth16-zkey}/{circuit.r1cs,witness.wtns}.
    @Test("circom circuits: setup, prove and verify on snarkjs's r1cs and wtns",
          .enabled(if: Fixtures.available("snarkjs/groth16/circuit.r1cs", "snarkjs/groth16/witness.wtns",
                                          "snarkjs/groth16-zkey/circuit.r1cs", "snarkjs/groth16-zkey/witness.wtns"),
                   "needs fixtures snarkjs/{groth16,groth16-zkey}/{circuit.r1cs,witness.wtns}"),
          arguments: ["snarkjs/groth16", "snarkjs/groth16-zkey"])
    func circom(directory: String) throws {
        let r1cs = try #require(Fixtures.url("\(directory)/circuit.r1cs"))
        let wtns = try #require(Fixtures.url("\(directory)/witness.wtns"))
        let system = try R1CS(circomR1CSContentsOf: r1cs)
        let witness = try Witness(wtnsContentsOf: wtns)
        let key = try Groth16.setup(system, randomness: .insecureSeeded(3))
        let proof = try Groth16.prove(system, witness: witness, provingKey: key)
        let inputs = Array(witness.publicInputs(count: system.publicCount))
        #expect(try Groth16.verify(proof, publicInputs: inputs, key: key.verifyingKey) == .valid)
    }

    @Test("the witness MSM agrees with the plain MSM on witness-like scalars")
    func witnessMSM() {
        var rng = SeededGenerator(seed: 9)
        let n = 700
        let points = (0 ..< n).map { _ in (BN254.G1.generator * Fr.random(using: &rng)).affine }
        let scalars: [Fr] = (0 ..< n).map { i in
            switch i % 7 {
            case 0: .zero
            case 1: .one
            case 2: -.one
            case 3: Fr(Int.random(in: -70000 ... 70000, using: &rng))
            case 4: Fr(Int.random(in: Int(Int32.min) ... Int(Int32.max), using: &rng))
            case 5: Fr(Int.random(in: Int.min / 2 ... Int.max / 2, using: &rng))
            default: Fr.random(using: &rng)
            }
        }
        #expect(WitnessMSM.multiply(points: points, scalars: scalars, threads: 2) == MSM.naive(points: points, scalars: scalars))
    }
}
