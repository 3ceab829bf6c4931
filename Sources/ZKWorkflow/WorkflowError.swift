public import ZKText

/// A usage or file problem found by the workflow itself (a missing file, an argument that does not
/// fit the model): `[zkml] PATH: message`. The library's own errors pass through with their module.
public struct WorkflowError: ModuleError {
    public let message: String
    /// `zkml` for the workflow's own checks; the module whose error it wraps with a file's name
    /// otherwise (`solidity` for a verifying key the EVM verifier cannot take).
    public let module: String
    public var description: String { message }

    public init(_ message: String, module: String = "zkml") {
        self.message = message
        self.module = module
    }
}
