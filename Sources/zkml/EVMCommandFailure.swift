internal import ArgumentParser
internal import ZKText

/// A one-line error of the EVM commands (`export-verifier`, `calldata`): printed to standard error,
/// exit code 2 (a usage or file error).
struct EVMCommandFailure: Error, CustomStringConvertible {
    let description: String

    static func usage(_ message: String) -> Self { Self(description: "usage: \(message)") }
    /// A library error of `module`, as `[module] message`.
    static func file(module: String, _ message: String) -> Self { Self(description: ErrorText.tagged(module: module, message)) }

    /// Runs `body`; a failure is printed as one line and becomes exit code 2.
    static func exitOnFailure(_ body: () throws -> Void) throws {
        do { try body() } catch let failure as EVMCommandFailure {
            CommandSupport.standardError(failure.description + "\n")
            throw ExitCode(2)
        }
    }

}
