public import ZKConstraints
public import ZKQuant

/// Constraints per ONNX node (and for the input range checks and output copies), read from the
/// labels of a compiled R1CS: every constraint's label starts with `node <name>`, `input <name>`
/// or `output <name>`.
public struct ConstraintReport: Sendable, Equatable, Codable {
    /// One labelled group of constraints.
    public struct Row: Sendable, Equatable, Codable {
        /// `node`, `input` or `output`.
        public var kind: String
        /// The ONNX node (or tensor) name.
        public var name: String
        /// The ONNX operator, for nodes.
        public var opType: String?
        /// The integer steps of the node (`matMul`, `rescale`…).
        public var steps: [String]
        public var constraints: Int
    }

    /// Rows in execution order (inputs first, outputs last).
    public var rows: [Row]
    public var totalConstraints: Int
    public var publicSignals: Int
    public var privateWires: Int
    /// Non-zero entries of A, B and C together (what the prover's witness map reads).
    public var nonZeros: Int

    /// Groups `system`'s constraints by the label prefix the compiler writes.
    public init(system: R1CS, model: QuantizedModel) {
        var counts: [String: Int] = [:]
        for i in 0 ..< system.constraintCount {
            let label = system.label(at: i) ?? "(unlabelled)"
            let key = label.firstRange(of: ": ").map { String(label[..<$0.lowerBound]) } ?? label
            counts[key, default: 0] += 1
        }
        var rows: [Row] = []
        for input in model.inputs {
            rows.append(Row(kind: "input", name: input.name, opType: nil, steps: ["signedRangeCheck"], constraints: counts.removeValue(forKey: "input \(input.name)") ?? 0))
        }
        var seen: Set<String> = []
        for step in model.steps where !seen.contains(step.node) {
            seen.insert(step.node)
            let steps = model.steps.filter { $0.node == step.node }.map(\.operation.name)
            rows.append(Row(kind: "node", name: step.node, opType: step.opType, steps: steps, constraints: counts.removeValue(forKey: "node \(step.node)") ?? 0))
        }
        for output in model.outputs {
            rows.append(Row(kind: "output", name: output.name, opType: nil, steps: ["makePublic"], constraints: counts.removeValue(forKey: "output \(output.name)") ?? 0))
        }
        for (label, count) in counts.sorted(by: { $0.key < $1.key }) {
            rows.append(Row(kind: "other", name: label, opType: nil, steps: [], constraints: count))
        }
        self.rows = rows
        totalConstraints = system.constraintCount
        publicSignals = system.publicCount
        privateWires = system.privateCount
        nonZeros = system.a.entryCount + system.b.entryCount + system.c.entryCount
    }
}
