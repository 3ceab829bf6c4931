import Foundation
import Testing
@testable import ZKONNX
import ZKTestSupport

/// The float reference of `TreeEnsembleClassifier` and `TreeEnsembleRegressor` against
/// onnxruntime on every Circuits/trees case (skl2onnx exports of scikit-learn's trees, forests and
/// boosting, and hand-written nodes: every split mode, AVERAGE, uneven labels, each two-class
/// form), and the errors for what is malformed or not read.
@Suite struct TreeEnsembleTests {
    @Test func everyFormHasACase() {
        #expect(TreeCase.names.count >= 26)
    }

    @Test func scalerAndLinearRegressorReadTheirAttributes() throws {
        let scaler = Node(name: "s", opType: "Scaler", domain: "ai.onnx.ml", inputs: ["x"], outputs: ["y"],
                          attributes: ["offset": .floats([1, 2]), "scale": .floats([0.5])])
        #expect(try FloatEvaluator.evaluate(scaler, operands: [Tensor(shape: [1, 2], scalars: [3, 6])], opset: 17)[0].scalars == [1, 2])
        let linear = Node(name: "l", opType: "LinearRegressor", domain: "ai.onnx.ml", inputs: ["x"], outputs: ["y"],
                          attributes: ["coefficients": .floats([1, 2, 3, 4]), "intercepts": .floats([0.5, -1]), "targets": .int(2)])
        #expect(try FloatEvaluator.evaluate(linear, operands: [Tensor(shape: [1, 2], scalars: [1, 1])], opset: 17)[0].scalars == [3.5, 6])
        let probit = Node(name: "p", opType: "LinearRegressor", domain: "ai.onnx.ml", inputs: ["x"], outputs: ["y"],
                          attributes: ["coefficients": .floats([1]), "post_transform": .string("PROBIT")])
        #expect(throws: ONNXError.self) { _ = try FloatEvaluator.evaluate(probit, operands: [Tensor(shape: [1, 1], scalars: [1])], opset: 17) }
        let short = Node(name: "s", opType: "Scaler", domain: "ai.onnx.ml", inputs: ["x"], outputs: ["y"], attributes: ["scale": .floats([1, 2, 3])])
        #expect(throws: ONNXError.self) { _ = try FloatEvaluator.evaluate(short, operands: [Tensor(shape: [1, 2], scalars: [1, 1])], opset: 17) }
    }

    @Test(arguments: TreeCase.names)
    func floatMatchesOnnxRuntime(name: String) throws {
        let expected = try TreeCase.load(name)
        let model = try ONNXModel(contentsOf: TreeCase.model(name))
        let graph = try model.graph.resolved(inputShapes: [model.graph.inputs[0].name: expected.input_shape])
        let outputs = try graph.evaluate([Tensor(shape: expected.input_shape, scalars: expected.input_data[0])])
        #expect(outputs.count == expected.output_data.count)
        for (k, output) in outputs.enumerated() {
            #expect(output.count == expected.output_data[k].count, "\(name) output \(k)")
            for (got, want) in zip(output.scalars, expected.output_data[k]) {
                if expected.isLabel(k) { #expect(got == want, "\(name): label \(got) vs \(want)") }
                else { #expect(abs(got - want) <= 1e-5 * (1 + abs(want)), "\(name): \(got) vs \(want)") }
            }
        }
        if expected.output_data.count == 2 { #expect(graph.elementTypes[graph.outputs[0].name] == .int64) }
    }

    /// A one-tree regressor with `nodes` edited by `change`.
    static func node(_ change: (inout [String: Attribute]) -> Void = { _ in }) -> Node {
        var attributes: [String: Attribute] = [
            "nodes_treeids": .ints([0, 0, 0]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_featureids": .ints([0, 0, 0]),
            "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_values": .floats([0.5, 0, 0]),
            "nodes_truenodeids": .ints([1, 0, 0]), "nodes_falsenodeids": .ints([2, 0, 0]),
            "target_treeids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_ids": .ints([0, 0]),
            "target_weights": .floats([1, 2]), "n_targets": .int(1),
        ]
        change(&attributes)
        return Node(name: "trees", opType: "TreeEnsembleRegressor", domain: "ai.onnx.ml", inputs: ["x"], outputs: ["y"],
                    attributes: attributes)
    }

    @Test func readsTheDomainAndTheAttributes() throws {
        #expect(Self.node().op == .treeEnsembleRegressor)
        #expect(Node(name: "t", opType: "TreeEnsembleRegressor", inputs: [], outputs: []).op == nil, "default domain")
        #expect(Node(name: "n", opType: "SVMClassifier", domain: "ai.onnx.ml", inputs: [], outputs: []).op == nil)
        // ZipMap keeps the probabilities as their tensor; its labels must match the columns.
        let zipMap = Node(name: "z", opType: "ZipMap", domain: "ai.onnx.ml", inputs: ["p"], outputs: ["m"],
                          attributes: ["classlabels_int64s": .ints([0, 1])])
        let probabilities = Tensor(shape: [1, 2], scalars: [0.25, 0.75])
        #expect(try FloatEvaluator.evaluate(zipMap, operands: [probabilities], opset: 17) == [probabilities])
        #expect(throws: ONNXError.self) {
            _ = try FloatEvaluator.evaluate(zipMap, operands: [Tensor(shape: [1, 3], scalars: [0, 0, 1])], opset: 17)
        }
        let ensemble = try TreeEnsemble(Self.node())
        #expect(ensemble.trees == [[.split(feature: 0, comparison: .lessOrEqual, threshold: 0.5, whenTrue: 1, whenFalse: 2),
                                    .leaf(weights: [1]), .leaf(weights: [2])]])
        #expect(try ensemble.evaluate(Tensor(shape: [2, 1], scalars: [0.5, 0.6])).scores.scalars == [1, 2])
    }

