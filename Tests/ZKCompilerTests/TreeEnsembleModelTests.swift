import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Tree ensembles lowered in both range-check modes on every Circuits/trees case and on the bundled
/// `fraud_gbt` (100 trees): the witness equals the integer inference (labels, scores), the system
/// holds, no private wire or output can move (a wrong branch, another leaf, another label), the
/// cost per split is within the issue's budget, and hashed parameters are refused by name.
@Suite struct TreeEnsembleModelTests {
    static func model(_ name: String) throws -> (QuantizedModel, TreeCase) {
        let expected = try TreeCase.load(name)
        let graph = try ONNXModel(contentsOf: TreeCase.model(name)).graph.resolved()
        let calibration = (0 ..< expected.samples).map { [Tensor(shape: [1, expected.features], scalars: expected.row($0))] }
        return (try QuantizedModel(graph: graph, calibration: calibration), expected)
    }

    @Test(arguments: TreeCase.names)
    func witnessIsTheInferenceAndNothingMoves(name: String) throws {
        let (model, expected) = try Self.model(name)
        let inference = QuantizedInference(model: model)
        for n in [0, 1, 2, 3, 9] {
            let inputs = try model.quantizeInputs([expected.row(n)])
            let trace = try inference.run(input: inputs)
            for circuit in [ModelCircuit(model: model), try ModelCircuit(model: model).withCheapestRangeChecks()] {
                let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
                #expect(outputs == trace.outputs, "\(name) #\(n) [\(circuit.rangeChecks)]")
                try system.check(witness)
                if n == 0 {
                    let escapes = CircuitCheck(system, witness).modelEscapes(outputCount: model.outputs.reduce(0) { $0 + $1.count }, seed: 0x7EE)
                    #expect(escapes.isEmpty, "\(name) [\(circuit.rangeChecks)]: \(escapes.prefix(5))")
                }
            }
        }
    }

    /// The bundled 100-tree model: the circuit agrees with onnxruntime's labels, and a split costs
    /// at most 4 constraints beyond its feature's range checks (issue #32's budget).
    @Test func fraudModelProvesItsLabelsWithinTheBudget() throws {
        let circuits = TreeCase.directory.deletingLastPathComponent()
        let graph = try ONNXModel(contentsOf: circuits.appendingPathComponent("fraud_gbt/network.onnx")).graph.resolved()
        let model = try QuantizedModel(graph: graph)
        guard case let .treeEnsemble(forest)? = model.steps.first(where: { $0.operation.name == "treeEnsemble" })?.operation else {
            Issue.record("no tree step"); return
        }
        #expect(forest.trees.count == 100)
        #expect(model.inputs[0].bits == 32, "an input only trees read is 32-bit")
        let circuit = try ModelCircuit(model: model).withCheapestRangeChecks()
        let system = try circuit.makeR1CS()
        let report = ConstraintReport(system: system, model: model)
        let treeRow = try #require(report.rows.first { $0.opType == "TreeEnsembleClassifier" })
        // The node's constraints: splits, thresholds, plus the sigmoid query and the label's test.
        let rangeChecks = 2 * forest.thresholds.filter { !$0.isEmpty }.count * circuit.rangeChecks.constraints(unsignedBits: model.inputs[0].bits)
        let perSplit = Double(treeRow.constraints - rangeChecks) / Double(forest.splitCount)
        #expect(perSplit <= 4, "\(perSplit) constraints per split (\(forest.summary))")
        let data = try Data(contentsOf: circuits.appendingPathComponent("fraud_gbt/samples.json"))
        let samples = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let inputs = samples["inputs"] as! [[Double]], labels = samples["float_labels"] as! [Int]
        let inference = QuantizedInference(model: model)
        var agree = 0
        for (row, label) in zip(inputs, labels) { agree += try inference.run(floatInputs: [row]).outputs[0][0] == Double(label) ? 1 : 0 }
        #expect(agree >= inputs.count - 1, "\(agree)/\(inputs.count) labels agree with onnxruntime")
        for n in 0 ..< 2 {
            let quantized = try model.quantizeInputs([inputs[n]])
            let (witnessSystem, witness, outputs) = try circuit.makeWitness(inputs: quantized)
            try witnessSystem.check(witness)
            #expect(outputs[0].scalars == [Int64(labels[n])])
        }
    }

    @Test func hashedParametersAreRefusedByName() throws {
        let (model, _) = try Self.model("dt_binary")
        #expect {
            _ = try ModelCircuit(model: model, parameterVisibility: .hashed).makeR1CS()
        } throws: { error in
            "\(error)".contains("TreeEnsembleClassifier") && "\(error)".contains("--param-visibility hashed")
        }
    }
}
