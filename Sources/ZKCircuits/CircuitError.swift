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

    /// The origin label carried by the error.
    public var label: String? {
        switch self {
        case let .outOfRange(label, _, _), let .notSmallInteger(label, _), let .unsatisfied(label, _, _, _, _): label
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
        }
    }
}