    @Test func malformedOrUnreadNodesAreNamedErrors() {
        func reason(_ change: (inout [String: Attribute]) -> Void) -> String {
            do { _ = try TreeEnsemble(Self.node(change)); return "" } catch { return error.description }
        }
        func chain(_ falseIDs: [Int]) -> (inout [String: Attribute]) -> Void {
            { $0["nodes_modes"] = .strings(["BRANCH_LEQ", "BRANCH_LEQ", "LEAF"]); $0["nodes_truenodeids"] = .ints([1, 2, 0])
              $0["nodes_falsenodeids"] = .ints(falseIDs) }
        }
        #expect(reason(chain([2, 7, 0])).contains("node 7, which does not exist"))
        #expect(reason(chain([2, 2, 0])).contains("reaches node 2 twice"))
        #expect(reason { $0["nodes_falsenodeids"] = .ints([1, 0, 0]) }.contains("2 roots"))
        #expect(reason { $0["nodes_values"] = .floats([0.5]) }.contains("nodes_values has 1 entries"))
        #expect(reason { $0["target_ids"] = .ints([0, 3]) }.contains("outside 0..<1"))
        #expect(reason { $0["aggregate_function"] = .string("MAX") }.contains("aggregate_function MAX"))
        #expect(reason { $0["post_transform"] = .string("PROBIT") }.contains("post_transform PROBIT"))
        #expect(reason { $0["nodes_modes"] = .strings(["BRANCH_XX", "LEAF", "LEAF"]) }.contains("BRANCH_XX"))
        #expect(reason { $0["nodes_treeids"] = .ints([0, 0, 1]) }.contains("does not exist"))
        #expect(reason { $0["nodes_modes"] = .strings(["BRANCH_LEQ", "LEAF", "LEAF"]); $0["nodes_featureids"] = .ints([-1, 0, 0]) }
            .contains("negative feature"))
        let strings = Node(name: "c", opType: "TreeEnsembleClassifier", domain: "ai.onnx.ml", inputs: ["x"], outputs: ["l", "p"],
                           attributes: Self.node().attributes.merging(["classlabels_strings": .strings(["a", "b"])]) { $1 })
        #expect(throws: ONNXError.self) { _ = try TreeEnsemble(strings) }
    }

    @Test func aFeatureBeyondTheInputIsAnError() throws {
        let node = Self.node { $0["nodes_featureids"] = .ints([3, 0, 0]) }
        #expect(throws: ONNXError.self) {
            _ = try FloatEvaluator.evaluate(node, operands: [Tensor(shape: [1, 2], scalars: [0, 0])], opset: 17)
        }
    }
}
