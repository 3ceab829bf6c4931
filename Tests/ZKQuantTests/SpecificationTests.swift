import Testing
import ZKONNX
@testable import ZKQuant
import ZKTestSupport

/// Recomputes whole traces with naive integer loops written from the formulas in
/// docs/quantization.md (not from the kernels), and requires bit-for-bit equality: the document is
/// the contract the circuit compiler implements.
@Suite struct SpecificationTests {
    /// ⌊a / b⌋ toward −∞ for b > 0, written independently of `FixedPoint`.
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { (a - ((a % b) + b) % b) / b }

    static func rescale(_ x: Int64, _ k: Int) -> Int64 { k == 0 ? x : floorDiv(x + (Int64(1) << (k - 1)), Int64(1) << k) }

    /// Applies one step by the documented formula.
    static func specification(_ step: QuantizedStep, _ inputs: [Tensor<Int64>]) -> [Int64] {
        switch step.operation {
        case let .matMul(w, bias):
            let (k, n) = (w.shape[0], w.shape[1])
            let x = inputs[0].scalars
            let rows = x.count / k
            var y: [Int64] = []
            for r in 0..<rows {
                for j in 0..<n {
                    var sum = bias?[j] ?? 0
                    for p in 0..<k { sum += x[r * k + p] * w.scalars[p * n + j] }
                    y.append(sum)
                }
            }
            return y
        case let .conv(g, w, bias):
            let x = inputs[0]
            let (c, h, wd) = (x.shape[1], x.shape[2], x.shape[3])
            let (kh, kw) = (w.shape[2], w.shape[3])
            let perGroupIn = c / g.group, perGroupOut = g.outputChannels / g.group
            var y: [Int64] = []
            for n in 0..<g.batch {
                for m in 0..<g.outputChannels {
                    let group = m / perGroupOut
                    for oy in 0..<g.window.outputSize[0] {
                        for ox in 0..<g.window.outputSize[1] {
                            var sum = bias?[m] ?? 0
                            for ci in 0..<perGroupIn {
                                for ky in 0..<kh {
                                    for kx in 0..<kw {
                                        let iy = oy * g.window.strides[0] - g.window.padsBegin[0] + ky * g.window.dilations[0]
                                        let ix = ox * g.window.strides[1] - g.window.padsBegin[1] + kx * g.window.dilations[1]
                                        guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                                        let xv = x.scalars[((n * c + group * perGroupIn + ci) * h + iy) * wd + ix]
                                        sum += xv * w.scalars[((m * perGroupIn + ci) * kh + ky) * kw + kx]
                                    }
                                }
                            }
                            y.append(sum)
                        }
                    }
                }
            }
            return y
        case let .rescale(k):
            return inputs[0].scalars.map { rescale($0, k) }
        case .relu:
            return inputs[0].scalars.map { $0 > 0 ? $0 : 0 }
        case let .rearrange(sources, constants):
            let flat = inputs.flatMap(\.scalars)
            return sources.map { $0 >= 0 ? flat[$0] : constants[-1 - $0] }
        case let .divide(d):
            return inputs[0].scalars.enumerated().map { i, x in
                let divisor = d.count == 1 ? d[0] : d[i]
                return floorDiv(2 * x + divisor, 2 * divisor)
            }
        case let .windowSum(windows):
            return (0..<windows.count).map { o in windows.window(o).reduce(0) { $0 + inputs[0].scalars[$1] } }
        default:
            Issue.record("no specification for \(step.operation.name) in this test")
            return []
        }
    }

    @Test(arguments: ["mlp_digits", "cnn_digits", "lenet_digits28"])
    func traceFollowsTheDocumentedFormulas(name: String) throws {
        let model = try QuantizedModel(graph: try Fixtures.graph(model: name))
        let samples = try Fixtures.samples(name)
        for index in 0..<(TestLevel.isFull ? 10 : 2) {
            let trace = try QuantizedInference(model: model).run(input: try model.quantizeInputs([samples.inputs[index]]))
            for step in model.steps {
                let expected = Self.specification(step, step.inputs.map { trace.values[$0]! })
                #expect(trace.values[step.output]!.scalars == expected, "\(name): step \(step.output) (\(step.operation.name))")
            }
        }
    }

    @Test func batchNormalizationInTrainingModeIsRejected() throws {
        let node = Node(name: "bn", opType: "BatchNormalization", inputs: ["x", "s", "b", "m", "v"], outputs: ["y"],
                        attributes: ["training_mode": .int(1)])
        let one = Tensor<Double>(shape: [2], repeating: 1)
        let graph = try Graph(name: "g", nodes: [node], initializers: ["s": one, "b": one, "m": one, "v": one],
                              inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(1), .fixed(2), .fixed(2)])],
                              outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 15)
        #expect(throws: ONNXError.self) { try graph.resolved() }
    }
}
