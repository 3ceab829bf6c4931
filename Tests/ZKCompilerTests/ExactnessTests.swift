import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// The circuit computes exactly what `QuantizedInference` computes, bit for bit.
@Suite struct ExactnessTests {
    @Test(arguments: Zoo.models)
    func modelWitnessEqualsInference(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        let circuit = ModelCircuit(model: model)
        let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
        #expect(outputs == trace.outputs)
        try system.check(witness)
        // The public signals are the inputs then the outputs, as signed integers.
        let expected = (inputs.flatMap(\.scalars) + trace.outputs.flatMap(\.scalars)).map { BN254.Fr(Int($0)) }
        #expect(Array(witness.publicInputs(count: system.publicCount)) == expected)
        // Setup mode (no values) builds the very same system.
        #expect(try circuit.makeR1CS().contentHash == system.contentHash)
        // The native evaluator agrees.
        #expect(try circuit.evaluate(inputs: inputs).outputs == trace.outputs)
    }

    /// Many inputs through the native evaluator (fast): every test sample of the small models.
    @Test(arguments: Zoo.smallModels)
    func evaluatorEqualsInferenceOnSamples(_ name: String) throws {
        let (model, _) = try Zoo.model(name)
        let circuit = ModelCircuit(model: model)
        let inference = QuantizedInference(model: model)
        let rows = try Zoo.samples(name)
        let count = TestLevel.isFull ? rows.count : min(rows.count, 40)
        let perSample = model.inputs.count
        for start in stride(from: 0, to: count * perSample, by: perSample) {
            let inputs = try model.quantizeInputs(Array(rows[start ..< start + perSample]))
            let trace = try inference.run(input: inputs)
            #expect(try circuit.evaluate(inputs: inputs).outputs == trace.outputs, "sample \(start / perSample)")
        }
    }

    @Test(arguments: Zoo.opCases)
    func operatorCaseWitnessEqualsInference(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        for visibility in InputVisibility.allCases {
            let circuit = ModelCircuit(model: model, inputVisibility: visibility)
            let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
            #expect(outputs == trace.outputs, "\(name) \(visibility)")
            try system.check(witness)
            #expect(try circuit.makeR1CS().contentHash == system.contentHash)
        }
    }

    /// Inputs at the extremes of their range: the circuit and the inference fail or succeed
    /// together, and when they fail the circuit names the same node.
    @Test(arguments: Zoo.smallModels)
    func extremeInputsAgreeWithInference(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let circuit = ModelCircuit(model: model)
        let inference = QuantizedInference(model: model)
        var generator = SeededGenerator(seed: 6)
        for trial in 0 ..< 6 {
            let limit = Int64(1) << (model.inputs[0].bits - 1)
            let extreme = inputs.map { tensor in
                Tensor(shape: tensor.shape, scalars: tensor.scalars.map { _ in
                    trial % 2 == 0 ? Int64.random(in: -limit ..< limit, using: &generator) : (Bool.random(using: &generator) ? limit - 1 : -limit)
                })
            }
            let inferred = Result { try inference.run(input: extreme) }
            let built = Result { try circuit.makeWitness(inputs: extreme) }
            switch (inferred, built) {
            case let (.success(trace), .success(result)):
                #expect(result.outputs == trace.outputs)
            case let (.failure(quantError), .failure(circuitError)):
                let node = Self.node(of: quantError)
                #expect(node != nil && Self.label(of: circuitError)?.hasPrefix("node \(node ?? ""):") == true,
                        "\(name): inference \(quantError), circuit \(circuitError)")
            case let (.success, .failure(error)):
                Issue.record("\(name): the inference succeeds but the circuit fails: \(error)")
            case let (.failure(error), .success):
                Issue.record("\(name): the inference fails (\(error)) but the circuit has a witness")
            }
        }
    }

    static func node(of error: any Error) -> String? {
        guard let quant = error as? QuantError, case let .outOfRange(node, _, _, _, _) = quant else { return nil }
        return node
    }

    static func label(of error: any Error) -> String? {
        guard let compiler = error as? CompilerError, case let .circuit(circuitError) = compiler else { return nil }
        return circuitError.label
    }
}
