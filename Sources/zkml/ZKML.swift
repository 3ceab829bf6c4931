import ArgumentParser

/// The `zkml` command: zero-knowledge proofs of ML inference (Groth16 over BN254).
///
/// The CLI is thin: each subcommand parses its arguments, calls one library entry point and
/// prints the result (human text, or JSON with `--json`).
@main
struct ZKML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zkml",
        abstract: "Zero-knowledge proofs of ML inference: ONNX → quantized circuit → Groth16 (BN254).",
        discussion: """
        Examples:
          zkml setup circuit.r1cs --out keys/
          zkml prove circuit.r1cs --pk keys/pk.bin --wtns witness.wtns --proof proof.json --public public.json
          zkml verify --vk keys/verification_key.json --proof proof.json --public public.json
          zkml bench field --json      # field and NTT kernels, machine-readable
        """,
        version: "0.1.0",
        subcommands: [
            BenchCommand.self,
            InspectCommand.self,
            InferCommand.self,
            SetupCommand.self,
            ProveCommand.self,
            VerifyCommand.self,
            ExportVerifierCommand.self,
            CalldataCommand.self,
        ]
    )
}
