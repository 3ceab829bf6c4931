internal import ArgumentParser

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
        Quick start: swift run -c release zkml demo
        Examples:
          zkml compile Circuits/mlp_digits/network.onnx --out build/mlp
          zkml setup build/mlp/model.zkml --out build/mlp
          zkml prove build/mlp/model.zkml --pk build/mlp/pk.bin --input Circuits/mlp_digits/input.json --proof build/mlp/proof.json --public build/mlp/public.json
          zkml verify --vk build/mlp/verification_key.json --proof build/mlp/proof.json --public build/mlp/public.json
          zkml setup circuit.r1cs --out keys/
          zkml prove circuit.r1cs --pk keys/pk.bin --wtns witness.wtns --proof proof.json --public public.json
          zkml verify --vk keys/verification_key.json --proof proof.json --public public.json
          zkml bench field --json      # field and NTT kernels, machine-readable
        """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self,
            CompileCommand.self,
            SetupCommand.self,
            ProveCommand.self,
            VerifyCommand.self,
            MockCommand.self,
            InspectCommand.self,
            InferCommand.self,
            BenchCommand.self,
            PtauCommand.self,
            CeremonyCommand.self,
            ExportVerifierCommand.self,
            CalldataCommand.self,
            DevCommand.self,
        ]
    )
}
