import Testing
@testable import ZKONNX

/// A node whose output shape comes from an input (Reshape's and Expand's shape, Tile's repeats,
/// Split's sizes, ConstantOfShape's shape) needs that input constant: computed from the model's
/// inputs it is refused naming the node and the input, instead of resolving a shape from the
/// inputs' placeholder values. A shape folded from `Shape` is a constant and resolves.
@Suite struct ComputedShapeTests {
    static func graph(_ nodes: [Node], inputs: [ValueInfo], output: String) throws -> Graph {
        try Graph(name: "g", nodes: nodes, initializers: [:], inputs: inputs,
                  outputs: [ValueInfo(name: output, elementType: .float, shape: nil)], opset: 13)
    }

    static let x = ValueInfo(name: "x", elementType: .float, shape: [.fixed(2), .fixed(3)])
    static let s = ValueInfo(name: "s", elementType: .int64, shape: [.fixed(2)])

    @Test(arguments: [("Reshape", "shape"), ("Expand", "shape"), ("Tile", "repeats"), ("Split", "split sizes")])
    func computedShapeIsNamed(_ op: String, _ role: String) throws {
        let outputs = op == "Split" ? ["y", "z"] : ["y"]
        let graph = try Self.graph([Node(name: "n", opType: op, inputs: ["x", "s"], outputs: outputs)], inputs: [Self.x, Self.s], output: "y")
        #expect(throws: ONNXError.invalidNode(node: "n", opType: op,
                                              reason: "its \(role) 's' is computed from the model's inputs; a circuit needs it constant")) {
            try graph.resolved()
        }
    }

    @Test func constantOfShapeOfAnInputIsNamed() throws {
        let graph = try Self.graph([Node(name: "c", opType: "ConstantOfShape", inputs: ["s"], outputs: ["y"])], inputs: [Self.s], output: "y")
        #expect(throws: ONNXError.invalidNode(node: "c", opType: "ConstantOfShape",
                                              reason: "its shape 's' is computed from the model's inputs; a circuit needs it constant")) {
            try graph.resolved()
        }
    }

    @Test func aShapeFoldedFromShapeResolves() throws {
        // Reshape(x, Shape(x)) and Expand(x, Shape(x)): the shape is a folded constant.
        let nodes = [Node(name: "shape", opType: "Shape", inputs: ["x"], outputs: ["s"]),
                     Node(name: "r", opType: "Reshape", inputs: ["x", "s"], outputs: ["r"]),
                     Node(name: "e", opType: "Expand", inputs: ["r", "s"], outputs: ["y"])]
        let resolved = try Self.graph(nodes, inputs: [Self.x], output: "y").resolved()
        #expect(resolved.outputs[0].shape == [2, 3] && resolved.nodes.map(\.name) == ["r", "e"])
    }
}
