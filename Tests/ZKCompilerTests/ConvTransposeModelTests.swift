import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
@testable import ZKONNX
import ZKQuant
import ZKTestSupport

/// ConvTranspose (issue #33, ``ConvTransposeGeometry``; Circuits/ops, onnxruntime's outputs):
/// strides with pads and output_padding, groups with dilations, depthwise, explicit output
/// shapes, SAME_UPPER/SAME_LOWER/VALID, 1-D. Lowered as a free `rearrange` (the input spread
/// `stride` apart) and a `conv`: in both range-check modes the witness equals the inference,
/// every constraint holds, and no private wire or output can move.
@Suite struct ConvTransposeModelTests {
    static let cases = ["convtranspose", "convtranspose_grouped_dilated", "convtranspose_depthwise", "convtranspose_output_shape",
                        "convtranspose_output_shape_larger", "convtranspose_same_upper", "convtranspose_same_lower",
                        "convtranspose_valid", "convtranspose1d"]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0xC7)
    }

    /// The spread is data movement; the convolution one accumulator and its rescale.
    @Test func spreadThenConvolve() throws {
        let (model, _) = try Zoo.opCase("convtranspose")
        #expect(model.steps.map(\.operation.name) == ["rearrange", "conv", "rescale"])
    }

    /// The spread-and-convolve identity on its own, in floats, against the definition
    /// (``FloatEvaluator``) for random shapes and attributes.
    @Test func spreadConvolutionEqualsTheDefinition() throws {
        var rng = SplitMix64(seed: 0x7C)
        for _ in 0..<40 {
            let oneD = Bool.random(using: &rng)
            let group = [1, 2].randomElement(using: &rng)!
            let (c, mg) = (group * Int.random(in: 1...2, using: &rng), Int.random(in: 1...2, using: &rng))
            let spatial = oneD ? [Int.random(in: 1...5, using: &rng)] : [Int.random(in: 1...4, using: &rng), Int.random(in: 1...4, using: &rng)]
            let kernel = spatial.map { _ in Int.random(in: 1...3, using: &rng) }
            let strides = spatial.map { _ in Int.random(in: 1...3, using: &rng) }
            let dilations = spatial.map { _ in Int.random(in: 1...2, using: &rng) }
            let pads = (spatial + spatial).map { _ in Int.random(in: 0...1, using: &rng) }
            let padding = strides.map { Int.random(in: 0..<$0, using: &rng) }
            let node = Node(name: "ct", op: .convTranspose, inputs: ["x", "w"], outputs: ["y"],
                            attributes: ["group": .int(group), "strides": .ints(strides), "dilations": .ints(dilations),
                                         "pads": .ints(pads), "output_padding": .ints(padding)])
            let xShape = [1, c] + spatial, wShape = [c, mg] + kernel
            guard let geometry = try? ConvTransposeGeometry(node: node, inputShape: xShape, weightShape: wShape) else { continue }
            let x = Tensor(shape: xShape, scalars: (0..<xShape.reduce(1, *)).map { _ in Double(Int.random(in: -9...9, using: &rng)) })
            let w = Tensor(shape: wShape, scalars: (0..<wShape.reduce(1, *)).map { _ in Double(Int.random(in: -9...9, using: &rng)) })
            let reference = try FloatEvaluator.convTranspose(node, x: x, w: w, b: nil)
            let sources = geometry.spreadSources()
            let spread = Tensor(shape: geometry.spreadShape, scalars: sources.map { $0 >= 0 ? x.scalars[$0] : 0 })
            let conv = geometry.convolution(named: "c")
            let weights = Tensor(shape: geometry.convolutionWeightShape, scalars: geometry.convolutionWeights(w.scalars))
            let convolved = try FloatEvaluator.conv(conv, x: spread, w: weights, b: nil)
            #expect(convolved == reference, "\(node.attributes) on \(xShape) × \(wShape)")
        }
    }

    /// Three spatial axes, weights that do not match the input's channels, and an output_shape
    /// of the wrong length are refused naming the node.
    @Test func invalidFormsNameTheNode() throws {
        func geometry(_ input: [Int], _ weights: [Int], _ attributes: [String: Attribute] = [:]) throws -> ConvTransposeGeometry {
            try ConvTransposeGeometry(node: Node(name: "up", op: .convTranspose, inputs: [], outputs: [], attributes: attributes),
                                      inputShape: input, weightShape: weights)
        }
        #expect(throws: ONNXError.unsupportedAttribute(node: "up", opType: "ConvTranspose", reason: "0-D transposed convolution")) {
            try geometry([1, 1], [1, 1])
        }
        #expect(try geometry([1, 1, 2, 2, 2], [1, 1, 2, 2, 2]).outputSize == [3, 3, 3])
        #expect(throws: ONNXError.self) { try geometry([1, 3, 4, 4], [2, 1, 3, 3]) }
        #expect(throws: ONNXError.self) { try geometry([1, 2, 4, 4], [2, 1, 3, 3], ["group": .int(2), "output_shape": .ints([9])]) }
        #expect(try geometry([1, 2, 4, 4], [2, 1, 3, 3], ["group": .int(2)]).outputShape == [1, 2, 6, 6])
    }
}
