public import ZKIO

extension ConstraintError {
    /// The constraint layer's report of a file error from ZKIO: the same case, the same text.
    public init(_ error: FileError) {
        switch error {
        case let .malformedFile(path, detail): self = .malformedFile(path: path, detail: detail)
        case let .hashMismatch(path): self = .hashMismatch(path: path)
        case let .unsupportedVersion(path, version): self = .unsupportedVersion(path: path, version: version)
        case let .io(path, detail): self = .io(path: path, detail: detail)
        }
    }

    /// The result of `body`, whose file errors are reported as ``init(_:)`` converts them.
    static func converting<T>(_ body: () throws(FileError) -> T) throws(ConstraintError) -> T {
        do { return try body() } catch { throw ConstraintError(error) }
    }
}
