public import ZKText

/// Errors of the pipeline façade: artifacts, keys and files. Lower layers' errors
/// (`QuantError`, `CompilerError`, `Groth16Error`, `ConstraintError`) pass through unchanged.
public enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A `model.zkml` file is malformed; `detail` names the section or field.
    case malformedArtifact(path: String, detail: String)
    /// A `salt.json` document is not JSON; carries the parser's error.
    case notJSON(path: String, JSONValue.ParseError)
    /// A `model.zkml` file has a format version this build does not read.
    case unsupportedVersion(path: String, version: UInt32)
    /// A `model.zkml` file's trailing SHA-256 does not match its contents.
    case artifactHashMismatch(path: String)
    /// Re-lowering the artifact's model gave another circuit than the one it stores (it was
    /// compiled by a different zkml version).
    case circuitMismatch(path: String, stored: String, rebuilt: String)
    /// A proving key belongs to another circuit.
    case keyMismatch(path: String, expected: String, actual: String)
    /// Reading or writing a file failed.
    case io(path: String, detail: String)
    /// A tensor given to check against a proof (`zkml verify --input/--output`) cannot be
    /// checked: the model does not bind it, the key names no model, or its shape differs.
    case notBound(path: String, detail: String)
    /// Settings that cannot go together (named in the message).
    case invalidSettings(String)

    public var description: String {
        switch self {
        case let .malformedArtifact(path, detail): "\(path): \(detail)"
        case let .notJSON(path, error): "\(path): (file): not JSON (\(error))"
        case let .unsupportedVersion(path, version): "\(path): model.zkml format version \(version) is not supported by this zkml (expected \(CompiledModel.formatVersion)); recompile the model"
        case let .artifactHashMismatch(path): "\(path): SHA-256 does not match the contents (the file is corrupt or was edited)"
        case let .circuitMismatch(path, stored, rebuilt):
            "\(path): the stored circuit (\(stored.prefix(16))…) differs from the one this zkml builds (\(rebuilt.prefix(16))…); recompile the model"
        case let .keyMismatch(path, expected, actual):
            "\(path) was made for circuit \(actual.prefix(16))…, not for this model's circuit \(expected.prefix(16))…; run zkml setup again"
        case let .io(path, detail): "\(path): \(detail)"
        case let .notBound(path, detail): "\(path): \(detail)"
        case let .invalidSettings(detail): detail
        }
    }
}
