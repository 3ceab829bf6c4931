/// Errors of zkml's file plumbing: a file that cannot be read or written, or whose bytes are not
/// in the expected format.
///
/// The higher layers report these under their own error types (`ConstraintError`,
/// `Groth16Error`, `PipelineError`) with the same text; the description is `path: detail`.
public enum FileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file is not in the expected format; `detail` names the section or field.
    case malformedFile(path: String, detail: String)
    /// The file's recorded content hash does not match its contents.
    case hashMismatch(path: String)
    /// The file's version is not one this build reads.
    case unsupportedVersion(path: String, version: UInt32)
    /// Reading or writing a file failed.
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case let .malformedFile(path, detail): "\(path): \(detail)"
        case let .hashMismatch(path): "\(path): content hash does not match (the file is corrupt or was edited)"
        case let .unsupportedVersion(path, version): "\(path): format version \(version) is not supported by this zkml"
        case let .io(path, detail): "\(path): \(detail)"
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case let .malformedFile(path, _), let .hashMismatch(path), let .unsupportedVersion(path, _), let .io(path, _): path
        }
    }

    /// The description without the leading `path: ` (for errors that print the path themselves).
    public var detail: String {
        let text = description
        return text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text
    }
}
