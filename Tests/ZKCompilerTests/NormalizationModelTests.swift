import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Softmax, LogSoftmax, LayerNormalization, InstanceNormalization and the norm reductions
/// (window maxima, exponential and logarithm tables, the reciprocal of a sum, products), and Floor
/// and Ceil (a shifted rescale to scale 0), lowered in
/// both range-check modes: the witness equals the integer inference on moderate and full-range
/// inputs (or both refuse the same input), and no private wire or output can move.
@Suite struct NormalizationModelTests {
    static let cases = [
        "softmax", "softmax_axis1", "softmax_opset11", "logsoftmax", "logsoftmax_opset11", "layernorm", "layernorm_axis1",
        "instancenorm", "reducel1", "reducel2", "reducel2_opset18", "reducesumsquare", "reducelogsumexp", "reducelogsumexp_all",
        "floor", "ceil",
    ]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let inference = QuantizedInference(model: model)
        let bits = ModelCircuit(model: model)
        var generator = SeededGenerator(seed: 0x50F7)
        let limit = Int64(1) << (model.inputs[0].bits - 1)
        var trials = [inputs]
        for trial in 0 ..< 5 {
            // Moderate (|x| < 4), the whole 24-bit range, and its ends.
            let range = trial < 2 ? Int64(1) << 14 : limit
            trials.append(inputs.map { tensor in
                Tensor(shape: tensor.shape, scalars: tensor.scalars.map { _ in
                    trial == 4 ? (Bool.random(using: &generator) ? limit - 1 : -limit) : Int64.random(in: -range ..< range, using: &generator)
                })
            })
        }
        for circuit in [bits, try bits.withCheapestRangeChecks()] {
            let context = "\(name) [\(circuit.rangeChecks)]"
            var proved = 0
            for trial in trials {
                switch (Result { try inference.run(input: trial) }, Result { try circuit.makeWitness(inputs: trial) }) {
                case let (.success(trace), .success((system, witness, outputs))):
                    #expect(outputs == trace.outputs, "\(context)")
                    try system.check(witness)
                    proved += 1
                case (.failure, .failure): break
                case let (inferred, built):
                    Issue.record("\(context): inference \(inferred) but witness \(built)")
                }
            }
            // The corpus input and the moderate ones always succeed.
            #expect(proved >= 3, "\(context): \(proved) of \(trials.count) inputs")
            let (system, witness, _) = try circuit.makeWitness(inputs: inputs)
            let escapes = CircuitCheck(system, witness).modelEscapes(outputCount: model.outputs[0].count, seed: 0x50F8)
            #expect(escapes.isEmpty, "\(context): \(escapes.prefix(5))")
            #expect(try circuit.makeR1CS().contentHash == system.contentHash, "\(context): setup and proving agree")
        }
    }

    /// Softmax's maximum is proved a member of its group only; the Exp table on `x − max`, which
    /// has no row above 0, proves it the largest. A model whose shift is not read by such a table
    /// (rewired to the input, or a table with rows above 0) is refused before anything is lowered.
    @Test func shiftNeedsANonPositiveTable() throws {
        let (model, _) = try Zoo.opCase("softmax")
        let shift = try #require(model.steps.first { $0.operation.name == "subtractWindowMax" })
        let index = try #require(model.steps.firstIndex { $0.inputs == [shift.output] && $0.operation.name == "table" })
        guard case let .table(exp) = model.steps[index].operation else { Issue.record("not a table"); return }
        #expect(exp.largestCoveredInput.map { $0 <= 0 } == true, "the Exp table covers nothing above 0")
        var rewired = model
        rewired.steps[index].inputs = [shift.inputs[0]]
        var widened = model
        let full = try FunctionTable(exp.function, inputScale: exp.inputScale, outputScale: exp.outputScale,
                                     inputBits: exp.inputBits, outputBits: model.configuration.activationBits)
        #expect((full.largestCoveredInput ?? .max) > 0)
        widened.steps[index].operation = .table(full)
        _ = try ModelCircuit(model: model).makeR1CS()
        for (name, broken) in [("rewired", rewired), ("widened", widened)] {
            do {
                _ = try ModelCircuit(model: broken).makeR1CS()
                Issue.record("\(name): a shift without a bounding table compiled")
            } catch {
                #expect("\(error)".contains("subtractWindowMax"), "\(name): \(error)")
            }
        }
    }
}
