import Foundation
import Testing
@testable import ZKONNX
import ZKTestSupport

/// The float reference of `TreeEnsembleClassifier` and `TreeEnsembleRegressor` against
/// onnxruntime on every Circuits/trees case (skl2onnx exports of scikit-learn's trees, forests and
/// boosting, onnxmltools exports of XGBoost and LightGBM, and hand-written nodes: every split mode, the four aggregates, uneven labels, each
/// two-class form, opset 5's TreeEnsemble with BRANCH_MEMBER), and the errors for what is malformed
/// or not read.
@Suite struct TreeEnsembleTests {
    @Test func everyFormHasACase() {
        #expect(TreeCase.names.count >= 51)
        for name in ["regressor_min", "regressor_max", "regressor_sum_partial", "v5_sum_modes", "v5_average_softmax", "v5_min", "v5_max_logistic", "v5_member_logistic",
                     "xgb_binary", "xgb_three", "xgb_regressor", "lgbm_binary", "lgbm_three", "lgbm_regressor"] {
            #expect(TreeCase.names.contains(name), "\(name)")
        }
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
        #expect(Node(name: "n", opType: "CategoryMapper", domain: "ai.onnx.ml", inputs: [], outputs: []).op == nil)
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
        #expect(reason { $0["aggregate_function"] = .string("MEDIAN") }.contains("aggregate_function MEDIAN"))
        #expect(reason { $0["post_transform"] = .string("PROBIT") }.contains("post_transform PROBIT"))
        #expect(reason { $0["nodes_modes"] = .strings(["BRANCH_XX", "LEAF", "LEAF"]) }.contains("BRANCH_XX"))
        #expect(reason { $0["nodes_treeids"] = .ints([0, 0, 1]) }.contains("does not exist"))
        #expect(reason { $0["nodes_modes"] = .strings(["BRANCH_LEQ", "LEAF", "LEAF"]); $0["nodes_featureids"] = .ints([-1, 0, 0]) }
            .contains("negative feature"))
        let strings = Node(name: "c", opType: "TreeEnsembleClassifier", domain: "ai.onnx.ml", inputs: ["x"], outputs: ["l", "p"],
                           attributes: Self.node().attributes.merging(["classlabels_strings": .strings(["a", "b"])]) { $1 })
        #expect(throws: ONNXError.self) { _ = try TreeEnsemble(strings) }
    }

    /// MIN, MAX and SUM over leaves that give some columns no weight: the base is added to a column
    /// some tree gave a weight; with more than one column, one no tree gave a weight is 0; with one
    /// column, the base.
    @Test func minimumAndMaximumLeaveAbsentWeightsOut() throws {
        let node = Self.node {
            $0["n_targets"] = .int(2); $0["base_values"] = .floats([0.5, 0.25])
            $0["nodes_treeids"] = .ints([0, 0, 0, 1]); $0["nodes_nodeids"] = .ints([0, 1, 2, 0]); $0["nodes_featureids"] = .ints([0, 0, 0, 0])
            $0["nodes_modes"] = .strings(["BRANCH_LEQ", "LEAF", "LEAF", "LEAF"]); $0["nodes_values"] = .floats([0.5, 0, 0, 0])
            $0["nodes_truenodeids"] = .ints([1, 0, 0, 0]); $0["nodes_falsenodeids"] = .ints([2, 0, 0, 0])
            $0["target_treeids"] = .ints([0, 0, 0, 1]); $0["target_nodeids"] = .ints([1, 1, 2, 0]); $0["target_ids"] = .ints([0, 1, 0, 0])
            $0["target_weights"] = .floats([3, -1, 2, 2.5])
        }
        let x = Tensor<Double>(shape: [2, 1], scalars: [0, 1])
        var minimum = node
        minimum.attributes["aggregate_function"] = .string("MIN")
        #expect(try TreeEnsemble(minimum).evaluate(x).scores.scalars == [3, -0.75, 2.5, 0])
        var maximum = node
        maximum.attributes["aggregate_function"] = .string("MAX")
        #expect(try TreeEnsemble(maximum).evaluate(x).scores.scalars == [3.5, -0.75, 3, 0])
        #expect(try TreeEnsemble(node).evaluate(x).scores.scalars == [6, -0.75, 5, 0], "a sum too")
        var one = node  // one target: the base where no weight was given
        one.attributes["n_targets"] = .int(1); one.attributes["base_values"] = .floats([0.5])
        one.attributes["target_ids"] = .ints([0, 0, 0, 0]); one.attributes["target_nodeids"] = .ints([1, 1, 2, 0])
        one.attributes["target_treeids"] = .ints([0, 0, 0, 1]); one.attributes["target_weights"] = .floats([3, -1, 2, 2.5])
        one.attributes["nodes_treeids"] = .ints([0, 0, 0, 1])
        #expect(try TreeEnsemble(one).evaluate(x).scores.scalars == [5, 5])
        one.attributes["target_treeids"] = .ints([0, 0, 0, 0]); one.attributes["target_nodeids"] = .ints([1, 1, 1, 1])
        #expect(try TreeEnsemble(one).evaluate(x).scores.scalars == [7, 0.5])
    }

    /// An opset-5 `TreeEnsemble` with `change` applied: one split on feature 0 (mode 0, `≤ 0.5`)
    /// between leaf 0 and a member split on feature 1 (`∈ {1, 2}`) between leaves 1 and 2.
    static func version5(_ change: (inout [String: Attribute]) -> Void = { _ in }) -> Node {
        var attributes: [String: Attribute] = [
            "tree_roots": .ints([0]), "nodes_featureids": .ints([0, 1]),
            "nodes_modes": .tensor(Tensor<Double>(shape: [2], scalars: [0, 6]), .uint8), "nodes_splits": .tensor(Tensor<Double>(shape: [2], scalars: [0.5, 0]), .float),
            "nodes_truenodeids": .ints([0, 1]), "nodes_trueleafs": .ints([1, 1]), "nodes_falsenodeids": .ints([1, 2]), "nodes_falseleafs": .ints([0, 1]),
            "leaf_targetids": .ints([0, 1, 0]), "leaf_weights": .tensor(Tensor<Double>(shape: [3], scalars: [1, 2, 3]), .float),
            "membership_values": .tensor(Tensor<Double>(shape: [3], scalars: [1, 2, .nan]), .float), "n_targets": .int(2),
        ]
        change(&attributes)
        return Node(name: "ensemble", opType: "TreeEnsemble", domain: "ai.onnx.ml", inputs: ["x"], outputs: ["y"], attributes: attributes)
    }

    @Test func version5ReadsLeavesMembershipAndAggregates() throws {
        let node = Self.version5()
        #expect(node.op == .treeEnsemble)
        let ensemble = try TreeEnsemble(node)
        #expect(ensemble.trees == [[.split(feature: 0, comparison: .lessOrEqual, threshold: 0.5, whenTrue: 1, whenFalse: 2),
                                    .leaf(weights: [1, nil]), .member(feature: 1, members: [1, 2], whenTrue: 3, whenFalse: 4),
                                    .leaf(weights: [nil, 2]), .leaf(weights: [3, nil])]])
        let x = Tensor<Double>(shape: [3, 2], scalars: [0, 0, 1, 2, 1, 5])
        #expect(try ensemble.evaluate(x).scores.scalars == [1, 0, 0, 2, 3, 0])
        // MAX: each leaf gives one target; the other reads 0 (two columns).
        let maximum = try TreeEnsemble(Self.version5 { $0["aggregate_function"] = .int(3) })
        #expect(maximum.aggregate == .maximum)
        #expect(try maximum.evaluate(x).scores.scalars == [1, 0, 0, 2, 3, 0])
        // AVERAGE over two trees (the second a one-leaf tree: both children leaf 2) and SOFTMAX
        // (2, as onnxruntime reads it; 1 is LOGISTIC).
        #expect(try TreeEnsemble(Self.version5 { $0["post_transform"] = .int(1) }).transform == .logistic)
        let average = try TreeEnsemble(Self.version5 {
            $0["aggregate_function"] = .int(0); $0["post_transform"] = .int(2); $0["tree_roots"] = .ints([0, 2])
            $0["nodes_featureids"] = .ints([0, 1, 0]); $0["nodes_modes"] = .tensor(Tensor<Double>(shape: [3], scalars: [0, 6, 0]), .uint8)
            $0["nodes_splits"] = .tensor(Tensor<Double>(shape: [3], scalars: [0.5, 0, 0]), .float)
            $0["nodes_truenodeids"] = .ints([0, 1, 2]); $0["nodes_trueleafs"] = .ints([1, 1, 1])
            $0["nodes_falsenodeids"] = .ints([1, 2, 2]); $0["nodes_falseleafs"] = .ints([0, 1, 1])
        })
        #expect(average.trees[1] == [.split(feature: 0, comparison: .lessOrEqual, threshold: 0, whenTrue: 1, whenFalse: 2),
                                     .leaf(weights: [1.5, nil]), .leaf(weights: [1.5, nil])])
        #expect(average.transform == .softmax)
        let columns = average.columns(for: x.scalars[0 ..< 2])
        #expect(columns == [2, 0])
    }

    @Test func version5ErrorsNameTheAttribute() {
        func reason(_ change: (inout [String: Attribute]) -> Void) -> String {
            do { _ = try TreeEnsemble(Self.version5(change)); return "" } catch { return error.description }
        }
        #expect(reason { $0["n_targets"] = .int(0) }.contains("n_targets is 0"))
        #expect(reason { $0["tree_roots"] = .ints([]) }.contains("tree_roots is empty"))
        #expect(reason { $0["tree_roots"] = .ints([5]) }.contains("tree_roots[0] is 5"))
        #expect(reason { $0["nodes_trueleafs"] = .ints([1]) }.contains("nodes_trueleafs has 1 entries"))
        #expect(reason { $0["leaf_targetids"] = .ints([0, 2, 0]) }.contains("leaf_targetids names 2"))
        #expect(reason { $0["leaf_targetids"] = .ints([0, 1]) }.contains("leaf_weights has 3 entries, leaf_targetids 2"))
        #expect(reason { $0["nodes_modes"] = .tensor(Tensor<Double>(shape: [2], scalars: [0, 7]), .uint8) }.contains("nodes_modes[1] is 7"))
        #expect(reason { $0["membership_values"] = nil }.contains("membership_values has 0 sets"))
        #expect(reason { $0["nodes_falsenodeids"] = .ints([1, 9]) }.contains("leaf 9 does not exist"))
        #expect(reason { $0["nodes_falseleafs"] = .ints([0, 0]); $0["nodes_falsenodeids"] = .ints([1, 1]) }.contains("a cycle"))
        #expect(reason { $0["aggregate_function"] = .int(7) }.contains("aggregate_function 7"))
        #expect(reason { $0["post_transform"] = .int(4) }.contains("PROBIT"))
        #expect(reason { $0["nodes_featureids"] = .ints([0, -1]) }.contains("nodes_featureids[1] is negative"))
    }

    @Test func aFeatureBeyondTheInputIsAnError() throws {
        let node = Self.node { $0["nodes_featureids"] = .ints([3, 0, 0]) }
        #expect(throws: ONNXError.self) {
            _ = try FloatEvaluator.evaluate(node, operands: [Tensor(shape: [1, 2], scalars: [0, 0])], opset: 17)
        }
    }
}
