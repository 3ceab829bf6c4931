internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKCeremony
internal import ZKIO
internal import ZKWorkflow

/// `zkml ptau verify FILE.ptau`.
struct PtauCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ptau",
        abstract: "Powers-of-tau (phase 1) files: check one before a ceremony starts from it.",
        subcommands: [PtauVerifyCommand.self, PtauPrepareCommand.self]
    )
}

struct PtauVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a .ptau file (snarkjs powersoftau verify): every contribution and every power.",
        discussion: """
        Checks each contribution's proofs of knowledge of τ, α, β against its challenge (a beacon's secret
        rederived from its hash), that each contribution's powers follow the previous one's, that every
        section holds successive powers of the last τ starting at the generators, that the points hash
        to the last next-challenge (for an untruncated file), and, in a prepared file, every Lagrange
        block. Prints the contributions with their response hashes.
        Exit code 0 when the file verifies, 1 when it does not (naming the section or contribution), 2 for
        a usage or file error.
        """
    )

    @Argument(help: "The powers of tau (.ptau).")
    var file: String

    @Flag(help: "Print a JSON report.")
    var json = false

    func run() throws {
        try CommandSupport.run {
            let start = Date()
            let powers = try PowersOfTau(contentsOf: file)
            var generator = SystemRandomNumberGenerator()
            let report: PTauVerification
            do {
                report = try powers.verify(randomness: &generator)
            } catch let error as CeremonyError {
                guard case .verificationFailed = error else { throw error }
                if json { CommandSupport.printJSON(["valid": false, "reason": error.description]) } else { print("INVALID: \(error)") }
                throw ExitCode(1)
            }
            let seconds = Date().timeIntervalSince(start)
            if json {
                CommandSupport.printJSON([
                    "valid": true, "power": report.power, "ceremony_power": report.ceremonyPower, "prepared": report.prepared,
                    "next_challenge": report.nextChallenge.hexString, "seconds": seconds,
                    "contributions": report.contributions.map { ["index": $0.id, "name": $0.name ?? "", "beacon": $0.isBeacon,
                                                                  "response_hash": $0.responseHash?.hexString ?? ""] as [String: Any] },
                ])
                return
            }
            for entry in report.contributions {
                print("contribution #\(entry.id)\(entry.name.map { " \($0)" } ?? "")\(entry.isBeacon ? " (beacon)" : ""): response hash\n"
                      + CeremonyCommand.formatHash(entry.responseHash ?? []))
            }
            print("valid: power \(report.power) (ceremony \(report.ceremonyPower)), \(report.contributions.count) contribution(s), "
                  + (report.prepared ? "prepared for phase 2" : "not prepared for phase 2 (zkml ceremony new needs a prepared file)")
                  + " (\(CommandSupport.seconds(seconds)))")
        }
    }
}

/// `zkml ptau prepare IN.ptau --out OUT.ptau`.
struct PtauPrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Add the Lagrange bases a ceremony needs to a .ptau file (snarkjs powersoftau prepare phase2).",
        discussion: """
        Byte for byte what snarkjs writes. Costs about p·2^(p−1) group multiplications per domain 2^p
        (seconds at power 10, hours near 28): prefer the prepared files the Hermez ceremony publishes.
        Exit code 0 on success, 2 for a usage or file error.
        """
    )

    @Argument(help: "The powers of tau (.ptau).")
    var file: String

    @Option(help: "Where to write the prepared file.")
    var out: String

    func run() throws {
        try CommandSupport.run {
            let start = Date()
            let powers = try PowersOfTau(contentsOf: file)
            let (bytes, _) = try ProgressLine(quiet: false).phase("prepare: power \(powers.power)") { try powers.prepared() }
            try Workflow.write(bytes, to: out)
            print("wrote \(out) in \(CommandSupport.seconds(Date().timeIntervalSince(start)))")
        }
    }
}
