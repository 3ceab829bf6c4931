import Testing
@testable import ZKONNX

/// Opset 1–6 broadcasting (``LegacyBroadcast``): `B` placed inside `A` at `axis` when
/// `broadcast = 1`, PRelu's per-channel slope; numpy's rules from opset 7 on.
@Suite struct LegacyBroadcastTests {
    static let a = Tensor<Double>(shape: [2, 3, 4], scalars: (0 ..< 24).map { Double($0) - 11.5 })

    /// One binary node `op(x, b)` with `b` a constant or (`bIsInput`) a second graph input.
    static func graph(_ op: String, b: Tensor<Double>, bIsInput: Bool, attributes: [String: Attribute], opset: Int) throws -> Graph {
        let node = Node(name: "n", opType: op, inputs: ["x", "b"], outputs: ["y"], attributes: attributes)
        var inputs = [ValueInfo(name: "x", elementType: .float, shape: a.shape.map { .fixed($0) })]
        if bIsInput { inputs.append(ValueInfo(name: "b", elementType: .float, shape: b.shape.map { .fixed($0) })) }
        return try Graph(name: "g", nodes: [node], initializers: bIsInput ? [:] : ["b": b], inputs: inputs,
                         outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: opset)
    }

    static func evaluate(_ graph: Graph, b: Tensor<Double>, bIsInput: Bool) throws -> Tensor<Double> {
        try graph.resolved().evaluate(bIsInput ? [a, b] : [a])[0]
    }

    @Test(arguments: [false, true])
    func addAtAnAxis(bIsInput: Bool) throws {
        let b = Tensor<Double>(shape: [3], scalars: [100, 200, 300])
        let graph = try Self.graph("Add", b: b, bIsInput: bIsInput, attributes: ["broadcast": .int(1), "axis": .int(1)], opset: 6)
        let y = try Self.evaluate(graph, b: b, bIsInput: bIsInput)
        #expect(y.shape == [2, 3, 4])
        for i in 0 ..< 2 { for j in 0 ..< 3 { for k in 0 ..< 4 {
            let index = (i * 3 + j) * 4 + k
            #expect(y.scalars[index] == Self.a.scalars[index] + b.scalars[j])
        } } }
    }

    @Test func operatorsAndAxes() throws {
        // B [2, 3] at axis 0 of [2, 3, 4]: Sub, Mul, Div, Pow and a comparison.
        let b = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let cases: [(String, (Double, Double) -> Double)] = [("Sub", -), ("Mul", *), ("Div", /), ("Pow", { Foundation.pow($0, $1) }),
                                                             ("Greater", { $0 > $1 ? 1 : 0 })]
        for (op, f) in cases {
            let graph = try Self.graph(op, b: b, bIsInput: false, attributes: ["broadcast": .int(1), "axis": .int(0)], opset: 6)
            let y = try Self.evaluate(graph, b: b, bIsInput: false)
            for index in 0 ..< 24 {
                #expect(y.scalars[index] == f(Self.a.scalars[index], b.scalars[index / 4]), "\(op) at \(index)")
            }
        }
        // No axis: B aligned at the end, as numpy does.
        let tail = Tensor<Double>(shape: [4], scalars: [1, 2, 3, 4])
        let y = try Self.evaluate(try Self.graph("Add", b: tail, bIsInput: false, attributes: ["broadcast": .int(1)], opset: 6),
                                  b: tail, bIsInput: false)
        #expect(y.scalars == Self.a.scalars.enumerated().map { $1 + tail.scalars[$0 % 4] })
    }

    @Test func anAxisThatDoesNotFitIsNamed() throws {
        let b = Tensor<Double>(shape: [3], scalars: [1, 2, 3])
        for axis in [2, 3, -1, 5] {
            let graph = try Self.graph("Add", b: b, bIsInput: false, attributes: ["broadcast": .int(1), "axis": .int(axis)], opset: 6)
            #expect(throws: ONNXError.self) { try graph.resolved() }
            do { _ = try graph.resolved() } catch let error as ONNXError {
                guard case let .invalidNode(node, opType, reason) = error else { Issue.record("\(error)"); continue }
                #expect(node == "n" && opType == "Add" && reason.contains("axis \(axis)") && reason.contains("[3]"))
            }
        }
    }

    @Test func preluTakesAChannelSlopeBeforeOpset7() throws {
        let slope = Tensor<Double>(shape: [3], scalars: [0.5, 0.25, 2])
        let y = try Self.evaluate(try Self.graph("PRelu", b: slope, bIsInput: false, attributes: [:], opset: 6), b: slope, bIsInput: false)
        for index in 0 ..< 24 {
            let x = Self.a.scalars[index]
            #expect(y.scalars[index] == (x >= 0 ? x : x * slope.scalars[(index / 4) % 3]))
        }
        // From opset 7 on, numpy's rules: [3] does not broadcast against [2, 3, 4].
        let modern = try Self.graph("PRelu", b: slope, bIsInput: false, attributes: [:], opset: 9)
        #expect(throws: ONNXError.self) { try modern.resolved() }
        // Nor does Add's `axis` mean anything from opset 7 on.
        let add = try Self.graph("Add", b: slope, bIsInput: false, attributes: ["broadcast": .int(1), "axis": .int(1)], opset: 7)
        #expect(throws: ONNXError.self) { try add.resolved() }
    }
}

import Foundation
