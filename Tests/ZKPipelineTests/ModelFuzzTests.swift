import Foundation
import Testing
import ZKConstraints
import ZKIO
import ZKONNX
import ZKPipeline
import ZKQuant
import ZKSynthetic
import ZKTestSupport

/// Fuzzing the model-side readers (issue 10 item 2): the ONNX decoder together with the graph
/// builder (shape resolution and constant folding), EZKL `input.json` and `model.zkml` (trailing
/// SHA-256 recomputed after mutation). Every input must be accepted or rejected with the module's
/// typed error. Budgets in `StructuredFuzzer`; numbers in docs/security.md.
@Suite struct ModelFuzzTests {
    static let circuits = Fixtures.repository.appendingPathComponent("Circuits")

    static func check(_ report: StructuredFuzzer.Report) {
        print(report)
        #expect(report.executions > 0)
        #expect(report.slowInputs.isEmpty, "slow inputs (hangs): \(report.slowInputs)")
        #expect(report.peakGrowthMB < 2048, "peak RSS grew by \(report.peakGrowthMB) MB")
    }

    static func onnxSeeds() throws -> [[UInt8]] {
        var urls = ["mlp_digits", "cnn_digits", "every_op"].map { circuits.appendingPathComponent($0).appendingPathComponent("network.onnx") }
        let ops = circuits.appendingPathComponent("ops")
        let names = (try FileManager.default.contentsOfDirectory(atPath: ops.path)).filter { $0.hasSuffix(".onnx") }.sorted()
        urls += names.map { ops.appendingPathComponent($0) }
        return try urls.map { [UInt8](try Data(contentsOf: $0)) }
    }

    /// Tensors are capped at 2^20 elements while fuzzing so that one execution stays cheap; the
    /// cap is itself one of the checks under test.
    @Test func onnxDecoderAndGraphBuilder() throws {
        let seeds = try Self.onnxSeeds()
        var fuzzer = StructuredFuzzer(target: "onnx", seeds: seeds, defaultExecutions: 2000)
        let report = ONNXLimits.$scoped.withValue(ONNXLimits(maxTensorElements: 1 << 20, maxNodes: 4096)) {
            fuzzer.run { bytes in
                do {
                    let model = try ONNXModel(serializedBytes: bytes, file: "fuzz.onnx")
                    _ = try model.graph.resolved()
                } catch let error as ONNXError {
                    throw error
                } catch {
                    Issue.record("not an ONNXError: \(error)")
                    throw error
                }
            }
        }
        Self.check(report)
    }

    @Test func inputJSON() throws {
        var seeds = try ["mlp_digits", "cnn_digits", "every_op"].map {
            [UInt8](try Data(contentsOf: Self.circuits.appendingPathComponent($0).appendingPathComponent("input.json")))
        }
        seeds.append(Array("{\"input_data\": [[1, -2.5, 3e2], [[0.5]]]}".utf8))
        var fuzzer = StructuredFuzzer(target: "input.json", seeds: seeds, defaultExecutions: 2000)
        Self.check(fuzzer.run { bytes in
            do { _ = try EZKLJSON.inputRows(from: Data(bytes)) } catch let error as QuantError { throw error } catch {
                Issue.record("not a QuantError: \(error)")
                throw error
            }
        })
    }

    @Test func compiledModel() throws {
        let compiled = try Pipeline.compile(onnx: try Self.onnxSeeds()[0], file: "network.onnx")
        var fuzzer = StructuredFuzzer(target: "model.zkml", seeds: [compiled.serialized()], defaultExecutions: 12) { bytes in
            guard bytes.count >= 32 else { return bytes }
            let body = Array(bytes.dropLast(32))
            return body + SHA256.hash(body)
        }
        let report = fuzzer.run { bytes in
            do { _ = try CompiledModel(serialized: bytes) } catch is PipelineError {
                throw CancellationError()
            } catch is ConstraintError {
                throw CancellationError()
            } catch {
                Issue.record("unexpected error type: \(error)")
                throw error
            }
        }
        Self.check(report)
    }

    // MARK: regressions and limits

