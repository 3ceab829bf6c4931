/// An error that names the zkml module it comes from. Its `description` is the message alone;
/// ``tagged`` is the one place the `[module] ` prefix is put in front of it, for the command line
/// and for reports that print errors (`zkml inspect`, `zkml mock`).
public protocol ModuleError: Error, CustomStringConvertible {
    /// The module's short name: `onnx`, `quant`, `groth16`…
    var module: String { get }
}

extension ModuleError {
    /// `[module] description`.
    public var tagged: String { ErrorText.tagged(module: module, description) }
}

extension ErrorText {
    /// `[module] message`: the form of every error line zkml prints (`[groth16] proof.json: …`).
    public static func tagged(module: String, _ message: String) -> String { "[\(module)] \(message)" }
}
