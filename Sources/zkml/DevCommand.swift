internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKConstraints
internal import ZKField
internal import ZKGroth16
internal import ZKSynthetic
internal import ZKWorkflow

/// `zkml dev …`: developer tools for the project's own tests, hidden from `zkml --help`.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Developer tools for the project's tests (not a stable interface).",
        shouldDisplay: false,
        subcommands: [LookupProofCommand.self]
    )
}

/// `zkml dev lookup-proof --out DIR [--public N] [--challenges K] [--seed S] [--chosen-challenge]`:
/// a key and proof with a commitment round for ``ZKSynthetic/SyntheticLookup``, as snarkjs-layout
/// JSON, for the EVM verifier tests until `zkml compile` emits circuits with lookups.
struct LookupProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup-proof",
        abstract: "Write a key and a proof with a commitment round for a small hand-written lookup circuit.",
        discussion: """
        Writes DIR/verification_key.json, DIR/proof.json and DIR/public.json (protocol groth16_commit).
        Setup and prover randomness come from --seed: INSECURE, for tests only. The public inputs
        depend only on --public and --challenges, so two seeds give two keys for the same statement.
        With --chosen-challenge the proof is made for challenges other than the hash of its
        commitment (every constraint holds for them): a proof every verifier must reject.
        Prints the native verdict. Exit code 0 on success, 2 for a usage or file error.
        Example:
          zkml dev lookup-proof --out /tmp/lookup --public 4 --challenges 2
        """
    )

    @Option(help: "The directory to write. Required.")
    var out: String

    @Option(name: .customLong("public"), help: "Number of public inputs (1…1024).")
    var publicCount = 1

    @Option(help: "Number of challenges (1 or 2).")
    var challenges = 1

    @Option(help: "Seed of the setup and prover randomness (insecure).")
    var seed: UInt64 = 1

    @Flag(help: "Prove for challenges that are not the hash of the commitment.")
    var chosenChallenge = false

    func run() throws {
        try CommandSupport.run {
            guard (1 ... 1024).contains(publicCount) else { throw WorkflowError("--public must be 1…1024") }
            guard (1 ... 2).contains(challenges) else { throw WorkflowError("--challenges must be 1 or 2") }
            let (system, witness, publicInputs) = SyntheticLookup.make(publicCount: publicCount, challengeCount: challenges)
            let key = try Groth16.setup(system, randomness: .insecureSeeded(seed), threads: 1)
            let proof: Proof
            if chosenChallenge {
                let commitment = try Groth16.commit(roundOne: witness.roundOne, provingKey: key, randomness: .insecureSeeded(seed), threads: 1)
                let chosen = commitment.challenges.map { $0 + BN254.Fr(1) }
                let full = try witness.complete(challenges: chosen)
                let h = try Groth16.quotient(system, witness: full, threads: 1)
                proof = try Groth16.prove(witness: full, quotient: h, provingKey: key, randomness: .insecureSeeded(seed),
                                          commitment: commitment, threads: 1)
            } else {
                proof = try Groth16.prove(system, witness: witness, provingKey: key, randomness: .insecureSeeded(seed), threads: 1)
            }
            let directory = try Workflow.makeDirectory(out)
            try Workflow.write(Data(SnarkJSON.render(key.verifyingKey).utf8), to: directory.appendingPathComponent("verification_key.json").path)
            try Workflow.write(Data(SnarkJSON.render(proof).utf8), to: directory.appendingPathComponent("proof.json").path)
            try Workflow.write(Data(SnarkJSON.render(publicSignals: publicInputs).utf8), to: directory.appendingPathComponent("public.json").path)
            let verdict = try Groth16.verify(proof, publicInputs: publicInputs, key: key.verifyingKey)
            switch verdict {
            case .valid: print("valid")
            case let .invalid(reason): print("invalid: \(reason)")
            }
        }
    }
}