    /// Found by the ONNX fuzzer (full level, first run): a `Tile` whose repeats come from the file
    /// multiplied the input's dimensions without overflow checks and trapped while the graph was
    /// being resolved.
    @Test func tileWithHugeRepeatsIsRejectedNotATrap() throws {
        for repeats in [0x1p62, 0x1p40, 0x1p31] {
            let graph = try Graph(
                name: "tile", nodes: [Node(name: "tile", opType: "Tile", domain: "", inputs: ["x", "repeats"], outputs: ["y"], attributes: [:])],
                initializers: ["repeats": Tensor(shape: [2], scalars: [repeats, repeats])], initializerTypes: ["repeats": .int64],
                inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(3), .fixed(5)])],
                outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13)
            #expect(throws: ONNXError.self) { try graph.resolved() }
        }
    }

    @Test func onnxLimitsNameTheirFlags() throws {
        let bytes = try Self.onnxSeeds()[0]
        ONNXLimits.$scoped.withValue(ONNXLimits(maxTensorElements: 16)) {
            do { _ = try ONNXModel(serializedBytes: bytes).graph.resolved(); Issue.record("accepted tensors above the limit") } catch {
                #expect("\(error)".contains("--max-tensor-elements"), "\(error)")
            }
        }
        ONNXLimits.$scoped.withValue(ONNXLimits(maxNodes: 1)) {
            do { _ = try ONNXModel(serializedBytes: bytes); Issue.record("accepted a graph above the node limit") } catch {
                #expect("\(error)".contains("--max-nodes"), "\(error)")
            }
        }
    }

    @Test func inputLimitsNameTheirFlags() {
        let text = Data("{\"input_data\": [[1, 2, 3, 4]]}".utf8)
        InputLimits.$scoped.withValue(InputLimits(maxValues: 3)) {
            do { _ = try EZKLJSON.inputRows(from: text); Issue.record("accepted 4 values under a limit of 3") } catch {
                #expect("\(error)".contains("--max-tensor-elements"), "\(error)")
            }
        }
        let deep = Data(("{\"input_data\": " + String(repeating: "[", count: 40) + "1" + String(repeating: "]", count: 40) + "}").utf8)
        do { _ = try EZKLJSON.inputRows(from: deep); Issue.record("accepted nesting of 41 levels") } catch {
            #expect("\(error)".contains("--max-json-depth"), "\(error)")
        }
    }

    /// Found by libFuzzer (ONNX target, first run): a `Pad` whose pads come from the file added
    /// them to the input's dimensions without overflow checks and trapped.
    @Test func padWithHugePadsIsRejectedNotATrap() throws {
        let graph = try Self.padGraph(pads: [0x1p62, 0x1p62, 0x1p62, 0x1p62], axes: nil)
        #expect(throws: ONNXError.self) { try graph.resolved() }
    }

    /// Found while fixing the above: `Pad` with an `axes` input and fewer pads than twice the
    /// axes read past the end of the pads.
    @Test func padWithTooFewPadsForItsAxesIsRejectedNotATrap() throws {
        let graph = try Self.padGraph(pads: [1, 1], axes: [0, 1])
        #expect(throws: ONNXError.self) { try graph.resolved() }
    }

    /// Found by libFuzzer (ONNX target, second run): a `Slice` without `axes` and more starts
    /// than the input has dimensions indexed past the input's shape.
    @Test func sliceWithMoreStartsThanDimensionsIsRejectedNotATrap() throws {
        let graph = try Graph(
            name: "slice", nodes: [Node(name: "slice", opType: "Slice", domain: "", inputs: ["x", "starts", "ends"], outputs: ["y"], attributes: [:])],
            initializers: ["starts": Tensor(shape: [3], scalars: [0, 0, 0]), "ends": Tensor(shape: [3], scalars: [1, 1, 1])],
            initializerTypes: ["starts": .int64, "ends": .int64],
            inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(3), .fixed(5)])],
            outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13)
        #expect(throws: ONNXError.self) { try graph.resolved() }
    }

    /// Found by libFuzzer (ONNX target, third run; the 165-byte input it saved): a pooling or
    /// reduction node whose windows did not fill the output shape it declared tripped the tensor
    /// initializer's precondition. Now an `ONNXError` naming the node.
    @Test func poolingWindowsThatDoNotFillTheOutputAreRejectedNotATrap() throws {
        let bytes = ZKTestSupport.bytes(hex:
            "0808120d7a6b6d6c2d63697263756974733a8b010a4f0a01781201791a1061766572616765706f6f6c5f70616473220b" +
            "41766572616765506f6f6c2a150a0c6b65726e656c5f736861706540034003a001072a110a0470616473404540014001" +
            "4001a00107121061766572616765706f6f6c5f706164735a1b0a017812160a14080112100a0208010a0208010a060805" +
            "0a02080362090a017912040a02080142040a00100d")
        #expect(throws: ONNXError.self) { try ONNXModel(serializedBytes: bytes).graph.resolved() }
    }

    /// Found by libFuzzer (ONNX target, fourth run, a timeout at 2 GB RSS): an `AveragePool`
    /// with pads of about 2^28 built the windows of a gigabyte-sized output before any size check.
    /// Now refused by `PoolGeometry` against the tensor limit, at once.
    @Test func poolingWithHugePadsIsRejectedBeforeBuildingWindows() throws {
        let bytes = ZKTestSupport.bytes(hex:
            "0808120d7a6b6d6c2d63697263756974733a8b010a4f0a01781201791a1061766572616765706f6f6c5f70616473220b" +
            "41766572616765506f6f6c2a150a0c6b65726e656c5f73686170654001a0030740032a110a0470616473400140808080" +
            "f001a00107121061766572616765706f6f6c5f706164735a1b0a017812160a14080112100a0208010a0208010a060805" +
            "0a02080362090a017912040a02080142040a00100d")
        let start = Date()
        #expect(throws: ONNXError.self) { try ONNXModel(serializedBytes: bytes).graph.resolved() }
        #expect(Date().timeIntervalSince(start) < 1)
    }

    static func padGraph(pads: [Double], axes: [Double]?) throws -> Graph {
        var initializers: [String: Tensor<Double>] = ["pads": Tensor(shape: [pads.count], scalars: pads)]
        var types: [String: ElementType] = ["pads": .int64]
        var inputs = ["x", "pads"]
        if let axes {
            initializers["axes"] = Tensor(shape: [axes.count], scalars: axes)
            types["axes"] = .int64
            inputs += ["", "axes"]
        }
        return try Graph(
            name: "pad", nodes: [Node(name: "pad", opType: "Pad", domain: "", inputs: inputs, outputs: ["y"], attributes: [:])],
            initializers: initializers, initializerTypes: types,
            inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(3), .fixed(5)])],
            outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 18)
    }

    /// The memory estimate refuses a circuit bigger than the budget, with the numbers and the flag.
    @Test func memoryEstimateRefusesWithAnEstimate() throws {
        let (system, _) = SyntheticCircuit.make(constraints: 1 << 12, publicCount: 1)
        let estimate = ResourceEstimate(system)
        #expect(estimate.domainSize == 1 << 13)
        #expect(estimate.bytes(for: .setup) < 1 << 30 && estimate.bytes(for: .prove) < 1 << 30)
        #expect(throws: Never.self) { try estimate.check(.setup) }
        do {
            try estimate.check(.prove, limits: PipelineLimits(maxMemoryBytes: 1 << 20))
            Issue.record("a 1 MB budget accepted proving 4096 constraints")
        } catch {
            #expect("\(error)".contains("GB for prove"), "\(error)")
            #expect("\(error)".contains("--max-memory"), "\(error)")
        }
        // 2^28 constraints need far more than this machine's memory.
        let huge = ResourceEstimate(constraints: 1 << 28, variables: 1 << 28, nonZeroTerms: 1 << 30, domainSize: 1 << 28)
        #expect(huge.bytes(for: .setup) > PipelineLimits.physicalMemory)
        #expect(throws: ResourceError.self) { try huge.check(.setup, limits: PipelineLimits()) }
    }
}
