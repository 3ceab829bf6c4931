#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZKONNX

/// Turns a resolved float graph into integer steps (see docs/quantization.md for the scheme).
struct Quantizer {
    let graph: ResolvedGraph
    let configuration: QuantizationConfiguration
    /// Calibrated target scale per value name.
    var calibrated: [String: Int] = [:]
    /// Scale of every activation produced so far.
    var scales: [String: Int] = [:]
    /// A proven bound on |value| of every activation or accumulator produced so far.
    var bounds: [String: Double] = [:]
    var steps: [QuantizedStep] = []
    var inputInfos: [QuantizedTensorInfo] = []
    var outputInfos: [QuantizedTensorInfo] = []
    var aligned: [String: String] = [:]
    /// Tensors proven to hold only 0 and 1 (comparison and logic outputs, at scale 0).
    var booleans: Set<String> = []
    /// How often each value is read (``ResolvedGraph/readerCounts``).
    let readers: [String: Int]
    /// Outputs of nodes whose work an earlier step already did (the bias `Add` after a `MatMul`).
    var absorbed: Set<String> = []

    init(graph: ResolvedGraph, configuration: QuantizationConfiguration) {
        self.graph = graph
        self.configuration = configuration
        readers = graph.readerCounts
    }

    var activationBound: Double { Double(Int64(1) << (configuration.activationBits - 1)) }

    /// The scale an activation named `name` should get, before precision limits: 0 for an
    /// integer-typed tensor (its values are integers, exact at scale 0: an integer MatMul's
    /// accumulator is brought back there instead of keeping its weights' scale), else the
    /// calibrated or default scale.
    func target(_ name: String) -> Int {
        if let type = graph.elementTypes[name], !type.isFloatingPoint { return 0 }
        return calibrated[name] ?? configuration.defaultActivationScale
    }

    /// Chooses per-tensor target scales from the float maxima over the samples.
    mutating func calibrate(_ samples: [[Tensor<Double>]]) throws {
        var maxima: [String: Double] = [:]
        for sample in samples {
            let values: [String: Tensor<Double>]
            do { values = try graph.evaluateAll(sample) } catch let error as ONNXError { throw QuantError.onnx(error) }
            for (name, tensor) in values where graph.constants[name] == nil {
                let magnitude = tensor.scalars.reduce(0.0) { max($0, $1.magnitude) }
                maxima[name] = max(maxima[name] ?? 0, magnitude)
            }
        }
        for (name, magnitude) in maxima {
            calibrated[name] = FixedPoint.scale(forMagnitude: magnitude * configuration.calibrationHeadroom,
                                                bits: inputWidth(name) ?? configuration.activationBits,
                                                maxScale: configuration.maxActivationScale)
        }
    }

    /// The signed width of a graph input (`nil` for any other tensor): `inputBits` when set; else
    /// ``treeInputBits`` for an input that only tree ensembles read, the activation width otherwise.
    ///
    /// A tree compares each feature with thresholds the model keeps at full precision, and one
    /// scale serves every feature of the input: features of different magnitudes (a ratio near 0.08
    /// beside an amount near 4,000) would leave the small ones a step coarser than the gaps between
    /// their thresholds and the data. The wider input keeps a fine step for them (its range checks
    /// cost a few more constraints per feature, nothing else widens).
    func inputWidth(_ name: String) -> Int? {
        guard graph.inputs.contains(where: { $0.name == name }) else { return nil }
        if let bits = configuration.inputBits { return bits }
        let readers = graph.nodes.filter { $0.inputs.contains(name) }
        let trees: Set<ONNXOperator> = [.treeEnsembleClassifier, .treeEnsembleRegressor, .treeEnsemble]
        if !readers.isEmpty, readers.allSatisfy({ $0.op.map(trees.contains) ?? false }) {
            return max(configuration.activationBits, Self.treeInputBits)
        }
        return configuration.activationBits
    }

    /// The width of an input only tree ensembles read (``inputWidth(_:)``).
    static let treeInputBits = 32

    mutating func run() throws {
        for input in graph.inputs {
            let scale = configuration.inputScale ?? target(input.name)
            let bits = inputWidth(input.name)!
            scales[input.name] = scale
            bounds[input.name] = Double(Int64(1) << (bits - 1))
            inputInfos.append(QuantizedTensorInfo(name: input.name, shape: input.shape, scale: scale, bits: bits))
        }
        for node in graph.nodes where !node.outputs.contains(where: absorbed.contains) { try lower(node) }
        for output in graph.outputs {
            if scales[output.name] == nil, let value = graph.constants[output.name] {
                // A constant output (an `arange`): its quantized values as the constants of a
                // `rearrange` without inputs, so the circuit makes them public outputs.
                let scale = output.elementType.isFloatingPoint ? target(output.name) : 0
                let node = Node(name: output.name, opType: "Constant", inputs: [], outputs: [output.name])
                let quantized = try quantize(value, scale: scale, node)
                try append(node, .rearrange(sources: (0 ..< quantized.count).map { -1 - $0 }, constants: quantized.scalars), inputs: [],
                           output: output.name, shape: value.shape, scale: scale, bound: maxMagnitude(quantized.scalars), isActivation: true)
            }
            guard let scale = scales[output.name] else {
                throw QuantError.unsupportedQuantization(node: output.name, opType: "output", reason: "graph output is not computed")
            }
            outputInfos.append(QuantizedTensorInfo(name: output.name, shape: output.shape, scale: scale, bits: configuration.activationBits))
        }
    }

    // MARK: - Helpers

    func unsupported(_ node: Node, _ reason: String) -> QuantError {
        .unsupportedQuantization(node: node.name, opType: node.opType, reason: reason)
    }

