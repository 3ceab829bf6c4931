internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKConstraints
internal import ZKGroth16
internal import ZKPipeline
internal import ZKWorkflow

/// `zkml demo [--model mlp_digits] [--out DIR]`: the whole pipeline on a bundled Circuits/ model.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Compile, set up, prove and verify a bundled Circuits/ model, printing each step's time.",
        discussion: """
        Runs what a user does by hand (compile → setup → prove → verify) on Circuits/<model>/network.onnx
        and its input.json, then checks that a proof with a changed output is rejected. Files go to a
        temporary directory (removed afterwards) unless --out is given.
        Models: mlp_digits (default), cnn_digits, mlp784, lenet_digits28, every_op.
        Examples:
          swift run -c release zkml demo
          zkml demo --model lenet_digits28 --out build/demo --json
        Exit code 0 when every step succeeded, 1 if a proof was not accepted (or a forged one was), 2 on an error.
        """
    )

    @Option(help: "A Circuits/ model name, or a directory holding network.onnx and input.json.")
    var model = "mlp_digits"

    @Option(help: "Keep the files in this directory (default: a temporary directory, removed afterwards).")
    var out: String?

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        var failed = false
        try CommandSupport.run {
            let directory = try Self.modelDirectory(model)
            let onnxPath = directory.appendingPathComponent("network.onnx").path
            let inputPath = directory.appendingPathComponent("input.json").path
            let temporary = out == nil
            let workPath = out ?? FileManager.default.temporaryDirectory.appendingPathComponent("zkml-demo-\(ProcessInfo.processInfo.processIdentifier)").path
            let work = try Workflow.makeDirectory(workPath)
            defer { if temporary { try? FileManager.default.removeItem(at: work) } }
            let progress = ProgressLine(quiet: json)
            func say(_ text: String) { if !json { print(text) } }

            say("zkml demo: \(model) (\(onnxPath))")
            let onnx = try Workflow.readBytes(onnxPath)
            let rows = try Workflow.inputRows(inputPath)
            let (compiled, compileSeconds) = try progress.phase("compile") { try Pipeline.compile(onnx: onnx, file: "network.onnx") }
            let artifact = work.appendingPathComponent("model.zkml").path
            try Workflow.write(Data(compiled.serialized()), to: artifact)
            try Workflow.write(compiled.settings.json(), to: work.appendingPathComponent("settings.json").path)
            say("  compile  \(CommandSupport.seconds(compileSeconds).leftPadded(to: 8))  \(compiled.system.constraintCount) constraints, "
                + "\(compiled.settings.publicSignals.count) public signals in \(compiled.system.publicCount) public inputs → \(artifact)")

            let (key, setupSeconds) = try progress.phase("setup") { try Pipeline.setup(compiled) }
            let vkPath = work.appendingPathComponent("verification_key.json").path
            try KeyFile.write(key, toPath: work.appendingPathComponent("pk.bin").path)
            try Workflow.write(KeyFile.serialize(key.verifyingKey), to: work.appendingPathComponent("vk.bin").path)
            let vkText = Pipeline.verificationKeyJSON(key.verifyingKey, compiled: compiled)
            try Workflow.write(Data(vkText.utf8), to: vkPath)
            say("  setup    \(CommandSupport.seconds(setupSeconds).leftPadded(to: 8))  pk.bin, vk.bin, verification_key.json")

            let (result, proveSeconds) = try progress.phase("prove") { try Pipeline.prove(compiled, provingKey: key, inputRows: rows) }
            let proofPath = work.appendingPathComponent("proof.json").path, publicPath = work.appendingPathComponent("public.json").path
            let proofText = SnarkJSON.render(result.proof), publicText = SnarkJSON.render(publicSignals: result.publicSignals)
            try Workflow.write(Data(proofText.utf8), to: proofPath)
            try Workflow.write(Data(publicText.utf8), to: publicPath)
            try Workflow.write(try result.outputDocument(), to: work.appendingPathComponent("output.json").path)
            let values = result.model.dequantizeOutputs(result.outputs)
            say("  prove    \(CommandSupport.seconds(proveSeconds).leftPadded(to: 8))  \(result.proof.bytes.count)-byte proof → \(proofPath)")

            let (verified, verifySeconds) = try progress.phase("verify") {
                try Pipeline.verify(verifyingKey: Data(vkText.utf8), keyPath: vkPath, proof: Data(proofText.utf8), proofPath: proofPath,
                                    publicSignals: Data(publicText.utf8), publicPath: publicPath)
            }
            say("  verify   \(CommandSupport.seconds(verifySeconds).leftPadded(to: 8))  \(verified.verdict.isValid ? "valid" : "INVALID")")

            // A forged claim: the same proof with the last output changed by one unit.
            var forged = result.publicSignals
            forged[forged.count - 1] += .one
            let forgedVerdict = Groth16.verify(result.proof, publicInputs: forged, key: try PreparedVerifyingKey(key.verifyingKey))
            say("  forged output rejected: \(forgedVerdict.isValid ? "NO" : "yes")")
            for (info, row) in zip(result.model.outputs, values) {
                let best = row.indices.max { row[$0] < row[$1] } ?? 0
                say("  output \(info.name): \(ProveCommand.preview(row))" + (row.count > 1 ? "  argmax \(best)" : ""))
            }
            if !temporary { say("  files in \(workPath)") }
            failed = !verified.verdict.isValid || forgedVerdict.isValid
            if json {
                CommandSupport.printJSON([
                    "model": model, "constraints": compiled.system.constraintCount, "public_signals": compiled.settings.publicSignals.count,
                    "public_inputs": compiled.system.publicCount,
                    "compile_seconds": compileSeconds, "setup_seconds": setupSeconds, "prove_seconds": proveSeconds,
                    "verify_seconds": verifySeconds, "valid": verified.verdict.isValid, "forged_rejected": !forgedVerdict.isValid,
                    "outputs": values, "proof_bytes": result.proof.bytes.count, "directory": temporary ? JSONValue.null : workPath as Any,
                ])
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// `Circuits/<name>` searched from the working directory and from the executable's location
    /// (`.build/release/zkml` → the repository), or a directory given directly.
    static func modelDirectory(_ name: String) throws -> URL {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: URL(fileURLWithPath: name).appendingPathComponent("network.onnx").path) {
            return URL(fileURLWithPath: name)
        }
        if let circuits = circuitsDirectory() {
            let candidate = circuits.appendingPathComponent(name)
            if fileManager.fileExists(atPath: candidate.appendingPathComponent("network.onnx").path) { return candidate }
        }
        throw WorkflowError("\(name): no Circuits/\(name)/network.onnx found (run from the repository, or pass a directory)")
    }

    /// The repository's `Circuits/` directory, if it can be found.
    static func circuitsDirectory() -> URL? {
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        starts.append(executable.deletingLastPathComponent())
        for start in starts {
            var directory = start
            for _ in 0 ..< 6 {
                let candidate = directory.appendingPathComponent("Circuits")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("README.md").path) { return candidate }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }
}
