import Testing
import ZKConstraints
import ZKField

/// The one circuit-check harness of the test targets (the idea of gnark's
/// `test/assert_checkcircuit.go`): a circuit and its honest witness, then
///
/// 1. the valid witness is accepted (``R1CS/check(_:)``, whose error names the failing
///    constraint and its label),
/// 2. the constraint count is the documented one, when the caller gives it,
/// 3. every wire — or a seeded sample of them for large circuits — moved by each delta alone is
///    rejected.
///
/// A moved wire only changes the rows that mention it, so once the honest witness satisfies the
/// system each tampering is checked on those rows only (the answer of
/// ``R1CS/isSatisfied(by:)``, at the cost of a few rows). A wire that no constraint mentions is
/// free, so every change of it escapes.
public struct CircuitCheck {
    /// Which wires are tampered with.
    public enum Wires: Sendable {
        /// Every wire but the constant one: the public signals and every private wire.
        case all
        /// Every private wire.
        case privateWires
        /// These wires.
        case list([Int])
        /// `count` private wires drawn (with repetition) from a generator seeded with `seed`.
        case sample(count: Int, seed: UInt64)
    }

    /// How a tampered wire moves.
    public enum Delta: Sendable, CustomStringConvertible {
        /// Adds this field element.
        case add(BN254.Fr)
        /// Adds a field element drawn from the harness's seeded generator (a new one per wire).
        case random

        /// `+1`, `−1`.
        public static let plusMinusOne: [Delta] = [.add(.one), .add(-.one)]

        public var description: String {
            switch self {
            case let .add(value): "+ \(value)"
            case .random: "+ random"
            }
        }
    }

    /// A tampering the system accepted.
    public struct Escape: Sendable, CustomStringConvertible {
        /// The moved wire.
        public var wire: Int
        /// What was added to it.
        public var delta: BN254.Fr

        public var description: String { "wire \(wire) + \(delta)" }
    }

    /// The circuit under test.
    public let system: R1CS
    /// Its honest witness.
    public let witness: Witness
    /// Whether `witness` satisfies `system` (tamperings are then checked row by row).
    public let isSatisfied: Bool
    /// For every wire, the constraints that mention it (``rowsByWire(_:)``).
    public let rowsByWire: [[Int32]]

    /// Prepares the checks of `witness` against `system`.
    public init(_ system: R1CS, _ witness: Witness) {
        self.system = system
        self.witness = witness
        isSatisfied = system.isSatisfied(by: witness)
        rowsByWire = Self.rowsByWire(system)
    }

    /// For every wire, the constraints that mention it (in A, B or C), in increasing order.
    public static func rowsByWire(_ system: R1CS) -> [[Int32]] {
        var rows = [[Int32]](repeating: [], count: system.variableCount)
        for matrix in [system.a, system.b, system.c] {
            for i in 0 ..< matrix.rowCount {
                for k in matrix.rowOffsets[i] ..< matrix.rowOffsets[i + 1] {
                    let wire = Int(matrix.columns[k])
                    if rows[wire].last != Int32(i) { rows[wire].append(Int32(i)) }
                }
            }
        }
        for wire in rows.indices where rows[wire].count > 1 { rows[wire] = Array(Set(rows[wire])).sorted() }
        return rows
    }

    /// The wire indices `wires` selects.
    public func indices(_ wires: Wires) -> [Int] {
        let privateRange = (system.publicCount + 1) ..< system.variableCount
        switch wires {
        case .all: return Array(1 ..< system.variableCount)
        case .privateWires: return Array(privateRange)
        case let .list(list): return list
        case let .sample(count, seed):
            guard !privateRange.isEmpty else { return [] }
            var generator = SeededGenerator(seed: seed)
            return (0 ..< count).map { _ in Int.random(in: privateRange, using: &generator) }
        }
    }

