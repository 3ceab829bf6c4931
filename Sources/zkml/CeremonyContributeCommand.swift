internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKCeremony
internal import ZKIO

/// `zkml ceremony contribute IN.zkey --out OUT.zkey [--name NAME] [--entropy TEXT]`.
struct CeremonyContributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contribute",
        abstract: "Add a contribution to a ceremony key (snarkjs zkey contribute).",
        discussion: """
        Draws a secret from 64 bytes of the operating system's CSPRNG (plus --entropy, if given, hashed
        with them), multiplies δ by it, divides the key's L and H points by it and records the new δ with a
        proof of knowledge bound to the transcript. The secret exists only in this process. Publish the
        contribution hash printed at the end: it lets everyone find your contribution in the final key
        (zkml ceremony verify lists them).
        Exit code 0 on success, 2 for a usage or file error.
        """
    )

    @Argument(help: "The key to contribute to (.zkey).")
    var key: String

    @Option(help: "Where to write the new key (.zkey).")
    var out: String

    @Option(help: "A name recorded with the contribution (at most 64 characters).")
    var name: String?

    @Option(help: "Extra entropy hashed with the OS randomness (a passphrase; optional).")
    var entropy: String?

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        try CommandSupport.run {
            let start = Date()
            var phase2 = try CeremonyCommand.readKey(key)
            var generator = SystemRandomNumberGenerator()
            var bytes = (0 ..< 8).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
            bytes += Array((entropy ?? "").utf8)
            let (contribution, _) = ProgressLine(quiet: json).phase("contribute") {
                phase2.contribute(entropy: bytes, name: name)
            }
            bytes = []
            try CeremonyCommand.finish(phase2, contribution, out: out, json: json, start: start, label: "contribution")
        }
    }
}
