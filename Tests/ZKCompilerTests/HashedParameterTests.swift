import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKPoseidon
import ZKQuant
import ZKTestSupport

/// Hashed parameters: weights as private, range-checked witnesses bound by one public Poseidon
/// commitment; the circuit depends on the architecture and scales, not on the weight values.
@Suite struct HashedParameterTests {
    static let models = TestLevel.isFull ? ["mlp_digits", "cnn_digits", "every_op"] : ["mlp_digits", "cnn_digits"]

    /// `model` with a few weights, a bias and a constant moved by small amounts that keep every
    /// width (so the architecture, scales and widths are unchanged).
    static func perturbed(_ model: QuantizedModel) -> QuantizedModel {
        var copy = model
        func nudge(_ values: inout [Int64]) {
            for i in stride(from: 0, to: values.count, by: max(1, values.count / 7)) { values[i] += values[i] > 0 ? -1 : 1 }
        }
        for index in copy.steps.indices {
            switch copy.steps[index].operation {
            case var .matMul(weights, bias):
                nudge(&weights.scalars)
                if var b = bias { nudge(&b); bias = b }
                copy.steps[index].operation = .matMul(weights: weights, bias: bias)
            case .conv(let geometry, var weights, var bias):
                nudge(&weights.scalars)
                if var b = bias { nudge(&b); bias = b }
                copy.steps[index].operation = .conv(geometry, weights: weights, bias: bias)
            default: continue
            }
        }
        return copy
    }

    @Test func layoutPutsTheCommitmentBetweenInputsAndOutputs() throws {
        let (model, _) = try Zoo.model("mlp_digits")
        let layout = ModelCircuit(model: model, parameterVisibility: .hashed).layout
        let parameters = try #require(layout.parameters)
        #expect(parameters.offset == 64 && parameters.signalCount == 1 && parameters.form == .poseidon)
        #expect(parameters.count == 64 * 32 + 32 + 32 * 10 + 10)
        #expect(layout.outputs[0].offset == 65 && layout.count == 75)
        #expect(ModelParameters(model: model).count == parameters.count)
    }

    /// The witness satisfies the system, the public commitment is the native one, outputs equal
    /// the exact inference, and the evaluator agrees with the builder.
    @Test(arguments: models)
    func commitmentIsPublicAndWitnessIsExact(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let circuit = ModelCircuit(model: model, parameterVisibility: .hashed)
        let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
        #expect(system.isSatisfied(by: witness))
        #expect(outputs == (try QuantizedInference(model: model).run(input: inputs)).outputs)
        let offset = try #require(circuit.layout.parameters).offset
        let signals = Array(witness.publicInputs(count: system.publicCount))
        #expect(signals[offset] == ModelParameters(model: model).commitment())
        let native = try circuit.evaluate(inputs: inputs)
        #expect(native.publicSignals == signals && native.outputs == outputs)
        #expect(try circuit.makeR1CS().contentHash == system.contentHash)
        // Every constraint is labelled by a node, an input, an output or the commitment.
        for i in 0 ..< system.constraintCount {
            let label = system.label(at: i) ?? ""
            let known = ["node ", "input ", "output ", "parameters: "].contains { label.hasPrefix($0) }
            #expect(known, "constraint \(i): \(label)")
            if !known { break }
        }
    }

    /// One circuit per architecture: other weights (same widths and scales) give the same R1CS,
    /// satisfy it with their own commitment, and cannot be proved under the first commitment.
    @Test(arguments: models)
    func otherWeightsShareTheCircuitButNotTheCommitment(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let other = Self.perturbed(model)
        #expect(ModelParameters(model: other).tensors != ModelParameters(model: model).tensors)
        let circuit = ModelCircuit(model: model, parameterVisibility: .hashed)
        let otherCircuit = ModelCircuit(model: other, parameterVisibility: .hashed)
        let system = try circuit.makeR1CS()
        #expect(try otherCircuit.makeR1CS().contentHash == system.contentHash)
        // With weights as constants the two circuits differ.
        #expect(try ModelCircuit(model: model).makeR1CS().contentHash != (try ModelCircuit(model: other).makeR1CS().contentHash))

        let (_, honest, _) = try circuit.makeWitness(inputs: inputs)
        let (_, otherWitness, otherOutputs) = try otherCircuit.makeWitness(inputs: inputs)
        #expect(system.isSatisfied(by: otherWitness))
        #expect(otherOutputs == (try QuantizedInference(model: other).run(input: inputs)).outputs)
        let index = 1 + (try #require(circuit.layout.parameters)).offset
        #expect(otherWitness.values[index] != honest.values[index])
        var forged = otherWitness
        forged.values[index] = honest.values[index]
        #expect(!system.isSatisfied(by: forged), "other weights proved under the published commitment")
    }

    /// Tampering with the commitment or any sampled private wire (weights, range bits, packed
    /// sponge states, activations) breaks a constraint.
    @Test func tamperedWitnessFails() throws {
        let (model, inputs) = try Zoo.model("mlp_digits")
        let circuit = ModelCircuit(model: model, parameterVisibility: .hashed)
        let (system, witness, _) = try circuit.makeWitness(inputs: inputs)
        let check = CircuitCheck(system, witness)
        let commitment = 1 + (try #require(circuit.layout.parameters)).offset
        let positions = [commitment] + check.indices(.sample(count: TestLevel.isFull ? 1000 : 150, seed: 0x9A7A))
        try system.check(witness)
        check.expectRejected(wires: .list(positions), deltas: [.add(.one), .random], seed: 0x9A7A, "hashed parameters")
    }

    /// A weight beyond its width is refused at compile time, naming the node.
    @Test func oversizedWeightIsRefused() throws {
        var (model, _) = try Zoo.model("mlp_digits")
        let index = try #require(model.steps.firstIndex { if case .matMul = $0.operation { true } else { false } })
        guard case .matMul(var weights, let bias) = model.steps[index].operation else { return }
        weights.scalars[0] = 1 << 20
        model.steps[index].operation = .matMul(weights: weights, bias: bias)
        do {
            _ = try ModelCircuit(model: model, parameterVisibility: .hashed).makeR1CS()
            Issue.record("an oversized weight was accepted")
        } catch let error {
            #expect(error.description.contains(model.steps[index].node) && error.description.contains("16-bit"), "\(error)")
        }
    }

    /// The packing is injective on range-checked values: the commitment changes with any one value.
    @Test func commitmentSeesEveryParameter() throws {
        let (model, _) = try Zoo.model("mlp_digits")
        let base = ModelParameters(model: model).commitment()
        var generator = SeededGenerator(seed: 0xC0)
        for _ in 0 ..< 8 {
            var copy = model
            let steps = copy.steps.indices.filter { if case .matMul = copy.steps[$0].operation { true } else { false } }
            let s = steps[Int.random(in: 0 ..< steps.count, using: &generator)]
            guard case .matMul(var weights, let bias) = copy.steps[s].operation else { continue }
            let i = Int.random(in: 0 ..< weights.scalars.count, using: &generator)
            weights.scalars[i] = weights.scalars[i] == 0 ? 1 : -weights.scalars[i]
            copy.steps[s].operation = .matMul(weights: weights, bias: bias)
            #expect(ModelParameters(model: copy).commitment() != base)
        }
    }
}
