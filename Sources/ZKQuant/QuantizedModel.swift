import ZKONNX

/// A graph input or output of a quantized model: shape, scale and bit width.
public struct QuantizedTensorInfo: Sendable, Equatable, Codable {
    public var name: String
    public var shape: [Int]
    /// real ≈ q·2^-scale.
    public var scale: Int
    public var bits: Int
    public var count: Int { shape.reduce(1, *) }

    public init(name: String, shape: [Int], scale: Int, bits: Int) {
        self.name = name
        self.shape = shape
        self.scale = scale
        self.bits = bits
    }
}

/// A model in fixed point: the list of integer steps the inference runs and the circuit proves.
///
/// Build one with ``QuantizedModel/init(graph:configuration:calibration:)`` and run it with
/// ``QuantizedInference``.
public struct QuantizedModel: Sendable {
    public var name: String
    public var inputs: [QuantizedTensorInfo]
    public var outputs: [QuantizedTensorInfo]
    /// The integer steps in execution order.
    public var steps: [QuantizedStep]
    public var configuration: QuantizationConfiguration
    /// The float graph the model was quantized from (for float inference and inspection).
    public var graph: ResolvedGraph

    /// Quantizes a resolved graph (batch normalization is folded first).
    /// - Parameters:
    ///   - configuration: bit widths and default scales.
    ///   - calibration: sample inputs (each one tensor per graph input); when given, every
    ///     activation's scale is the largest that keeps the observed maximum inside its range with
    ///     `calibrationHeadroom` to spare.
    /// - Throws: ``QuantError`` for an op without an integer form or a constant that does not fit.
    public init(graph: ResolvedGraph, configuration: QuantizationConfiguration = .init(),
                calibration: [[Tensor<Double>]] = []) throws {
        try configuration.validate()
        let folded = graph.foldingBatchNormalization()
        var quantizer = Quantizer(graph: folded, configuration: configuration)
        if !calibration.isEmpty { try quantizer.calibrate(calibration) }
        try quantizer.run()
        name = graph.name
        inputs = quantizer.inputInfos
        outputs = quantizer.outputInfos
        steps = quantizer.steps
        self.configuration = configuration
        self.graph = folded
    }

    /// Quantizes float inputs: `q = ⌊x·2^s + 1/2⌋` per input.
    /// - Throws: ``QuantError/nonFiniteInput(input:index:)``, ``QuantError/inputArrayCount(input:expected:got:)``, ``QuantError/inputMismatch(input:expectedCount:got:)``
    ///   or ``QuantError/outOfRange(node:tensor:index:value:bits:)`` naming the input.
    public func quantizeInputs(_ values: [[Double]]) throws -> [Tensor<Int64>] {
        guard values.count == inputs.count else {
            throw QuantError.inputArrayCount(input: values.count < inputs.count ? inputs[values.count].name : "(extra)",
                                             expected: inputs.count, got: values.count)
        }
        return try zip(inputs, values).map { info, flat in try info.quantize(flat) }
    }

    /// De-quantizes integer outputs: `x = q·2^-s`.
    public func dequantizeOutputs(_ values: [Tensor<Int64>]) -> [[Double]] {
        zip(outputs, values).map { info, tensor in tensor.scalars.map { Double($0) / FixedPoint.power(info.scale) } }
    }
}
