internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKConstraints
internal import ZKCeremony
internal import ZKIO
internal import ZKPipeline
internal import ZKWorkflow

/// `zkml ceremony new|contribute|beacon|verify|export`: a circuit's phase-2 trusted setup in
/// snarkjs's `.zkey` format, on top of a public powers of tau.
struct CeremonyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ceremony",
        abstract: "A phase-2 trusted-setup ceremony for a circuit (snarkjs .zkey files), from a public powers of tau.",
        discussion: """
        The keys `zkml setup` writes are for development: one machine draws every secret. A ceremony
        takes τ, α, β from a public powers-of-tau file (Hermez's powersOfTau28_hez_final_NN.ptau, say) and
        δ from any number of contributors, each adding a secret and a proof of knowledge of it; the
        keys are safe as long as one contributor destroyed theirs. Walkthrough: docs/setup.md.
        Examples:
          zkml ptau verify powersOfTau28_hez_final_16.ptau
          zkml ceremony new build/mlp/model.zkml --ptau powersOfTau28_hez_final_16.ptau --out mlp_0000.zkey
          zkml ceremony contribute mlp_0000.zkey --out mlp_0001.zkey --name alice
          zkml ceremony beacon mlp_0003.zkey --out mlp_final.zkey --hash <block hash> --iterations-exp 10
          zkml ceremony verify build/mlp/model.zkml --ptau powersOfTau28_hez_final_16.ptau --key mlp_final.zkey
          zkml ceremony export build/mlp/model.zkml --ptau powersOfTau28_hez_final_16.ptau --key mlp_final.zkey --out build/mlp
        The .zkey files are snarkjs's (a circom circuit's key continues in snarkjs and back); a circuit
        with lookups (a commitment round) adds sections for its second δ, which snarkjs ignores.
        """,
        subcommands: [CeremonyNewCommand.self, CeremonyContributeCommand.self, CeremonyBeaconCommand.self,
                      CeremonyVerifyCommand.self, CeremonyExportCommand.self]
    )

    /// A circuit argument: a compiled model (with its settings) or a circom/zkml R1CS.
    static func loadCircuit(_ path: String) throws -> (system: R1CS, settings: ModelSettings?, circuitHash: [UInt8]) {
        if Workflow.isCompiledModel(path) {
            let model = try Workflow.loadCompiledModel(path)
            return (model.system, model.settings, model.circuitHash)
        }
        let system = try Workflow.loadCircuit(path)
        return (system, nil, system.contentHash)
    }

    static func readKey(_ path: String) throws -> Phase2Key {
        try Phase2Key(zkey: try Workflow.readBytes(path), path: path)
    }

    static func readPtau(_ path: String) throws -> PowersOfTau {
        try PowersOfTau(contentsOf: path)
    }

    /// Loads the circuit, the key and the powers of tau and verifies the key; a key that does not
    /// verify prints `INVALID: …` (or `{"valid": false, …}`) and exits 1.
    static func verified(_ files: CeremonyFiles, json: Bool) throws
        -> (circuit: (system: R1CS, settings: ModelSettings?, circuitHash: [UInt8]), key: Phase2Key, report: Phase2Verification) {
        let circuit = try loadCircuit(files.circuit)
        let phase2 = try readKey(files.key)
        let powers = try readPtau(files.ptau)
        var generator = SystemRandomNumberGenerator()
        do {
            return (circuit, phase2, try phase2.verify(circuit.system, ptau: powers, path: files.key, randomness: &generator))
        } catch {
            guard case .verificationFailed = error else { throw error }
            if json { CommandSupport.printJSON(["valid": false, "reason": error.description]) } else { print("INVALID: \(error)") }
            throw ExitCode(1)
        }
    }

    /// Writes the key after a contribution or beacon and reports its hash (snarkjs prints the
    /// same hash: each contributor publishes it).
    static func finish(_ key: Phase2Key, _ contribution: Phase2Contribution, out: String, json: Bool, start: Date, label: String) throws {
        try Workflow.write(key.zkeyBytes(), to: out)
        let seconds = Date().timeIntervalSince(start)
        if json {
            CommandSupport.printJSON(["key": out, "contribution": key.contributions.count,
                                      "contribution_hash": contribution.hash.hexString, "seconds": seconds])
        } else {
            print("\(label) #\(key.contributions.count)\(contribution.name.map { " (\($0))" } ?? "") hash:\n" + formatHash(contribution.hash))
            print("wrote \(out) in \(CommandSupport.seconds(seconds))")
        }
    }

    /// The 64-byte hash as snarkjs prints it: four lines of four 8-digit words.
    static func formatHash(_ hash: [UInt8]) -> String {
        stride(from: 0, to: hash.count, by: 16).map { line in
            "    " + stride(from: line, to: min(hash.count, line + 16), by: 4).map { Array(hash[$0 ..< min(hash.count, $0 + 4)]).hexString }
                .joined(separator: " ")
        }.joined(separator: "\n")
    }
}

/// The three files a ceremony is checked against.
struct CeremonyFiles: ParsableArguments {
    @Argument(help: "The circuit: a compiled model (model.zkml), a circom .r1cs or a zkml .zkr1cs.")
    var circuit: String

    @Option(help: "The powers of tau the ceremony started from (.ptau).")
    var ptau: String

    @Option(help: "The ceremony's key (.zkey).")
    var key: String
}
