internal import ZKIO

/// Errors of the trusted-setup layer (`.ptau` files, phase-2 ceremonies).
public enum CeremonyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file is not what it should be: bad magic, a missing or truncated section, a coordinate
    /// `≥ q`, a point off its curve or outside the subgroup. `detail` names the section and entry.
    case malformed(path: String, detail: String)
    /// A well-formed file whose contents do not check: a proof of knowledge, a power that does
    /// not follow the previous one, a hash chain that breaks. `detail` names the contribution or
    /// section and the check.
    case verificationFailed(path: String, detail: String)
    /// The file does not fit the request: a circuit too large for the powers of tau, an
    /// unprepared file where Lagrange points are needed, a key for another circuit.
    case unsuitable(path: String, detail: String)
    /// Reading or writing a file failed.
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case let .malformed(path, detail): "\(path): \(detail)"
        case let .verificationFailed(path, detail): "\(path): verification failed: \(detail)"
        case let .unsuitable(path, detail): "\(path): \(detail)"
        case let .io(path, detail): "\(path): \(detail)"
        }
    }

    static func from(_ error: FileError, path: String) -> CeremonyError {
        switch error {
        case let .io(path, detail): .io(path: path, detail: detail)
        default: .malformed(path: path, detail: error.detail)
        }
    }
}
