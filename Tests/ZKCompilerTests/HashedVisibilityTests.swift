import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKPoseidon
import ZKQuant
import ZKTestSupport

/// Hashed inputs and outputs: one public signal per tensor, the Poseidon digest of its integers.
@Suite struct HashedVisibilityTests {
    /// The width-17 sponge gadget's cost for `n ≥ 1` cells (docs/poseidon.md), plus the copy of
    /// the digest into its public wire.
    static func digestCost(_ n: Int) -> Int { (n + 15) / 16 * 612 - 3 * (1 + max(0, 16 - n)) + 1 }

    @Test func layoutHasOneSignalPerTensor() throws {
        let (model, _) = try Zoo.model("mlp_digits")
        let layout = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed).layout
        #expect(layout.count == 2)
        #expect(layout.entries.map(\.form) == [.poseidon, .poseidon])
        #expect(layout.inputs.map(\.offset) == [0] && layout.outputs.map(\.offset) == [1])
        #expect(layout.inputs[0].count == 64 && layout.outputs[0].count == 10)
        let mixed = ModelCircuit(model: model, inputVisibility: .hashed).layout
        #expect(mixed.count == 11 && mixed.outputs[0].offset == 1 && mixed.outputs[0].form == .values)
    }

    /// The public signals are the native digests of the quantized tensors, the witness satisfies
    /// the system, and the evaluator agrees with the builder.
    @Test(arguments: ["mlp_digits", "cnn_digits", "every_op"])
    func publicSignalsAreTheNativeDigests(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let circuit = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed)
        let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
        #expect(system.isSatisfied(by: witness))
        let trace = try QuantizedInference(model: model).run(input: inputs)
        #expect(outputs == trace.outputs)
        let expected = inputs.map { Poseidon.hash(integers: $0.scalars) } + trace.outputs.map { Poseidon.hash(integers: $0.scalars) }
        #expect(Array(witness.publicInputs(count: system.publicCount)) == expected)
        let native = try circuit.evaluate(inputs: inputs)
        #expect(native.publicSignals == expected && native.outputs == outputs)
        // The same R1CS in setup mode (no values), and the exact extra cost of the digests.
        #expect(try circuit.makeR1CS().contentHash == system.contentHash)
        let plain = try ModelCircuit(model: model, inputVisibility: .private).makeR1CS()
        // Public outputs cost a copy only when they are not already single wires.
        let copies = (0 ..< plain.constraintCount).filter { plain.label(at: $0)?.hasPrefix("output ") == true }.count
        let extra = model.inputs.map { Self.digestCost($0.count) }.reduce(0, +)
            + model.outputs.map { Self.digestCost($0.count) }.reduce(0, +) - copies
        #expect(system.constraintCount == plain.constraintCount + extra)
    }

    /// A digest claimed for one input cannot be proved with another: the honest witness for
    /// input B with input A's digest in place fails, and so does every tampered digest or preimage.
    @Test func digestBindsThePreimage() throws {
        let (model, inputs) = try Zoo.model("mlp_digits")
        let circuit = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed)
        let (system, witness, _) = try circuit.makeWitness(inputs: inputs)
        var other = inputs
        other[0].scalars[5] += 1
        let (_, otherWitness, _) = try circuit.makeWitness(inputs: other)
        #expect(otherWitness.values[1] != witness.values[1])
        var swapped = otherWitness
        swapped.values[1] = witness.values[1]
        #expect(!system.isSatisfied(by: swapped), "input B proved under input A's digest")

        // The first private wire is input element 0 (inputs are allocated first).
        let first = system.publicCount + 1
        #expect(witness.values[first] == BN254.Fr(Int(inputs[0].scalars[0])))
        let check = CircuitCheck(system, witness)
        check.expectRejected(wires: .list([1, 2, first, first + 20]), deltas: CircuitCheck.Delta.plusMinusOne + [.random], seed: 0x4A54,
                             "digests and preimage")
        // A seeded sample of every other private wire (sponge states, range bits, activations).
        check.expectRejected(wires: .sample(count: 200, seed: 0x4A54), "private wires")
    }

    /// Digest constraints carry the input's or output's label.
    @Test func digestConstraintsAreLabelled() throws {
        let (model, _) = try Zoo.model("mlp_digits")
        let system = try ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed).makeR1CS()
        let labels = (0 ..< system.constraintCount).compactMap { system.label(at: $0) }
        #expect(labels.count == system.constraintCount)
        #expect(labels.filter { $0.hasPrefix("input input: poseidon digest") }.count == Self.digestCost(64))
        #expect(labels.filter { $0.hasPrefix("output logits: poseidon digest") }.count == Self.digestCost(10))
    }
}
