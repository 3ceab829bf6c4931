public import ZKConstraints
public import ZKQuant

/// Constraints per ONNX node (and for the input range checks and output copies), read from the
/// labels of a compiled R1CS: every constraint's label starts with `node <name>`, `input <name>`
/// or `output <name>`. Lookup queries carry the label of the gadget that made them followed by
/// `: lookup: <table>`, so they count with their node (and separately in ``Row/lookups``); the
/// tables' own rows and the logUp sum (`lookup: …`) form rows of kind `other`.
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
        /// Of those, the constraints of lookup queries (one per single-column query).
        public var lookups: Int

        public init(kind: String, name: String, opType: String?, steps: [String], constraints: Int, lookups: Int = 0) {
            (self.kind, self.name, self.opType, self.steps, self.constraints, self.lookups) = (kind, name, opType, steps, constraints, lookups)
        }

        enum CodingKeys: String, CodingKey { case kind, name, opType, steps, constraints, lookups }

        /// `lookups` defaults to 0 (reports written before lookups).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(String.self, forKey: .kind)
            name = try c.decode(String.self, forKey: .name)
            opType = try c.decodeIfPresent(String.self, forKey: .opType)
            steps = try c.decode([String].self, forKey: .steps)
            constraints = try c.decode(Int.self, forKey: .constraints)
            lookups = try c.decodeIfPresent(Int.self, forKey: .lookups) ?? 0
        }
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
        var counts: [String: Int] = [:], lookupCounts: [String: Int] = [:]
        for i in 0 ..< system.constraintCount {
            let label = system.label(at: i) ?? "(unlabelled)"
            let key = label.firstRange(of: ": ").map { String(label[..<$0.lowerBound]) } ?? label
            counts[key, default: 0] += 1
            if label.contains(": lookup: ") { lookupCounts[key, default: 0] += 1 }
        }
        func row(_ kind: String, _ name: String, _ key: String, opType: String?, steps: [String]) -> Row {
            Row(kind: kind, name: name, opType: opType, steps: steps, constraints: counts.removeValue(forKey: key) ?? 0,
                lookups: lookupCounts[key] ?? 0)
        }
        var rows: [Row] = []
        for input in model.inputs {
            rows.append(row("input", input.name, "input \(input.name)", opType: nil, steps: ["signedRangeCheck"]))
        }
        var seen: Set<String> = []
        for step in model.steps where !seen.contains(step.node) {
            seen.insert(step.node)
            let steps = model.steps.filter { $0.node == step.node }.map(\.operation.name)
            rows.append(row("node", step.node, "node \(step.node)", opType: step.opType, steps: steps))
        }
        for output in model.outputs {
            rows.append(row("output", output.name, "output \(output.name)", opType: nil, steps: ["makePublic"]))
        }
        for (label, count) in counts.sorted(by: { $0.key < $1.key }) {
            rows.append(Row(kind: "other", name: label, opType: nil, steps: [], constraints: count, lookups: lookupCounts[label] ?? 0))
        }
        self.rows = rows
        totalConstraints = system.constraintCount
        publicSignals = system.publicCount
        privateWires = system.privateCount
        nonZeros = system.a.entryCount + system.b.entryCount + system.c.entryCount
    }
}
