import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKPoseidon
import ZKQuant
import ZKTestSupport

/// Salted hashed visibility: each salted tensor's public signal is `Poseidon.hash(integers:salt:)`,
/// its salt a private, range-checked wire; the cost is one absorbed element and a 248-bit range
/// check per tensor; tampered salts and digests fail the checker.
@Suite struct SaltedVisibilityTests {
    static func salts(for circuit: ModelCircuit, seed: UInt64) -> DigestSalts {
        var generator = SeededGenerator(seed: seed)
        var salts = DigestSalts().completed(for: circuit.layout, roles: [.input, .output, .parameters], using: &generator)
        salts.entries.sort { $0.name < $1.name }  // order does not matter
        return salts
    }

    /// Extra constraints of a salted digest over `n` cells: the 248-bit range check and the
    /// sponge over `n + 1` cells instead of `n`.
    static func saltCost(_ n: Int) -> Int {
        func sponge(_ m: Int) -> Int { (m + 15) / 16 * 612 - 3 * (1 + max(0, 16 - m)) }
        return Poseidon.saltBits + sponge(n + 1) - sponge(n)
    }

    @Test func layoutRecordsSaltedEntriesOnlyForHashedRoles() throws {
        let (model, _) = try Zoo.model("mlp_digits")
        let salted = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed, salting: .all)
        #expect(salted.salting == [.inputs, .outputs])
        #expect(salted.layout.entries.map(\.salted) == [true, true])
        let mixed = ModelCircuit(model: model, inputVisibility: .hashed, salting: .all)
        #expect(mixed.salting == .inputs && mixed.layout.entries.map(\.salted) == [true, false])
        let plain = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed)
        #expect(plain.salting.isEmpty && !plain.layout.hasSalts)
        let outputsOnly = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed, salting: .outputs)
        #expect(outputsOnly.layout.entries.map(\.salted) == [false, true])
        #expect(DigestSalting(argument: "inputs,parameters") == [.inputs, .parameters])
        #expect(DigestSalting(argument: "none") == [] && DigestSalting(argument: "all") == .all)
        #expect(DigestSalting(argument: "input") == nil && DigestSalting(argument: "inputs,") == nil)
        #expect(DigestSalting([.inputs, .outputs]).description == "inputs,outputs")
    }

    /// The public signals are the salted native digests, the witness satisfies the system, setup
    /// mode builds the same R1CS, and the cost over the unsalted circuit is exactly the salts'.
    @Test(arguments: ["mlp_digits", "cnn_digits"])
    func publicSignalsAreTheSaltedDigests(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let circuit = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed, salting: .all)
        let salts = Self.salts(for: circuit, seed: 0x5A)
        #expect(salts.entries.count == model.inputs.count + model.outputs.count)
        let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs, salts: salts)
        #expect(system.isSatisfied(by: witness))
        let trace = try QuantizedInference(model: model).run(input: inputs)
        #expect(outputs == trace.outputs)
        let expected = zip(model.inputs, inputs).map { Poseidon.hash(integers: $1.scalars, salt: salts.salt(role: .input, name: $0.name)!) }
            + zip(model.outputs, trace.outputs).map { Poseidon.hash(integers: $1.scalars, salt: salts.salt(role: .output, name: $0.name)!) }
        #expect(Array(witness.publicInputs(count: system.publicCount)) == expected)
        let native = try circuit.evaluate(inputs: inputs, salts: salts)
        #expect(native.publicSignals == expected)
        #expect(try circuit.makeR1CS().contentHash == system.contentHash)

        let unsalted = try ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed).makeR1CS()
        let extra = model.inputs.map { Self.saltCost($0.count) }.reduce(0, +) + model.outputs.map { Self.saltCost($0.count) }.reduce(0, +)
        #expect(system.constraintCount == unsalted.constraintCount + extra)
        #expect(system.publicCount == unsalted.publicCount)
        let labels = (0 ..< system.constraintCount).compactMap { system.label(at: $0) }
        #expect(labels.filter { $0.contains("salt range") }.count == Poseidon.saltBits * (model.inputs.count + model.outputs.count))
    }

    /// Another salt gives another digest and the same circuit; a missing or oversized salt is an
    /// error naming the tensor.
    @Test func saltsChangeTheDigestNotTheCircuit() throws {
        let (model, inputs) = try Zoo.model("mlp_digits")
        let circuit = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed, salting: .all)
        let a = try circuit.evaluate(inputs: inputs, salts: Self.salts(for: circuit, seed: 1))
        let b = try circuit.evaluate(inputs: inputs, salts: Self.salts(for: circuit, seed: 2))
        #expect(a.publicSignals[0] != b.publicSignals[0] && a.publicSignals[1] != b.publicSignals[1])
        #expect(a.outputs == b.outputs)
        #expect(throws: CompilerError.salt(role: .input, tensor: "input", reason: "missing (the digest is salted)")) {
            _ = try circuit.makeWitness(inputs: inputs)
        }
        var oversized = Self.salts(for: circuit, seed: 3)
        oversized.entries[oversized.entries.firstIndex { $0.role == .output }!].salt = BN254.powersOfTwo[248]
        let refused = CompilerError.salt(role: .output, tensor: "logits", reason: "\(BN254.powersOfTwo[248]) is not below 2^248")
        #expect(throws: refused) { _ = try circuit.evaluate(inputs: inputs, salts: oversized) }
        #expect(throws: refused) { _ = try circuit.makeWitness(inputs: inputs, salts: oversized) }
        #expect(refused.description.hasPrefix("salt of output 'logits': "))
    }

    /// The salt wire and the digest are bound: the salt moved by ±1, by 2^248, or replaced by
    /// another valid salt, the digest moved, or the honest digest of another salt swapped in —
    /// each fails the checker. So does a seeded sample of every other wire of the digest gadgets.
    @Test func tamperedSaltsAndDigestsFail() throws {
        let (model, inputs) = try Zoo.model("mlp_digits")
        let circuit = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed, salting: .all)
        let salts = Self.salts(for: circuit, seed: 0x7A)
        let (system, witness, _) = try circuit.makeWitness(inputs: inputs, salts: salts)
        var generator = SeededGenerator(seed: 0x7B)
        for entry in salts.entries {
            let wire = try #require(witness.values.indices.first { $0 > system.publicCount && witness.values[$0] == entry.salt },
                                    "the salt of \(entry.name) is a private wire")
            for value in [entry.salt + .one, entry.salt - .one, entry.salt + BN254.powersOfTwo[248], Poseidon.randomSalt(using: &generator)] {
                var tampered = witness
                tampered.values[wire] = value
                #expect(!system.isSatisfied(by: tampered), "\(entry.name): salt wire set to \(value) accepted")
            }
        }
        let check = CircuitCheck(system, witness)
        check.expectRejected(wires: .list(Array(1 ... system.publicCount)), "digests")
        // The honest witness for other salts, with the first salts' digests: rejected.
        let (_, other, _) = try circuit.makeWitness(inputs: inputs, salts: Self.salts(for: circuit, seed: 0x7C))
        var swapped = other
        for position in 1 ... system.publicCount { swapped.values[position] = witness.values[position] }
        #expect(!system.isSatisfied(by: swapped))
        // Every wire labelled by a digest gadget (salt range bits, sponge S-boxes): a seeded sample.
        let digestRows = (0 ..< system.constraintCount).filter { system.label(at: $0)?.contains("poseidon digest") == true }
        #expect(!digestRows.isEmpty)
        check.expectRejected(wires: .sample(count: 200, seed: 0x7B), deltas: [.random], seed: 0x7B, "private wires")
    }

    /// A salted parameter commitment: the public signal is `commitment(salt:)`, not the unsalted
    /// one, and the weights stay bound.
    @Test func saltedParameterCommitment() throws {
        let (model, inputs) = try Zoo.model("mlp_digits")
        let circuit = ModelCircuit(model: model, parameterVisibility: .hashed, salting: .all)
        #expect(circuit.salting == .parameters && circuit.layout.parameters?.salted == true)
        let salts = Self.salts(for: circuit, seed: 0x9A)
        let salt = try #require(salts.salt(role: .parameters, name: "parameters"))
        let (system, witness, _) = try circuit.makeWitness(inputs: inputs, salts: salts)
        #expect(system.isSatisfied(by: witness))
        let offset = try #require(circuit.layout.parameters).offset
        let parameters = ModelParameters(model: model)
        #expect(witness.values[1 + offset] == parameters.commitment(salt: salt))
        #expect(parameters.commitment(salt: salt) != parameters.commitment())
        #expect(parameters.packedCount == 167)  // docs/poseidon.md, salt cost table
        let unsalted = try ModelCircuit(model: model, parameterVisibility: .hashed).makeR1CS()
        #expect(system.constraintCount == unsalted.constraintCount + Self.saltCost(parameters.packedCount))
    }
}
