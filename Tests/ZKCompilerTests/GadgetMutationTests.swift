import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Circuit mutation testing at scale (issue #10, item 4): for every Circuits/ model, tamper with
/// witness entries of every constraint-emitting gadget and count the mutations that still satisfy
/// the constraints ("escapes"; the goal, asserted, is zero).
///
/// A mutated wire only affects the constraints that mention it, so each mutation is checked on
/// those rows alone (the column index of A, B and C): that makes testing *every* wire affordable
/// at the full level. A wire no constraint mentions would be free — it is reported as an escape of
/// the gadget "(unreferenced)".
@Suite struct GadgetMutationTests {
    /// Per gadget: mutations tried and the wires that escaped.
    struct Report {
        var tried: [String: Int] = [:]
        var escaped: [String: [String]] = [:]
        var totalTried: Int { tried.values.reduce(0, +) }
        var totalEscaped: Int { escaped.values.reduce(0) { $0 + $1.count } }
        var summary: String {
            tried.keys.sorted().map { "\($0): \(tried[$0]!) tried, \(escaped[$0]?.count ?? 0) escaped" }.joined(separator: "; ")
        }
    }

    /// The gadget family of a constraint label: `node /fc1/Gemm: rescale(k=12): quotient: …` →
    /// `rescale`; `input x: …` → `input`; `output y: …` → `output`; `parameters: …` → `parameters`;
    /// a constraint the gadget does not name itself (`node relu0`) takes its step's operation.
    static func gadget(_ label: String?, operations: [String: String]) -> String {
        guard let label else { return "(unlabelled)" }
        let parts = label.components(separatedBy: ": ")
        let head = parts[0]
        if head.hasPrefix("input ") || head.hasPrefix("output ") {
            let kind = String(head.prefix { $0 != " " })
            return parts.count > 1 && parts[1].hasPrefix("poseidon") ? "\(kind) poseidon" : kind
        }
        if head == "parameters" { return "parameters" }
        guard parts.count > 1 else { return operations[String(head.dropFirst(5))] ?? "(node, unnamed)" }
        return String(parts[1].prefix { $0 != "(" })
    }

    /// Mutates `perGadget` wires of each gadget (every wire when `nil`), each by +1, −1, 2^8 and a
    /// random element, plus every public signal.
    static func mutate(_ system: R1CS, _ witness: Witness, model: QuantizedModel, perGadget: Int?, seed: UInt64) -> Report {
        let operations = Dictionary(model.steps.map { ($0.node, $0.operation.name) }, uniquingKeysWith: { a, _ in a })
        let check = CircuitCheck(system, witness)
        let rows = check.rowsByWire
        var byGadget: [String: [Int]] = [:]
        for wire in 1 ..< system.variableCount {
            // The gadget of the first constraint mentioning the wire: the one that produced it.
            let owner = rows[wire].first.map { gadget(system.label(at: Int($0)), operations: operations) } ?? "(unreferenced)"
            byGadget[owner, default: []].append(wire)
        }
        var generator = SeededGenerator(seed: seed)
        var report = Report()
        let deltas: [CircuitCheck.Delta] = CircuitCheck.Delta.plusMinusOne + [.add(BN254.Fr(256)), .random]
        for (name, wires) in byGadget.sorted(by: { $0.key < $1.key }) {
            var sample = wires
            if let perGadget, sample.count > perGadget {
                sample.shuffle(using: &generator)
                sample = Array(sample.prefix(perGadget))
            }
            report.tried[name, default: 0] += sample.count * deltas.count
            let escaped = check.escapes(wires: .list(sample), deltas: deltas, seed: seed)
            if !escaped.isEmpty { report.escaped[name, default: []] += escaped.map(\.description) }
        }
        return report
    }

    static let models = TestLevel.isFull ? Zoo.models : Zoo.smallModels

    /// Every gadget of every model: no mutation escapes.
    @Test(arguments: models)
    func noMutationEscapes(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let (system, witness, _) = try ModelCircuit(model: model).makeWitness(inputs: inputs)
        #expect(system.isSatisfied(by: witness))
        let report = Self.mutate(system, witness, model: model, perGadget: TestLevel.isFull ? nil : 40, seed: 0x4D55)
        print("mutations \(name): \(report.totalTried) tried, \(report.totalEscaped) escaped — \(report.summary)")
        #expect(report.totalTried > 0)
        #expect(report.totalEscaped == 0, "\(name): \(report.escaped)")
    }

    /// The hashed forms (inputs, outputs and parameters) too.
    @Test func noMutationEscapesWithEverythingHashed() throws {
        let (model, inputs) = try Zoo.model("mlp_digits")
        let circuit = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed, parameterVisibility: .hashed)
        let (system, witness, _) = try circuit.makeWitness(inputs: inputs)
        let report = Self.mutate(system, witness, model: model, perGadget: TestLevel.isFull ? nil : 40, seed: 0x4855)
        print("mutations mlp_digits (hashed): \(report.totalTried) tried, \(report.totalEscaped) escaped — \(report.summary)")
        #expect(report.tried["parameters"] ?? 0 > 0 && report.tried["input poseidon"] ?? 0 > 0)
        #expect(report.totalEscaped == 0, "\(report.escaped)")
    }

    /// The same with every digest salted: the salt wires and their range checks are attributed to
    /// the digests' gadgets, and no mutation of them escapes.
    @Test func noMutationEscapesWithSaltedDigests() throws {
        let (model, inputs) = try Zoo.model("mlp_digits")
        let circuit = ModelCircuit(model: model, inputVisibility: .hashed, outputVisibility: .hashed, parameterVisibility: .hashed,
                                   salting: .all)
        var generator = SeededGenerator(seed: 0x5A55)
        let salts = DigestSalts().completed(for: circuit.layout, roles: [.input, .output, .parameters], using: &generator)
        let (system, witness, _) = try circuit.makeWitness(inputs: inputs, salts: salts)
        let report = Self.mutate(system, witness, model: model, perGadget: TestLevel.isFull ? nil : 40, seed: 0x5355)
        print("mutations mlp_digits (hashed, salted): \(report.totalTried) tried, \(report.totalEscaped) escaped — \(report.summary)")
        #expect(report.tried["input poseidon"] ?? 0 > 0 && report.tried["output poseidon"] ?? 0 > 0)
        #expect(report.totalEscaped == 0, "\(report.escaped)")
    }

    /// The harness can fail: a constraint system with a wire no constraint mentions escapes.
    @Test func harnessReportsAFreeWire() throws {
        let builder = CircuitBuilder(mode: .proving)
        let x = builder.privateInput { () throws(CircuitError) in BN254.Fr(3) }
        _ = builder.privateInput { () throws(CircuitError) in BN254.Fr(4) }   // never constrained
        builder.withLabel("node n: square") { _ = builder.makePublic(builder.mul(x, x)) }
        let system = try builder.makeR1CS()
        let (model, _) = try Zoo.model("mlp_digits")
        let report = Self.mutate(system, try builder.makeWitness(), model: model, perGadget: nil, seed: 1)
        #expect(report.escaped["(unreferenced)"]?.count == 4)
        #expect(report.escaped["square"] == nil)
    }
}
