public import ZKField

/// Errors of circuit construction and witness generation. Every case names the origin label in
/// force when it happened (the gadget and, through ``CircuitAPI/withLabel(_:_:)``, the ONNX node).
///
/// A builder or evaluator records only the **first** error and keeps going (later values are
/// meaningless); ``CircuitBuilder/makeWitness()`` and ``NativeEvaluator/finish()`` throw it.
public enum CircuitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value lies outside the range a gadget enforces, so no satisfying witness exists.
    /// `value` is its signed decimal text, `range` the enforced interval, e.g. `[-2^23, 2^23)`.
    case outOfRange(label: String?, value: String, range: String)
    /// A hint needed a signed 64-bit integer and the field element is not one (`|v| ≥ 2^63`), or
    /// the hint's integer arithmetic would overflow.
    case notSmallInteger(label: String?, value: String)
    /// A constraint (or, in the native evaluator, an assertion) does not hold: `a · b ≠ c`.
    /// `constraint` is the constraint's index in the emitted system (`nil` in the evaluator).
    case unsatisfied(label: String?, constraint: Int?, a: BN254.Fr, b: BN254.Fr, c: BN254.Fr)
    /// A lookup query's row is in no row of the table (``CircuitAPI/lookup(_:in:)``). `row` is
    /// the queried values, in signed decimal.
    case notInTable(label: String?, table: String, row: [String])
    /// ``CircuitBuilder/makeWitness()`` on a circuit with lookups: its witness depends on the
    /// verifier's challenges, use ``CircuitBuilder/makeTwoRoundWitness()``.
    case needsTwoRoundWitness(queries: Int)
    /// ``CircuitBuilder/makeTwoRoundWitness()``'s completion got the wrong number of challenges.
    case challengeCount(expected: Int, actual: Int)
    /// A challenge equals a looked-up value or a table entry, so a logUp denominator `X − f` is
    /// zero (probability about (queries + rows)/r for a random challenge).
    case zeroDenominator(label: String?)
    /// The circuit being built passed ``CircuitBuilder/termLimit`` non-zero terms (the memory the
    /// caller allows for building it) at `constraints` constraints; its rows were dropped from there.
    case tooLarge(label: String?, constraints: Int, terms: Int)

    /// The origin label carried by the error.
    public var label: String? {
        switch self {
        case let .outOfRange(label, _, _), let .notSmallInteger(label, _), let .unsatisfied(label, _, _, _, _),
             let .notInTable(label, _, _), let .zeroDenominator(label), let .tooLarge(label, _, _): label
        case .needsTwoRoundWitness, .challengeCount: nil
        }
    }

    /// The same error with `label` filled in when it carries none (hints throw without a label;
    /// the builder adds the one in force).
    public func labelled(_ label: String?) -> CircuitError {
        guard self.label == nil, let label else { return self }
        switch self {
        case let .outOfRange(_, value, range): return .outOfRange(label: label, value: value, range: range)
        case let .notSmallInteger(_, value): return .notSmallInteger(label: label, value: value)
        case let .unsatisfied(_, index, a, b, c): return .unsatisfied(label: label, constraint: index, a: a, b: b, c: c)
        case let .notInTable(_, table, row): return .notInTable(label: label, table: table, row: row)
        case .zeroDenominator: return .zeroDenominator(label: label)
        case let .tooLarge(_, constraints, terms): return .tooLarge(label: label, constraints: constraints, terms: terms)
        case .needsTwoRoundWitness, .challengeCount: return self
        }
    }

    public var description: String {
        let origin = label.map { " (\($0))" } ?? ""
        switch self {
        case let .outOfRange(_, value, range):
            return "value \(value) is outside \(range)\(origin)"
        case let .notSmallInteger(_, value):
            return "value \(value) is not a signed 64-bit integer\(origin)"
        case let .unsatisfied(_, index, a, b, c):
            let which = index.map { "constraint \($0)" } ?? "assertion"
            return "\(which)\(origin) does not hold: A = \(a.signedDescription), B = \(b.signedDescription), "
                + "C = \(c.signedDescription), A·B = \((a * b).signedDescription)"
        case let .notInTable(_, table, row):
            return "row (\(row.joined(separator: ", "))) is not in table \(table)\(origin)"
        case let .needsTwoRoundWitness(queries):
            return "the circuit has \(queries) lookup queries: its witness needs the verifier's challenges, "
                + "use makeTwoRoundWitness()"
        case let .challengeCount(expected, actual):
            return "the circuit has \(expected) challenges, \(actual) given"
        case .zeroDenominator:
            return "a challenge equals a looked-up value or table entry (logUp denominator zero)\(origin)"
        case let .tooLarge(_, constraints, terms):
            return "the circuit passed \(terms) non-zero terms at constraint \(constraints)\(origin): more than the memory allowed "
                + "for building it holds (raise --max-memory to try anyway; a smaller input shape makes it smaller)"
        }
    }
}
