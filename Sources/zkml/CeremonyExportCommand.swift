internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKCeremony
internal import ZKGroth16
internal import ZKIO
internal import ZKPipeline
internal import ZKWorkflow

/// `zkml ceremony export CIRCUIT --ptau FILE --key KEY.zkey --out DIR`: verify, then write the keys.
struct CeremonyExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Verify a ceremony key and write the proving and verifying keys zkml uses (pk.bin, vk.bin, verification_key.json).",
        discussion: """
        Runs the checks of zkml ceremony verify first and refuses a key without contributions. The keys
        written prove and verify like those of zkml setup (zkml prove, verify, export-verifier); for a model
        they carry its identity, public-signal ranges and packing. verification_key.json records the
        ceremony (zkml_setup).
        Exit code 0 on success, 1 when the key does not verify, 2 for a usage or file error.
        """
    )

    @OptionGroup var files: CeremonyFiles

    @Option(help: "The directory for pk.bin, vk.bin and verification_key.json (created if missing).")
    var out: String

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        try CommandSupport.run {
            let start = Date()
            let ((_, settings, circuitHash), phase2, _) = try CeremonyCommand.verified(files, json: json)
            guard !phase2.contributions.isEmpty else {
                throw WorkflowError("\(files.key): no contribution yet (δ = 1: anyone could forge proofs); run zkml ceremony contribute")
            }
            var provingKey = phase2.provingKey(circuitHash: circuitHash)
            if let settings { Pipeline.bind(&provingKey.verifyingKey, to: settings.publicSignals) }
            let provenance = SetupProvenance.ceremony(contributions: phase2.contributions.count, circuitHash: phase2.circuitHash.hexString)
            let (pk, vk, vkJSON) = try Workflow.writeKeys(provingKey, settings: settings, provenance: provenance, directory: out)
            let seconds = Date().timeIntervalSince(start)
            if json {
                CommandSupport.printJSON(["proving_key": pk, "verifying_key": vk, "verification_key_json": vkJSON,
                                          "contributions": phase2.contributions.count, "seconds": seconds])
            } else {
                print("verified \(phase2.contributions.count) contribution(s); wrote \(pk), \(vk), \(vkJSON) in \(CommandSupport.seconds(seconds))")
            }
        }
    }
}
