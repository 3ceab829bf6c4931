internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKCeremony
internal import ZKIO
internal import ZKPipeline
internal import ZKWorkflow

/// `zkml ceremony new CIRCUIT --ptau FILE.ptau --out KEY_0000.zkey`.
struct CeremonyNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a ceremony: the circuit's initial key (δ = 1) from a prepared powers of tau (snarkjs zkey new).",
        discussion: """
        The powers of tau must be prepared for phase 2 (sections 12–15, as Hermez's final files are) and of a
        power at least log2 of the circuit's domain (constraints + public inputs + 1, rounded up to a power of
        two; `zkml inspect` prints it). Check the file first with `zkml ptau verify`. The key is byte for byte
        what snarkjs writes for the same circuit and file. It has no contribution yet: do not use it.
        Exit code 0 on success, 2 for a usage or file error.
        """
    )

    @Argument(help: "A compiled model (model.zkml), a circom .r1cs or a zkml .zkr1cs circuit.")
    var circuit: String

    @Option(help: "The powers of tau (.ptau, prepared for phase 2).")
    var ptau: String

    @Option(help: "Where to write the initial key (.zkey).")
    var out: String

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        try CommandSupport.run {
            let start = Date()
            let (system, _, _) = try CeremonyCommand.loadCircuit(circuit)
            let powers = try CeremonyCommand.readPtau(ptau)
            let (key, _) = try ProgressLine(quiet: json).phase("ceremony new: \(system.constraintCount) constraints") {
                try Phase2Key.new(system, ptau: powers)
            }
            try Workflow.write(key.zkeyBytes(), to: out)
            let seconds = Date().timeIntervalSince(start)
            if json {
                CommandSupport.printJSON(["key": out, "circuit_hash": key.circuitHash.hexString, "domain_size": key.domainSize,
                                          "commitment_round": key.commitment != nil, "seconds": seconds])
            } else {
                print("circuit hash (the ceremony's root):\n\(CeremonyCommand.formatHash(key.circuitHash))")
                print("wrote \(out) (domain 2^\(key.domainLogSize)) in \(CommandSupport.seconds(seconds)); it has no contribution yet: "
                      + "run zkml ceremony contribute")
            }
        }
    }
}
