import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// `Conv → Relu → AveragePool(2×2)`: the quantizer folds the division into the rescale, and the
/// lowering makes each window's sum one wire through the ReLU rows (no constraint more).
@Suite struct PoolSumTests {
    static func model(reluAfterPool: Bool = false) throws -> QuantizedModel {
        var nodes = [
            Node(name: "conv", opType: "Conv", inputs: ["x", "w"], outputs: ["c"]),
            Node(name: "relu", opType: "Relu", inputs: ["c"], outputs: ["r"]),
            Node(name: "pool", opType: "AveragePool", inputs: ["r"], outputs: ["y"],
                 attributes: ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])]),
            Node(name: "flatten", opType: "Flatten", inputs: ["y"], outputs: ["f"]),
        ]
        if reluAfterPool {
            nodes[3] = Node(name: "relu2", opType: "Relu", inputs: ["y"], outputs: ["z"])
            nodes.append(Node(name: "flatten", opType: "Flatten", inputs: ["z"], outputs: ["f"]))
        }
        let graph = try Graph(name: "g", nodes: nodes, initializers: ["w": Tensor(shape: [2, 1, 1, 1], scalars: [0.75, -1.25])],
                              inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(1), .fixed(1), .fixed(4), .fixed(4)])],
                              outputs: [ValueInfo(name: "f", elementType: .float, shape: nil)], opset: 13).resolved()
        return try QuantizedModel(graph: graph)
    }

    static func inputs(_ model: QuantizedModel) throws -> [Tensor<Int64>] {
        var generator = SeededGenerator(seed: 0x9001)
        return try model.quantizeInputs([(0 ..< 16).map { _ in Double(Int.random(in: -2000 ... 2000, using: &generator)) / 500 }])
    }

    /// The pooled sums are sums of ReLU outputs: a ReLU after them costs nothing (as it did after
    /// the divide the fold replaced, whose range check gave its sign).
    @Test func aReluAfterTheSumsIsFree() throws {
        let plain = try ModelCircuit(model: Self.model()).makeR1CS()
        let model = try Self.model(reluAfterPool: true)
        let (system, witness, outputs) = try ModelCircuit(model: model).makeWitness(inputs: Self.inputs(model))
        #expect(system.constraintCount == plain.constraintCount)
        #expect(outputs[0].scalars == (try QuantizedInference(model: model).run(input: Self.inputs(model))).outputs[0].scalars)
        try system.check(witness)
    }

    @Test func eachWindowSumIsOneWireAndNothingIsLeftUnconstrained() throws {
        let model = try Self.model()
        let circuit = ModelCircuit(model: model)
        let (system, witness, outputs) = try circuit.makeWitness(inputs: Self.inputs(model))
        // Same constraints as without the sums: per conv output a rescale (22 + k + 2) and a ReLU.
        let labels = (0 ..< system.constraintCount).compactMap { system.label(at: $0) }
        #expect(!labels.contains { $0.hasPrefix("node pool") } && labels.filter { $0.hasPrefix("node relu") }.count == 32)
        // The outputs are the window sums of the exact inference, published without a copy: a
        // window sum mentioned more than one wire would need one constraint each to publish.
        let trace = try QuantizedInference(model: model).run(input: Self.inputs(model))
        #expect(outputs[0].scalars == trace.outputs[0].scalars)
        #expect(!labels.contains { $0.hasPrefix("output") })
        // Every wire, the sums included, is pinned: changing any one breaks a constraint.
        try CircuitCheck.expectSound(system, witness, "pooled sums")
    }
}
