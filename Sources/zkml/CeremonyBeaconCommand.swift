internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKCeremony
internal import ZKIO
internal import ZKWorkflow

/// `zkml ceremony beacon IN.zkey --out OUT.zkey --hash HEX --iterations-exp N`.
struct CeremonyBeaconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "beacon",
        abstract: "End a ceremony with a public random beacon (snarkjs zkey beacon).",
        discussion: """
        The beacon's secret is drawn from SHA-256 iterated 2^N times on a public value nobody could predict
        when the last contribution was made (a future block hash, a drand round), so anyone can recompute
        it and no contributor could have chosen it. zkml ceremony verify rederives it.
        Exit code 0 on success, 2 for a usage or file error.
        """
    )

    @Argument(help: "The key to finish (.zkey).")
    var key: String

    @Option(help: "Where to write the final key (.zkey).")
    var out: String

    @Option(help: "The beacon value, hexadecimal (1 to 255 bytes).")
    var hash: String

    @Option(help: "log2 of the SHA-256 iterations (10 to 63; snarkjs's examples use 10).")
    var iterationsExp: Int

    @Option(help: "A name recorded with the beacon.")
    var name: String?

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        try CommandSupport.run {
            guard let beacon = [UInt8](hex: hash), (1 ... 255).contains(beacon.count) else {
                throw WorkflowError("--hash: expected 1 to 255 bytes in hexadecimal")
            }
            guard (10 ... 63).contains(iterationsExp) else { throw WorkflowError("--iterations-exp: expected 10 … 63") }
            let start = Date()
            var phase2 = try CeremonyCommand.readKey(key)
            let (contribution, _) = ProgressLine(quiet: json).phase("beacon") {
                phase2.beacon(hash: beacon, iterationsExponent: iterationsExp, name: name)
            }
            try CeremonyCommand.finish(phase2, contribution, out: out, json: json, start: start, label: "beacon contribution")
        }
    }
}
