import ZKONNX

/// Runs a ``QuantizedModel`` exactly in 64-bit integers.
///
/// ```swift
/// let inference = QuantizedInference(model: model)
/// let trace = try inference.run(input: try model.quantizeInputs([pixels]))
/// let logits = model.dequantizeOutputs(trace.outputs)
/// ```
/// Accumulators never wrap: the quantizer proves a bound below 2^60 for each one. Every
/// activation is checked against its declared bit width.
public struct QuantizedInference: Sendable {
    public let model: QuantizedModel

    public init(model: QuantizedModel) {
        self.model = model
    }

    /// Runs every step on quantized inputs.
    /// - Parameter input: one integer tensor per graph input, in graph-input order.
    /// - Returns: the trace of every intermediate tensor.
    /// - Throws: ``QuantError/outOfRange(node:tensor:index:value:bits:)`` naming the ONNX node whose
    ///   output left its declared range; ``QuantError/outsideDomain(node:tensor:index:value:domain:)``
    ///   for a function's input its table does not cover; ``QuantError/inputMismatch(input:expectedCount:got:)``.
    public func run(input: [Tensor<Int64>]) throws -> QuantizedTrace {
        guard input.count == model.inputs.count else {
            throw QuantError.inputArrayCount(input: input.count < model.inputs.count ? model.inputs[input.count].name : "(extra)",
                                             expected: model.inputs.count, got: input.count)
        }
        var values: [String: Tensor<Int64>] = [:]
        for (info, tensor) in zip(model.inputs, input) {
            guard tensor.count == info.count else {
                throw QuantError.inputMismatch(input: info.name, expectedCount: info.count, got: tensor.count)
            }
            try Self.checkRange(tensor.scalars, bits: info.bits, node: "(input)", tensor: info.name)
            values[info.name] = tensor.reshaped(info.shape)
        }
        for step in model.steps {
            let operands = step.inputs.map { values[$0]! }
            if let x = operands.first, let error = outsideDomain(step, x.scalars) { throw error }
            let result = IntegerKernels.apply(step, operands)
            try Self.checkRange(result, bits: step.bits, node: step.node, tensor: step.output)
            values[step.output] = Tensor(shape: step.outputShape, scalars: result)
        }
        return QuantizedTrace(values: values, outputs: model.outputs.map { values[$0.name]! })
    }

    /// Quantizes float inputs, runs, and de-quantizes the outputs.
    /// - Returns: the de-quantized outputs (one flat array per graph output) and the trace.
    public func run(floatInputs: [[Double]]) throws -> (outputs: [[Double]], trace: QuantizedTrace) {
        let trace = try run(input: try model.quantizeInputs(floatInputs))
        return (model.dequantizeOutputs(trace.outputs), trace)
    }

    /// The error for the first input outside the domain of a step whose integer primitive is
    /// partial (a table's holes, `reciprocal` on `x ≤ 0`, `oneHot` beyond `[−n, n)`), naming the
    /// node, the tensor, the index and the value (real, at the input's scale); `nil` otherwise.
    func outsideDomain(_ step: QuantizedStep, _ x: [Int64]) -> QuantError? {
        let (index, scale, domain): (Int?, Int, String) = switch step.operation {
        case let .table(table): (x.firstIndex { table.value(at: $0) == nil }, table.inputScale, "\(table.function) on \(table.domainDescription)")
        case .reciprocal: (x.firstIndex { $0 <= 0 }, model.steps.first { $0.output == step.inputs[0] }?.scale ?? 0, "1/x on x > 0")
        case let .oneHot(depth): (x.firstIndex { $0 < -Int64(depth) || $0 >= Int64(depth) }, 0, "an index in [−\(depth), \(depth))")
        default: (nil, 0, "")
        }
        return index.map { .outsideDomain(node: step.node, tensor: step.inputs[0], index: $0, value: Double(x[$0]) * FixedPoint.power(-scale),
                                          domain: domain) }
    }

    static func checkRange(_ values: [Int64], bits: Int, node: String, tensor: String) throws {
        let high = bits >= 64 ? Int64.max : (Int64(1) << (bits - 1)) - 1
        let low = bits >= 64 ? Int64.min : -(Int64(1) << (bits - 1))
        for (index, value) in values.enumerated() where value < low || value > high {
            throw QuantError.outOfRange(node: node, tensor: tensor, index: index, value: value, bits: bits)
        }
    }
}

extension QuantizedModel {
    /// Float inference of the same (batch-norm-folded) graph, for comparison.
    /// - Parameter inputs: one flat row-major array per graph input.
    /// - Returns: one flat array per graph output.
    public func runFloat(_ inputs: [[Double]]) throws -> [[Double]] {
        guard inputs.count == graph.inputs.count else {
            throw QuantError.inputArrayCount(input: inputs.count < graph.inputs.count ? graph.inputs[inputs.count].name : "(extra)",
                                             expected: graph.inputs.count, got: inputs.count)
        }
        let tensors = try zip(graph.inputs, inputs).map { info, flat -> Tensor<Double> in
            guard flat.count == info.count else { throw QuantError.inputMismatch(input: info.name, expectedCount: info.count, got: flat.count) }
            return Tensor(shape: info.shape, scalars: flat)
        }
        do { return try graph.evaluate(tensors).map(\.scalars) } catch let error as ONNXError { throw QuantError.onnx(error) }
    }
}
