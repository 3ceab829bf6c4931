import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Resize and Upsample (issue #33, ``ResizeGeometry``; Circuits/ops, onnxruntime's outputs): every
/// mode, coordinate transformation and nearest mode, scales or sizes, tf_crop_and_resize with
/// extrapolation, opset 10 and 18 forms; DepthToSpace, SpaceToDepth and Where with a constant
/// condition (all data movement). Each lowered in both range-check modes: the witness equals
/// the inference, every constraint holds, and no private wire or output can move.
@Suite struct ResizeModelTests {
    static let cases = ["resize_nearest", "resize_nearest_asymmetric_floor", "resize_nearest_align_corners_ceil",
                        "resize_nearest_shrink_prefer_ceil", "resize_linear", "resize_linear_align_corners_sizes",
                        "resize_linear_pytorch_shrink", "resize_linear_asymmetric", "resize_cubic", "resize_cubic_exclude_outside",
                        "resize_tf_crop_and_resize", "resize_half_pixel_symmetric", "resize_axes_not_larger", "resize_opset10_nearest",
                        "resize_opset10_nearest_shrink", "resize_opset10_linear", "upsample_nearest", "upsample_linear_opset7",
                        "depth_to_space", "depth_to_space_crd", "space_to_depth", "where_constant_mask",
                        "where_constant_mask_two_branches"]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0x2E51)
    }

    /// Nearest is data movement (one free `rearrange`), as is a Where with a constant mask;
    /// linear and cubic are free weighted sums with one `rescale`.
    @Test func nearestMovesAndInterpolationRescalesOnce() throws {
        let (nearest, _) = try Zoo.opCase("resize_nearest")
        #expect(nearest.steps.map(\.operation.name) == ["rearrange", "rearrange"])
        let (cubic, _) = try Zoo.opCase("resize_cubic")
        #expect(cubic.steps.map(\.operation.name) == ["rearrange", "rearrange", "mulConstant", "windowSum", "rescale"])
        let (masked, _) = try Zoo.opCase("where_constant_mask")
        #expect(masked.steps.map(\.operation.name) == ["rearrange"])
    }

    /// Shrinking with antialias (a filter whose width depends on the scale) and an unknown mode are
    /// refused naming the node.
    @Test func unsupportedFormsNameTheNode() throws {
        func resolve(_ attributes: [String: Attribute]) throws -> ResolvedGraph {
            try Graph(name: "g", nodes: [Node(name: "rs", opType: "Resize", inputs: ["x", "", "scales"], outputs: ["y"], attributes: attributes)],
                      initializers: ["scales": Tensor(shape: [2], scalars: [1, 0.5])],
                      inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(2), .fixed(4)])],
                      outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 18).resolved()
        }
        #expect(throws: ONNXError.invalidNode(node: "rs", opType: "Resize", reason: "antialias when shrinking (a scale-dependent filter)")) {
            try resolve(["mode": .string("linear"), "antialias": .int(1)])
        }
        #expect(throws: ONNXError.invalidNode(node: "rs", opType: "Resize", reason: "mode 'area'")) { try resolve(["mode": .string("area")]) }
        #expect(try resolve(["mode": .string("nearest"), "antialias": .int(1)]).shapes["y"] == [2, 2])
    }

    /// A constant the data movement would place (a mask's fill, an extrapolation value) must fit
    /// the activation width: nothing checks a rearranged element, so a wider one is refused by name.
    @Test func aConstantWiderThanAnActivationIsRefused() throws {
        let graph = try Graph(name: "g", nodes: [Node(name: "masked", opType: "Where", inputs: ["mask", "x", "fill"], outputs: ["y"])],
                              initializers: ["mask": Tensor(shape: [2], scalars: [1, 0]), "fill": Tensor(shape: [], scalars: [-10_000])],
                              inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(2)])],
                              outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13).resolved()
        #expect(throws: QuantError.self) { try QuantizedModel(graph: graph) }
        #expect(try QuantizedModel(graph: graph, configuration: QuantizationConfiguration(activationBits: 28)).steps.map(\.operation.name) == ["rearrange"])
    }
}
