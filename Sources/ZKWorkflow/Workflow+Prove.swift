#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKIO
internal import ZKCompiler
internal import ZKGroth16
internal import ZKPipeline
internal import ZKQuant

extension Workflow {
    /// Where ``prove(model:provingKey:inputRows:inputName:files:reusedSalts:progress:)`` writes.
    public struct ProofFiles: Sendable {
        /// proof.json and public.json (snarkjs layouts).
        public var proof: String
        public var publicSignals: String
        /// output.json (`{"output_data": …}` plus integers, scales and shapes), when wanted.
        public var output: String?
        /// salt.json for models with salted digests (default: beside `proof`); written 0600.
        public var salt: String?

        public init(proof: String, publicSignals: String, output: String? = nil, salt: String? = nil) {
            self.proof = proof
            self.publicSignals = publicSignals
            self.output = output
            self.salt = salt
        }

        /// ``salt``, or `salt.json` in ``proof``'s directory.
        public var saltPath: String {
            salt ?? URL(fileURLWithPath: proof).deletingLastPathComponent().appendingPathComponent("salt.json").path
        }
    }

    /// What ``prove(model:provingKey:inputRows:inputName:files:reusedSalts:progress:)`` wrote.
    public struct ProveSummary {
        public var files: ProofFiles
        public var modelName: String
        public var constraints: Int
        /// Whether salt.json was written.
        public var salted: Bool
        /// The outputs: names, shapes, scales, exact integers and their de-quantized values.
        public var outputNames: [String]
        public var outputShapes: [[Int]]
        public var outputScales: [Int]
        public var outputIntegers: [[Int64]]
        public var outputValues: [[Double]]
        public var loadSeconds: Double
        public var proveSeconds: Double

        /// The `zkml prove --json` object.
        public var json: [String: Any] {
            var summary: [String: Any] = [
                "proof": files.proof, "public": files.publicSignals, "constraints": constraints, "model": modelName,
                "outputs": outputValues, "output_names": outputNames, "output_shapes": outputShapes, "output_scales": outputScales,
                "output_integers": outputIntegers, "load_seconds": loadSeconds, "prove_seconds": proveSeconds,
            ]
            if let output = files.output { summary["output"] = output }
            if salted { summary["salt"] = files.saltPath }
            return summary
        }
    }

    /// `zkml prove` for a compiled model: runs the exact inference on `inputRows` (EZKL
    /// `input_data` rows, one flat array per graph input), builds and checks the witness, proves
    /// it and writes the files (salt.json first: a proof is never left without the salts that
    /// open it; all renamed into place once all are complete). Progress phases: those of
    /// ``ZKPipeline/Pipeline/prove(consuming:provingKey:inputRows:salts:randomness:path:progress:)``,
    /// then `write`.
    /// - Parameters:
    ///   - inputName: what names the input in errors (its file, or the caller's argument).
    ///   - reusedSalts: a salt.json to reuse (`zkml prove --salt`), or `nil`.
    ///   - saltOut: whether the caller asked where the salts go (an error for a model without salts).
    public static func prove(model: String, provingKey pk: String, inputRows rows: [[Double]], inputName: String,
                             files: ProofFiles, reusedSalts: String? = nil, progress: Progress? = nil) throws -> ProveSummary {
        let reused = try reusedSalts.map { path in try DigestSalts(json: try read(path), path: path) } ?? DigestSalts()
        let start = Date()
        // An optional so that the prover can take it over (`take()`) and release the circuit
        // before it reads the key's points.
        var compiled: CompiledModel? = try loadCompiledModel(model)
        try ResourceEstimate(compiled!.system).check(.prove)
        let (constraintCount, settings, hash) = (compiled!.system.constraintCount, compiled!.settings, compiled!.circuitHash)
        let salted = settings.publicSignals.entries.contains { $0.salted && $0.role != .parameters }
        if !salted && (reusedSalts != nil || files.salt != nil) {
            throw WorkflowError("\(model): the model has no salted input or output digest; --salt and --salt-out are for models compiled with hashed tensors and salts (zkml compile --salt)")
        }
        // The key's hash, header and verifying key now (a wrong key fails before any work); its
        // queries when the prover reaches them, after the circuit has been released.
        let key = try KeyFile.openProvingKey(atPath: pk)
        if !key.verifyingKey.circuitHash.isEmpty && key.verifyingKey.circuitHash != hash {
            throw PipelineError.keyMismatch(path: pk, expected: hash.hexString, actual: key.verifyingKey.circuitHash.hexString)
        }
        let loaded = Date()
        let result = try naming(input: inputName) {
            try Pipeline.prove(consuming: compiled.take()!, provingKey: key, inputRows: rows, salts: reused, path: model, progress: progress)
        }
        let proveSeconds = Date().timeIntervalSince(loaded)
        progress?("write", 0)
        var staged: [AtomicFileWriter] = []
        if salted { staged.append(try stage(result.salts.json(), to: files.saltPath, permissions: 0o600)) }
        staged.append(try stage(Data(SnarkJSON.render(result.proof).utf8), to: files.proof))
        staged.append(try stage(Data(SnarkJSON.render(publicSignals: result.publicSignals).utf8), to: files.publicSignals))
        if let output = files.output { staged.append(try stage(try result.outputDocument(), to: output)) }
        for file in staged { try commit(file) }
        progress?("write", 1)
        return ProveSummary(files: files, modelName: settings.model.name, constraints: constraintCount, salted: salted,
                            outputNames: result.model.outputs.map(\.name), outputShapes: result.model.outputs.map(\.shape),
                            outputScales: result.model.outputs.map(\.scale), outputIntegers: result.outputs.map(\.scalars),
                            outputValues: result.model.dequantizeOutputs(result.outputs),
                            loadSeconds: loaded.timeIntervalSince(start), proveSeconds: proveSeconds)
    }
}
