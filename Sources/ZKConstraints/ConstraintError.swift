public import ZKField

/// Errors of the constraint layer: unsatisfied systems and malformed circuit or witness files.
public enum ConstraintError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Constraint `index` does not hold: `a · b ≠ c` for the given values.
    case unsatisfied(index: Int, label: String?, a: BN254.Fr, b: BN254.Fr, c: BN254.Fr)
    /// The witness does not have one value per wire.
    case witnessLength(expected: Int, actual: Int)
    /// The first witness value (the constant wire) is not one.
    case witnessConstantNotOne
    /// A file is not in the expected format; `detail` names the section or field.
    case malformedFile(path: String, detail: String)
    /// The file uses a field other than BN254's scalar field.
    case wrongField(path: String, modulus: String)
    /// The file's recorded content hash does not match its contents.
    case hashMismatch(path: String)
    /// The file's version is not one this build reads.
    case unsupportedVersion(path: String, version: UInt32)
    /// Reading or writing a file failed.
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case let .unsatisfied(index, label, a, b, c):
            "constraint \(index)\(label.map { " (\($0))" } ?? "") is not satisfied: "
                + "A = \(a.signedDescription), B = \(b.signedDescription), C = \(c.signedDescription), "
                + "A·B = \((a * b).signedDescription)"
        case let .witnessLength(expected, actual):
            "witness has \(actual) values but the circuit has \(expected) wires"
        case .witnessConstantNotOne:
            "witness value 0 (the constant wire) must be 1"
        case let .malformedFile(path, detail):
            "\(path): \(detail)"
        case let .wrongField(path, modulus):
            "\(path): field modulus \(modulus) is not BN254's scalar field"
        case let .hashMismatch(path):
            "\(path): content hash does not match (the file is corrupt or was edited)"
        case let .unsupportedVersion(path, version):
            "\(path): format version \(version) is not supported by this zkml"
        case let .io(path, detail):
            "\(path): \(detail)"
        }
    }
}