    /// The shape of a tensor: the graph's, or its step's (for the quantizer's own intermediates).
    func shape(of name: String) -> [Int] {
        graph.shapes[name] ?? steps.last(where: { $0.output == name })?.outputShape ?? []
    }

    /// The signed width of a tensor: a graph input's, or its step's.
    func bits(of name: String) -> Int {
        if let step = steps.last(where: { $0.output == name }) { return step.bits }
        // A graph input: narrower ones are read as activations (as before), wider ones as they are.
        return max(configuration.activationBits, inputInfos.first(where: { $0.name == name })?.bits ?? 0)
    }

    func isActivation(_ name: String?) -> Bool { name.map { scales[$0] != nil } ?? false }

    func constant(_ name: String?, _ node: Node) throws -> Tensor<Double> {
        guard let name, let value = graph.constants[name] else {
            throw unsupported(node, "operand '\(name ?? "")' must be a constant")
        }
        return value
    }

    func activation(_ name: String?, _ node: Node) throws -> String {
        guard let name, scales[name] != nil else {
            throw unsupported(node, "operand '\(name ?? "")' must depend on the input")
        }
        return name
    }

    /// Quantizes a constant multiplier at its own best scale (weightBits, maxWeightScale).
    /// `maxScale` (default ``QuantizationConfiguration/maxWeightScale``) caps the scale.
    func quantizeMultiplier(_ tensor: Tensor<Double>, _ node: Node, maxScale: Int? = nil) throws -> (Tensor<Int64>, Int) {
        let magnitude = tensor.scalars.reduce(0.0) { max($0, $1.magnitude) }
        let scale = max(0, FixedPoint.scale(forMagnitude: magnitude, bits: configuration.weightBits, maxScale: maxScale ?? configuration.maxWeightScale))
        return (try quantize(tensor, scale: scale, node), scale)
    }

    func quantize(_ tensor: Tensor<Double>, scale: Int, _ node: Node) throws -> Tensor<Int64> {
        let scalars = try tensor.scalars.map { value -> Int64 in
            guard let q = FixedPoint.quantize(value, scale: scale) else {
                throw QuantError.overflow(node: node.name, reason: "constant \(value) does not fit 62 bits at scale \(scale)")
            }
            return q
        }
        return Tensor(shape: tensor.shape, scalars: scalars)
    }

    func maxMagnitude(_ values: [Int64]) -> Double { values.reduce(0.0) { max($0, Double($1.magnitude)) } }

    mutating func append(_ node: Node, _ operation: QuantizedOperation, inputs: [String], output: String,
                         shape: [Int], scale: Int, bound: Double, isActivation: Bool) throws {
        // Every intermediate, activation or accumulator, must provably stay below 2^60 so that the
        // 64-bit kernels (including `x + 2^(k−1)` and `2x + d`) are exact.
        if bound >= 0x1p60 {
            throw QuantError.overflow(node: node.name, reason: "proven bound 2^\(Int(log2(bound))) reaches 2^60; use fewer bits")
        }
        let bits = isActivation ? configuration.activationBits : min(63, FixedPoint.bits(forBound: bound))
        steps.append(QuantizedStep(node: node.name, opType: node.opType, operation: operation, inputs: inputs,
                                   output: output, outputShape: shape, scale: scale, bits: bits, isActivation: isActivation))
        scales[output] = scale
        bounds[output] = isActivation ? activationBound : bound
    }

    /// `output = input` as its own step (`linearCombination([1])`, free): a renamed or re-typed
    /// tensor that keeps its values.
    mutating func emitCopy(_ node: Node, _ input: String, output: String, shape: [Int], scale: Int, bound: Double,
                           isActivation: Bool) throws {
        try append(node, .linearCombination(coefficients: [1], constant: nil), inputs: [input], output: output, shape: shape,
                   scale: scale, bound: bound, isActivation: isActivation)
    }

    /// Emits an accumulating step at `accumulatorScale` and, when the target scale is coarser, the
    /// rescale that brings it back into an activation.
    /// `output` and `shape` default to the node's first output and its shape.
    mutating func emitAccumulated(_ node: Node, _ operation: QuantizedOperation, inputs: [String],
                                  accumulatorScale: Int, bound: Double, outputScale: Int? = nil,
                                  output named: String? = nil, shape given: [Int]? = nil) throws {
        let output = named ?? node.outputs[0]
        let shape = given ?? graph.shapes[output] ?? []
        let scale = min(outputScale ?? target(output), accumulatorScale)
        if scale == accumulatorScale {
            try append(node, operation, inputs: inputs, output: output, shape: shape, scale: scale, bound: bound, isActivation: true)
        } else {
            let accumulator = "\(output)#acc"
            try append(node, operation, inputs: inputs, output: accumulator, shape: shape, scale: accumulatorScale,
                       bound: bound, isActivation: false)
            try append(node, .rescale(shift: accumulatorScale - scale), inputs: [accumulator], output: output,
                       shape: shape, scale: scale, bound: activationBound, isActivation: true)
        }
    }

    /// The name of `name` brought down to `scale` (a rescale step is emitted once when needed).
    mutating func align(_ name: String, to scale: Int, _ node: Node) throws -> String {
        guard let current = scales[name], current != scale else { return name }
        guard current > scale else { throw unsupported(node, "cannot raise '\(name)' from scale \(current) to \(scale)") }
        let key = "\(name)#s\(scale)"
        if aligned[key] != nil { return key }
        try append(node, .rescale(shift: current - scale), inputs: [name], output: key, shape: graph.shapes[name] ?? [],
                   scale: scale, bound: activationBound, isActivation: true)
        aligned[key] = key
        return key
    }
}
