import ArgumentParser
import Foundation
import ZKConstraints
import ZKGroth16

/// `zkml setup CIRCUIT --out DIR`: Groth16 keys for a circuit.
struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Generate Groth16 proving and verifying keys for a circuit.",
        discussion: """
        Writes DIR/pk.bin (proving key), DIR/vk.bin and DIR/verification_key.json (snarkjs layout).
        The secrets (τ, α, β, γ, δ) come from the system CSPRNG and are never written anywhere.
        Both keys record the circuit's SHA-256, so a key used with another circuit is an error.
        Examples:
          zkml setup circuit.r1cs --out keys/
          zkml setup circuit.r1cs --out keys/ --json
        """
    )

    @Argument(help: "The circuit: a circom .r1cs file or a zkml .zkr1cs file.")
    var circuit: String

    @Option(help: "The directory for the keys (created if missing).")
    var out: String

    @Option(help: ArgumentHelp("Derive the secrets from this seed. INSECURE: anyone with the seed can forge proofs. Tests only.", visibility: .hidden))
    var insecureSeed: UInt64?

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        try CommandSupport.run {
            let start = Date()
            let system = try CommandSupport.loadCircuit(circuit)
            let randomness: ToxicWasteSource = insecureSeed.map { .insecureSeeded($0) } ?? .system
            let key = try Groth16.setup(system, randomness: randomness)
            let directory = URL(fileURLWithPath: out)
            do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
                throw CommandSupport.UsageFailure("\(out): cannot create the directory")
            }
            let pk = directory.appendingPathComponent("pk.bin").path
            let vk = directory.appendingPathComponent("vk.bin").path
            let vkJSON = directory.appendingPathComponent("verification_key.json").path
            try CommandSupport.write(Data(KeyFile.serialize(key)), to: pk)
            try CommandSupport.write(Data(KeyFile.serialize(key.verifyingKey)), to: vk)
            try CommandSupport.write(Data(SnarkJSON.render(key.verifyingKey).utf8), to: vkJSON)
            let seconds = Date().timeIntervalSince(start)
            if json {
                CommandSupport.printJSON([
                    "circuit_sha256": system.contentHash.hexString, "constraints": system.constraintCount,
                    "public_inputs": system.publicCount, "domain_size": 1 << key.domainLogSize,
                    "proving_key": pk, "verifying_key": vk, "verification_key_json": vkJSON, "seconds": seconds,
                ])
            } else {
                print("circuit: \(system.constraintCount) constraints, \(system.publicCount) public inputs, \(system.variableCount) wires")
                print("wrote \(pk), \(vk), \(vkJSON) in \(String(format: "%.2f", seconds)) s")
                if insecureSeed != nil { print("WARNING: insecure seeded setup: these keys must never be used for real proofs") }
            }
        }
    }
}
