#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import ArgumentParser
internal import ZKText
internal import ZKBench
internal import ZKCeremony
internal import ZKWorkflow

/// Shared behaviour of the subcommands: one-line errors with the module that raised them
/// (`[groth16] proof.json: missing field pi_c`), exit code 2 for usage and file errors, and
/// `--json` output helpers.
enum CommandSupport {
    /// Runs `body`; a library error is printed as `[module] message` on standard error and
    /// becomes exit code 2. `ExitCode` and argument-parser errors pass through.
    static func run(_ body: () throws -> Void) throws {
        do { try body() } catch let exit as ExitCode {
            throw exit
        } catch {
            guard let line = describe(error) else { throw error }
            standardError(line + "\n")
            // A circuit that disagrees with the inference is a zkml bug (3), not a user error (2).
            throw ExitCode(Workflow.exitCode(for: error))
        }
    }

    /// `[module] message` for the library's typed errors, `nil` for anything else.
    static func describe(_ error: any Error) -> String? {
        if let (module, message) = Workflow.describe(error) { return ErrorText.tagged(module: module, message) }
        if let e = error as? CeremonyError { return ErrorText.tagged(module: "ceremony", e.description) }
        return nil
    }

    /// `1.234 s` / `56 ms`.
    static func seconds(_ value: Double) -> String {
        value >= 1 ? Printf.format("%.2f s", value) : Printf.format("%.0f ms", value * 1000)
    }

    /// Prints a JSON object (sorted keys) on standard output.
    /// Prints `object` as JSON, with the process's peak resident memory so far (`peak_rss_mb`,
    /// VmHWM: what this command's own process used, measured by the kernel) unless present.
    static func printJSON(_ object: [String: Any]) {
        var object = object
        if object["peak_rss_mb"] == nil, let peak = Clock.peakRSSMegabytes() { object["peak_rss_mb"] = peak }
        print(JSONValue(object).rendered(pretty: true))
    }

    /// Writes `text` to standard error, unbuffered.
    static func standardError(_ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes[done...].withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            done += count
        }
    }
}
