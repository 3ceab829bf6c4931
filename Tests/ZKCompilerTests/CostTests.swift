import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKONNX
import ZKQuant

/// Constraint counts follow the gadget formulas of docs/circuits.md, with the sharing the
/// compiler promises: linear layers free, ReLU after a rescale one constraint, no double checks.
@Suite struct CostTests {
    /// The expected count for models made of linear steps, rescale/divide, ReLU and wiring.
    static func expectedCost(_ model: QuantizedModel) -> Int? {
        var cost = model.inputs.reduce(0) { $0 + $1.count * $1.bits }
        for step in model.steps {
            let count = step.outputShape.reduce(1, *)
            switch step.operation {
            case .rearrange: break   // wiring: free, its inputs' bounds carry over
            case .matMul, .conv, .windowSum, .linearCombination, .mulConstant:
                if step.isActivation { return nil }
            case let .rescale(k): cost += count * (step.bits + k)
            case let .divide(divisors):
                guard divisors.count == 1, divisors[0] > 1 else { return nil }
                let d = divisors[0], m = Int64.bitWidth - (d - 1).leadingZeroBitCount
                cost += count * (step.bits + (d & (d - 1) == 0 ? m : 2 * m))
            case .relu: cost += count   // fused with the preceding rescale's sign bit
            default: return nil
            }
        }
        return cost
    }

    @Test(arguments: ["mlp_digits", "cnn_digits", "mlp784", "lenet_digits28"])
    func countsMatchGadgetFormulas(_ name: String) throws {
        let (model, _) = try Zoo.model(name)
        let system = try ModelCircuit(model: model).makeR1CS()
        let expected = Self.expectedCost(model)
        #expect(expected != nil, "\(name) has steps the formula does not cover")
        #expect(system.constraintCount == expected ?? -1)
        // Outputs are rescale quotients, single private wires: making them public is free.
        #expect(system.publicCount == model.inputs.reduce(0) { $0 + $1.count } + model.outputs.reduce(0) { $0 + $1.count })
    }

    @Test func mlpDigitsCountIsPinned() throws {
        // 64 inputs × 24 bits + 32 × (24 + k₁) + 32 ReLUs + 10 × (24 + k₂); recorded so that a
        // change in the lowering's cost is a visible diff.
        let (model, _) = try Zoo.model("mlp_digits")
        let system = try ModelCircuit(model: model).makeR1CS()
        let report = ConstraintReport(system: system, model: model)
        #expect(report.rows.reduce(0) { $0 + $1.constraints } == system.constraintCount)
        #expect(report.rows.first?.constraints == 64 * 24)
        #expect(!report.rows.contains { $0.kind == "other" })
    }

    @Test func privateInputsRemoveInputSignals() throws {
        let (model, inputs) = try Zoo.model("mlp_digits")
        let circuit = ModelCircuit(model: model, inputVisibility: .private)
        let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
        #expect(system.publicCount == 10)
        #expect(circuit.layout.count == 10 && circuit.layout.inputs.isEmpty)
        try system.check(witness)
        #expect(outputs == (try QuantizedInference(model: model).run(input: inputs)).outputs)
    }

    @Test func sixteenBitActivationsCostLess() throws {
        var configuration = QuantizationConfiguration()
        configuration.activationBits = 16
        configuration.defaultActivationScale = 8
        let (narrow, inputs) = try Zoo.model("mlp_digits", configuration: configuration)
        let (wide, _) = try Zoo.model("mlp_digits")
        let narrowSystem = try ModelCircuit(model: narrow).makeR1CS()
        #expect(narrowSystem.constraintCount < (try ModelCircuit(model: wide).makeR1CS()).constraintCount)
        let trace = try QuantizedInference(model: narrow).run(input: inputs)
        #expect(try ModelCircuit(model: narrow).makeWitness(inputs: inputs).outputs == trace.outputs)
    }

    /// A rescale keeps its quotients' sign bits only when a later step reads them (ReLU here):
    /// with limbs the sign is a boolean constraint and the rest a check one bit narrower (whose
    /// top limb may cost an extra query), dropped when nobody reads it; with bits both checks
    /// cost the same. `y = x·W` (3 outputs), made the output directly or
    /// through a ReLU.
    @Test("a rescale makes sign bits only for a reader", arguments: [RangeCheckMode.bits, .lookup(limbBits: 8)])
    func signsOnlyWhenRead(mode: RangeCheckMode) throws {
        func model(relu: Bool) throws -> QuantizedModel {
            var nodes = [Node(name: "m", opType: "MatMul", inputs: ["x", "w"], outputs: ["m"])]
            if relu { nodes.append(Node(name: "r", opType: "Relu", inputs: ["m"], outputs: ["r"])) }
            let weights = Tensor(shape: [4, 3], scalars: (0 ..< 12).map { Double($0 % 5) / 4 - 0.4 })
            let graph = try Graph(name: "signs", nodes: nodes, initializers: ["w": weights],
                                  inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(1), .fixed(4)])],
                                  outputs: [ValueInfo(name: relu ? "r" : "m", elementType: .float, shape: nil)], opset: 13).resolved()
            return try QuantizedModel(graph: graph)
        }
        func rescaleCost(_ model: QuantizedModel) throws -> Int {
            let system = try ModelCircuit(model: model, rangeChecks: mode).makeR1CS()
            return try #require(ConstraintReport(system: system, model: model).rows.first { $0.name == "m" }).constraints
        }
        let (plain, withRelu) = (try rescaleCost(model(relu: false)), try rescaleCost(model(relu: true)))
        // Per output: a signed 24-bit check with its sign (a boolean and 23 bits) against the
        // sign-free one (24 bits).
        let perOutput = mode == .bits ? 0 : 1 + mode.constraints(unsignedBits: 23) - mode.constraints(unsignedBits: 24)
        #expect(mode == .bits || perOutput > 0)
        #expect(withRelu == plain + 3 * perOutput, "\(mode): \(plain) without a reader, \(withRelu) with ReLU")
    }
}
