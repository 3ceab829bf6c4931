internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKCeremony
internal import ZKIO

/// `zkml ceremony verify CIRCUIT --ptau FILE --key KEY.zkey`: exit 0 valid, 1 not.
struct CeremonyVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a ceremony key against its circuit and powers of tau (snarkjs zkey verify).",
        discussion: """
        Recomputes the initial key from the circuit and the powers of tau, checks that the key keeps its
        circuit hash, α, β, γ, IC, A, B and coefficients, checks every contribution's proof of knowledge and
        that each δ follows the previous one (a beacon's secret is rederived from its hash), and that the
        L and H points are the initial ones divided by the final δ. Prints the contributions with their
        hashes: each contributor checks that theirs is listed.
        Exit code 0 when the key verifies, 1 when it does not (naming the section or contribution), 2 for a
        usage or file error.
        """
    )

    @OptionGroup var files: CeremonyFiles

    @Flag(help: "Print a JSON report.")
    var json = false

    func run() throws {
        try CommandSupport.run {
            let (_, _, report) = try CeremonyCommand.verified(files, json: json)
            if json {
                CommandSupport.printJSON([
                    "valid": true, "circuit_hash": report.circuitHash.hexString, "commitment_round": report.hasCommitmentRound,
                    "contributions": report.contributions.map { ["index": $0.index, "name": $0.name ?? "", "beacon": $0.isBeacon,
                                                                  "hash": $0.hash.hexString] as [String: Any] },
                ])
                return
            }
            print("circuit hash:\n\(CeremonyCommand.formatHash(report.circuitHash))")
            for entry in report.contributions {
                print("contribution #\(entry.index)\(entry.name.map { " \($0)" } ?? "")\(entry.isBeacon ? " (beacon)" : ""):\n"
                      + CeremonyCommand.formatHash(entry.hash))
            }
            if report.contributions.isEmpty { print("WARNING: no contribution: δ = 1, anyone can forge proofs with this key") }
            print("valid: \(report.contributions.count) contribution(s)")
        }
    }
}