    /// Whether the system accepts `values` in place of the witness, given that only `wire` moved.
    func accepts(_ values: UnsafeBufferPointer<BN254.Fr>, movedWire wire: Int) -> Bool {
        guard isSatisfied else { return system.isSatisfied(by: try! Witness(values: Array(values))) }
        return rowsByWire[wire].allSatisfy { row in
            let i = Int(row)
            return system.a.evaluateRow(i, values) * system.b.evaluateRow(i, values) == system.c.evaluateRow(i, values)
        }
    }

    /// Each selected wire moved alone by each delta: the tamperings the system accepts.
    /// - Parameters:
    ///   - wires: the wires to move.
    ///   - deltas: what to add to each (``Delta/random`` draws from a generator seeded with `seed`).
    ///   - seed: the seed of the random deltas.
    /// - Returns: the accepted tamperings, in the order tried.
    /// The tamperings of a model's circuit it accepts: every private wire but the commitment
    /// round's challenges (the verifier derives them; docs/security.md) and the last `outputCount`
    /// public signals (the outputs), each moved by ±1 and by a random element.
    public func modelEscapes(outputCount: Int, seed: UInt64) -> [Escape] {
        let challenges = (system.publicCount + 1) ..< (system.publicCount + 1 + system.challengeCount)
        var positions = indices(.privateWires).filter { !challenges.contains($0) }
        positions += (1 ... system.publicCount).suffix(outputCount)
        return escapes(wires: .list(positions), deltas: Delta.plusMinusOne + [.random], seed: seed)
    }

    public func escapes(wires: Wires = .all, deltas: [Delta] = [.add(.one)], seed: UInt64 = 0x7A3) -> [Escape] {
        var generator = SeededGenerator(seed: seed ^ 0x5EED)
        var values = witness.values
        var escaped: [Escape] = []
        for wire in indices(wires) {
            let original = values[wire]
            for delta in deltas {
                let added: BN254.Fr = switch delta {
                case let .add(value): value
                case .random: BN254.Fr.random(using: &generator)
                }
                values[wire] = original + added
                if values.withUnsafeBufferPointer({ accepts($0, movedWire: wire) }) {
                    escaped.append(Escape(wire: wire, delta: added))
                }
            }
            values[wire] = original
        }
        return escaped
    }

    /// Records a test issue (naming `context` and the wire) for each tampering of `wires` by
    /// `deltas` that the system accepts; at most ten are listed, then their number.
    public func expectRejected(wires: Wires = .all, deltas: [Delta] = [.add(.one)], seed: UInt64 = 0x7A3,
                               _ context: String = "circuit", sourceLocation: SourceLocation = #_sourceLocation) {
        let escaped = escapes(wires: wires, deltas: deltas, seed: seed)
        for escape in escaped.prefix(10) {
            Issue.record("\(context): \(escape) still satisfies the circuit", sourceLocation: sourceLocation)
        }
        if escaped.count > 10 {
            Issue.record("\(context): \(escaped.count - 10) more tamperings accepted", sourceLocation: sourceLocation)
        }
    }

    /// The whole check: the honest witness is accepted, the system has `constraints` constraints
    /// (when given), and no tampering of `wires` by `deltas` is accepted. Failures are recorded as
    /// test issues naming `context` and the wire.
    /// - Throws: the checker's error when the honest witness does not satisfy the system.
    public static func expectSound(_ system: R1CS, _ witness: Witness, constraints: Int? = nil,
                                   wires: Wires = .all, deltas: [Delta] = [.add(.one)], seed: UInt64 = 0x7A3,
                                   _ context: String = "circuit",
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        try system.check(witness)
        if let constraints {
            #expect(system.constraintCount == constraints, "\(context): constraint count", sourceLocation: sourceLocation)
        }
        CircuitCheck(system, witness).expectRejected(wires: wires, deltas: deltas, seed: seed, context, sourceLocation: sourceLocation)
    }
}
