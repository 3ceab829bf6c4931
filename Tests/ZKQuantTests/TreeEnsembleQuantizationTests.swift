import Foundation
import Testing
import ZKONNX
@testable import ZKQuant
import ZKTestSupport

/// Tree ensembles (and the scikit-learn pipelines around them: Scaler, LinearRegressor), linear
/// classifiers and normalizers quantized
/// against onnxruntime on every Circuits/trees case (a batch of 16 samples): labels exact, scores within 2^-9·(1 + |f|). Calibrated on the batch, as
/// `zkml compile --calibrate` does: the inputs then keep 16 fractional bits, finer than the gaps
/// between scikit-learn's split thresholds and the data (5·10⁻⁵ on the 10⁻⁴ grid of the inputs).
@Suite struct TreeEnsembleQuantizationTests {
    @Test(arguments: TreeCase.names)
    func quantizedMatchesOnnxRuntime(name: String) throws {
        let expected = try TreeCase.load(name)
        let onnx = try ONNXModel(contentsOf: TreeCase.model(name))
        let graph = try onnx.graph.resolved(inputShapes: [onnx.graph.inputs[0].name: expected.input_shape])
        let batch = Tensor(shape: expected.input_shape, scalars: expected.input_data[0])
        let model = try QuantizedModel(graph: graph, calibration: [[batch]])
        let (outputs, _) = try QuantizedInference(model: model).run(floatInputs: [expected.input_data[0]])
        for (k, output) in outputs.enumerated() {
            for (got, want) in zip(output, expected.output_data[k]) {
                if expected.isLabel(k) { #expect(got == want, "\(name): label \(got) vs \(want)") }
                else { #expect(abs(got - want) <= 0x1p-9 * (1 + abs(want)), "\(name): \(got) vs \(want)") }
            }
        }
        let forests = name == "pipeline_scaler_linear" || TreeCase.isLinear(name) ? 0 : 1
        #expect(model.steps.filter { $0.operation.name == "treeEnsemble" }.count == forests)
    }

    /// The integer forest walks like the float trees: every split mode, including equality (two
    /// tests sharing a child), on inputs equal to a threshold (the float32 value the model holds:
    /// XGBoost's thresholds are data values) and on inputs more than one input step (2^-12) from
    /// every threshold; within a step of a threshold the input's rounding decides, either way.
    @Test(arguments: ["mode_lt", "mode_gt", "mode_gte", "mode_eq", "mode_neq", "rf_three", "xgb_three", "xgb_regressor"])
    func forestWalksAsTheFloatTrees(name: String) throws {
        let onnx = try ONNXModel(contentsOf: TreeCase.model(name))
        let graph = try onnx.graph.resolved()
        let model = try QuantizedModel(graph: graph)
        let inference = QuantizedInference(model: model)
        let features = graph.inputs[0].shape.last!
        let node = try #require(graph.nodes.first { $0.op == .treeEnsembleClassifier || $0.op == .treeEnsembleRegressor })
        let ensemble = try TreeEnsemble(node)
        var thresholds = [[Double]](repeating: [], count: features)
        for tree in ensemble.trees {
            for case let .split(feature, _, threshold, _, _) in tree { thresholds[feature].append(threshold) }
        }
        var generator = SplitMix64(seed: 0x7233)
        var checked = 0
        for _ in 0 ..< 400 {
            let row = (0 ..< features).map { f -> Double in
                if !thresholds[f].isEmpty && Double.random(in: 0 ..< 1, using: &generator) < 0.5 {
                    return thresholds[f].randomElement(using: &generator)!
                }
                return Double(Float(Double.random(in: -1.5 ... 1.5, using: &generator)))
            }
            let clear = zip(row, thresholds).allSatisfy { x, ts in ts.allSatisfy { $0 == x || abs($0 - x) > 0x1p-12 } }
            guard clear else { continue }
            checked += 1
            let float = try graph.evaluate([Tensor(shape: [1, features], scalars: row)]).map(\.scalars)
            let quantized = try inference.run(floatInputs: [row]).outputs
            for (q, f) in zip(quantized.last!, float.last!) { #expect(abs(q - f) <= 0x1p-8 * (1 + abs(f)), "\(name) on \(row)") }
        }
        #expect(checked >= 100, "\(checked) rows")
    }

    /// BRANCH_MEMBER (opset 5) on every integer point of a grid wider than its sets, and the chain
    /// of tests it becomes: `q ≤ a − 1`, `q ≤ a` for each member `a` of {−2, 0, 3} (no two adjacent).
    @Test func membershipWalksAsTheFloatTreesAndBecomesAChain() throws {
        let graph = try ONNXModel(contentsOf: TreeCase.model("v5_member_logistic")).graph.resolved()
        let model = try QuantizedModel(graph: graph)
        let inference = QuantizedInference(model: model)
        for a in -4 ... 4 {
            for b in -4 ... 4 {
                for c in [0.0, 0.5, 1] {
                    let row = [Double(a), Double(b), c]
                    let float = try graph.evaluate([Tensor(shape: [1, 3], scalars: row)])[0].scalars
                    #expect(try inference.run(floatInputs: [row]).outputs[0] == float, "\(row)")
                }
            }
        }
        guard case let .treeEnsemble(forest)? = model.steps.first(where: { $0.operation.name == "treeEnsemble" })?.operation else {
            Issue.record("no tree step"); return
        }
        // The input's scale s: 1 and 2 are 2^s and 2^(s+1), two runs of one integer each.
        let unit = forest.thresholds[1].first! + 1
        #expect(unit > 1 && forest.thresholds[1] == [unit - 1, unit, 2 * unit - 1, 2 * unit])
        #expect(forest.thresholds[0] == [-2 * unit - 1, -2 * unit, -1, 0, 3 * unit - 1, 3 * unit])
    }

    /// MIN and MAX: each tree's columns, a window maximum over the trees, and where a leaf lacks a
    /// weight the zero test of the sentinel and (more than one column) its product with the column.
    @Test(arguments: ["regressor_min", "regressor_max", "v5_min", "v5_max_logistic"])
    func extremaReduceEachTreesColumns(name: String) throws {
        let (model, _) = try Self.calibrated(name)
        let operations = model.steps.map(\.operation.name)
        #expect(operations.contains("windowMax") && operations.contains("test") && operations.contains("mul"), "\(operations)")
        guard case let .treeEnsemble(forest)? = model.steps.first(where: { $0.operation.name == "treeEnsemble" })?.operation else {
            Issue.record("no tree step"); return
        }
        #expect(forest.perTree && forest.trees.count == 2)
    }

    /// A sum whose third target only one leaf names, with a base: a count column and its zero test
    /// drop the base in the rows that reach another leaf (as onnxruntime does).
    @Test func partialSumsCountTheirWeights() throws {
        let (model, expected) = try Self.calibrated("regressor_sum_partial")
        guard case let .treeEnsemble(forest)? = model.steps.first(where: { $0.operation.name == "treeEnsemble" })?.operation else {
            Issue.record("no tree step"); return
        }
        #expect(forest.columns == 3 + 1 && forest.base.last == 0)
        #expect(model.steps.map(\.operation.name).contains("test"))
        let outputs = try QuantizedInference(model: model).run(floatInputs: [expected.input_data[0]]).outputs[0]
        let third = stride(from: 2, to: outputs.count, by: 3).map { outputs[$0] }
        #expect(third.contains(0) && third.contains { $0 != 0 }, "\(third)")
    }

    static func calibrated(_ name: String) throws -> (QuantizedModel, TreeCase) {
        let expected = try TreeCase.load(name)
        let onnx = try ONNXModel(contentsOf: TreeCase.model(name))
        let graph = try onnx.graph.resolved(inputShapes: [onnx.graph.inputs[0].name: expected.input_shape])
        let batch = Tensor(shape: expected.input_shape, scalars: expected.input_data[0])
        return (try QuantizedModel(graph: graph, calibration: [[batch]]), expected)
    }

    @Test func equalitySplitsBecomeTwoTestsSharingAChild() throws {
        let graph = try ONNXModel(contentsOf: TreeCase.model("mode_eq")).graph.resolved()
        let model = try QuantizedModel(graph: graph)
        guard case let .treeEnsemble(forest)? = model.steps.first(where: { $0.operation.name == "treeEnsemble" })?.operation else {
            Issue.record("no tree step"); return
        }
        // x0 = 0.5 and x2 = 0.125 at 2^-12: 2048 and 512, each with its predecessor; x1 ≤ −0.25 once.
        #expect(forest.thresholds == [[2047, 2048], [-1024], [511, 512]])
        #expect(forest.splitCount == 5)
        #expect(forest.trees[0].count == 5 + 4)
    }
}
