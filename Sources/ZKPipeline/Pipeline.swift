#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import ZKCompiler
internal import ZKConstraints
internal import ZKCircuits
internal import ZKIO
internal import ZKCurves
public import ZKField
public import ZKGroth16
internal import ZKONNX
internal import ZKPoseidon
public import ZKQuant

/// The pipeline façade the CLI calls: compile → setup → prove → verify (and mock), each one
/// call over ZKQuant, ZKCompiler and ZKGroth16. The proving backend never sees the ONNX model;
/// the two meet in the R1CS.
public enum Pipeline {
    /// The zkml version recorded in artifacts and keys.
    public static let version = "0.1.0"

    // MARK: compile

    /// Quantizes an ONNX model and lowers it to an R1CS.
    /// - Parameters:
    ///   - onnx: the ONNX file's bytes.
    ///   - file: its name (for messages and provenance).
    ///   - configuration: the quantization knobs.
    ///   - calibrationRows: EZKL-layout calibration rows, or empty for the default scales.
    ///   - inputVisibility: public (default), private or hashed inputs.
    ///   - outputVisibility: public (default) or hashed outputs.
    ///   - parameterVisibility: fixed (default) or hashed weights (their Poseidon commitment is
    ///     recorded in the settings as `parameter_commitment`).
    ///   - inputRangeCheck: who range-checks public inputs: the verifier (default; the verifying
    ///     key lists the signals, ``setup(_:randomness:)``) or the circuit. Ignored for private
    ///     and hashed inputs, which the circuit always checks.
    ///   - salting: which hashed digests are salted (default: all; only hashed roles count). An
    ///     unsalted digest binds but does not hide a low-entropy tensor (docs/security.md).
    ///   - parameterSalt: the salt of a salted parameter commitment, below 2^248; `nil` (default)
    ///     draws one from the operating system's CSPRNG. Kept in ``CompiledModel/parameterSalt``.
    ///   - publicPacking: plain or packed public signals (``ZKCompiler/PublicSignalPacking``);
    ///     `nil` (default) packs when that takes fewer public inputs and the circuit checks the
    ///     public inputs' ranges (a verifier-side check stays plain).
    /// - Throws: `QuantError` naming the node that cannot be quantized, `CompilerError` (also a
    ///   parameter that does not fit its hashed width, naming the node, or an invalid salt),
    ///   ``PipelineError/invalidSettings(_:)`` for packing asked together with verifier-side
    ///   input range checks.
    public static func compile(onnx: [UInt8], file: String, configuration: QuantizationConfiguration = .init(),
                               calibrationRows: [[Double]] = [], inputVisibility: InputVisibility = .public,
                               outputVisibility: OutputVisibility = .public, parameterVisibility: ParameterVisibility = .fixed,
                               inputRangeCheck: InputRangeCheck = .circuit, salting: DigestSalting = .all,
                               parameterSalt: BN254.Fr? = nil, rangeChecks: RangeCheckSetting = .auto,
                               publicPacking: PublicSignalPacking? = nil) throws -> CompiledModel {
        // The setting only means something for public inputs; record `circuit` otherwise.
        let inputRangeCheck: InputRangeCheck = inputVisibility == .public ? inputRangeCheck : .circuit
        if publicPacking == .packed && inputRangeCheck == .verifier {
            throw PipelineError.invalidSettings("packed public signals need the input range checks in the circuit "
                                                + "(--input-range-check circuit): the packing is only injective for checked values")
        }
        let graph: ResolvedGraph
        do { graph = try ONNXModel(serializedBytes: onnx, file: file).graph.resolved(for: configuration) } catch let error as ONNXError {
            throw QuantError.onnx(error)
        }
        var calibration: [[Tensor<Double>]] = []
        if !calibrationRows.isEmpty {
            let samples = try EZKLJSON.calibrationSamples(calibrationRows, inputCounts: graph.inputs.map(\.count))
            calibration = samples.map { sample in zip(graph.inputs, sample).map { Tensor(shape: $0.shape, scalars: $1) } }
        }
        let model = try QuantizedModel(graph: graph, configuration: configuration, calibration: calibration)
        var packing = publicPacking ?? (inputRangeCheck == .verifier ? .plain : .packed)
        if publicPacking == nil, packing == .packed {
            let packed = ModelCircuit(model: model, inputVisibility: inputVisibility, outputVisibility: outputVisibility,
                                      parameterVisibility: parameterVisibility, publicPacking: .packed).layout
            if packed.publicInputCount >= packed.count { packing = .plain }
        }
        var unlimited = ModelCircuit(model: model, inputVisibility: inputVisibility, outputVisibility: outputVisibility,
                                     parameterVisibility: parameterVisibility, inputRangeCheck: inputRangeCheck,
                                     salting: salting, publicPacking: packing)
        // A model too large to build within the memory allowed fails naming where, not in the allocator.
        unlimited.termLimit = ResourceEstimate.buildTermLimit()
        let circuit = try rangeChecks.apply(to: unlimited)
        var saltOfParameters: BN254.Fr?
        if circuit.salting.contains(.parameters) {
            saltOfParameters = try DigestSalts.validated(parameterSalt ?? Poseidon.randomSalt(), role: .parameters, name: "parameters")
        }
        let system = try circuit.makeR1CS()
        let report = ConstraintReport(system: system, model: model)
        let calibrationInfo = calibrationRows.isEmpty ? nil
            : ModelSettings.Calibration(rows: calibrationRows.count, rowsSha256: CompiledModel.hash(rows: calibrationRows).hexString)
        let settings = ModelSettings(
            format: "zkml-settings", version: 1, zkmlVersion: version,
            model: .init(name: model.name, file: file, onnxSha256: SHA256.hash(onnx).hexString, onnxBytes: onnx.count),
            quantization: configuration, calibration: calibrationInfo, inputVisibility: inputVisibility, outputVisibility: outputVisibility,
            parameterVisibility: parameterVisibility,
            parameterCommitment: parameterVisibility == .hashed ? ModelParameters(model: model).commitment(salt: saltOfParameters).description : nil,
            settingsSha256: settingsHash(configuration: configuration, calibration: calibrationInfo, inputVisibility: inputVisibility,
                                         outputVisibility: outputVisibility, parameterVisibility: parameterVisibility,
                                         inputRangeCheck: inputRangeCheck, salting: circuit.salting, rangeChecks: circuit.rangeChecks,
                                         publicPacking: packing),
            publicSignals: circuit.layout,
            circuit: .init(constraints: system.constraintCount, publicSignals: system.publicCount, privateWires: system.privateCount,
                           nonZeros: report.nonZeros, sha256: system.contentHash.hexString),
            constraintsPerNode: report.rows, inputRangeCheck: inputRangeCheck, salting: circuit.salting, rangeChecks: circuit.rangeChecks)
        return CompiledModel(settings: settings, onnx: onnx, calibrationRows: calibrationRows, system: system, parameterSalt: saltOfParameters)
    }

    /// SHA-256 of the canonical JSON of the settings that, with the ONNX bytes, determine the circuit.
    /// `output_visibility` and `parameter_visibility` enter only when hashed, `public_packing` only when packed, and `input_range_check`
    /// only when `verifier`, `salted_digests` only when some digest is salted, so the hashes of earlier settings stay valid. The parameter commitment does not enter: with hashed
    /// parameters the settings (like the circuit) do not depend on the weight values.
    static func settingsHash(configuration: QuantizationConfiguration, calibration: ModelSettings.Calibration?,
                             inputVisibility: InputVisibility, outputVisibility: OutputVisibility,
                             parameterVisibility: ParameterVisibility, inputRangeCheck: InputRangeCheck = .circuit,
                             salting: DigestSalting = [], rangeChecks: RangeCheckMode = .bits,
                             publicPacking: PublicSignalPacking = .plain) -> String {
        struct Canonical: Encodable {
            var compilerRevision: Int
            var quantization: QuantizationConfiguration
            var calibration: ModelSettings.Calibration?
            var inputVisibility: InputVisibility
            var outputVisibility: OutputVisibility?
            var parameterVisibility: ParameterVisibility?
            var inputRangeCheck: InputRangeCheck?
            var saltedDigests: DigestSalting?
            var rangeChecks: RangeCheckSetting?
            var publicPacking: PublicSignalPacking?
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(Canonical(compilerRevision: CompiledModel.compilerRevision, quantization: configuration,
                                                  calibration: calibration, inputVisibility: inputVisibility,
                                                  outputVisibility: outputVisibility == .public ? nil : outputVisibility,
                                                  parameterVisibility: parameterVisibility == .fixed ? nil : parameterVisibility,
                                                  inputRangeCheck: inputRangeCheck == .circuit ? nil : inputRangeCheck,
                                                  saltedDigests: salting.isEmpty ? nil : salting,
                                                  rangeChecks: rangeChecks == .bits ? nil : .mode(rangeChecks),
                                                  publicPacking: publicPacking == .plain ? nil : publicPacking))) ?? Data()
        return SHA256.hash(data).hexString
    }

    // MARK: setup

    /// Groth16 keys for a compiled model. The verifying key records the circuit's hash and, when
    /// the verifier range-checks public inputs, their signals and width
    /// (``ZKGroth16/VerifyingKey/signedRanges``): the statement includes them.
    ///
    /// A caller that hands its last copy of the model over (`Pipeline.setup(consume model)`) has
    /// the circuit released as soon as the QAP is evaluated at τ (``ZKGroth16/Groth16/setup(_:randomness:reduction:threads:circuitHash:)``).
    /// - Parameter randomness: `.system` (default); `.insecureSeeded` for tests only.
    public static func setup(_ compiled: consuming CompiledModel, randomness: ToxicWasteSource = .system) throws(Groth16Error) -> ProvingKey {
        let (layout, hash, system) = (compiled.settings.publicSignals, compiled.circuitHash, compiled.system)
        _ = consume compiled
        var key = try Groth16.setup(consume system, randomness: randomness, circuitHash: hash)
        bind(&key.verifyingKey, to: layout)
        return key
    }

    /// Records in `key` what its statement includes beyond the Groth16 check: the public signals
    /// the verifier range-checks and the packing of the public words (``setup(_:randomness:)``,
    /// and the keys a ceremony exports).
    public static func bind(_ key: inout VerifyingKey, to layout: PublicLayout) {
        key.signedRanges = signedRanges(layout)
        key.packing = layout.packing
    }

    /// The public signals a layout leaves to the verifier to range-check.
    public static func signedRanges(_ layout: PublicLayout) -> [PublicSignalRange] {
        layout.entries.filter { $0.verifierRangeCheck && $0.form == .values }.map {
            PublicSignalRange(offset: $0.offset, count: $0.count, bits: $0.bits)
        }
    }

    /// snarkjs's `verification_key.json` plus a `zkml_model` object naming the model the key is
    /// for (name, ONNX and settings SHA-256, public signal layout). snarkjs ignores the extra
    /// fields; `zkml verify` prints them. They are provenance, not a cryptographic binding: the
    /// binding is the key itself (the weights are circuit constants).
    public static func verificationKeyJSON(_ key: VerifyingKey, compiled: CompiledModel) -> String {
        verificationKeyJSON(key, settings: compiled.settings)
    }

    /// ``verificationKeyJSON(_:compiled:)`` from the model's settings alone.
    public static func verificationKeyJSON(_ key: VerifyingKey, settings: ModelSettings) -> String {
        let base = SnarkJSON.render(key)
        let info = ModelIdentity(settings: settings)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let close = base.lastIndex(of: "}"), let data = try? encoder.encode(info) else { return base }
        var prefix = String(base[..<close])
        while prefix.last?.isWhitespace == true { prefix.removeLast() }
        return prefix + ",\n  \"zkml_model\": " + String(decoding: data, as: UTF8.self) + "\n}\n"
    }

    // MARK: prove

    /// Runs the model on `inputRows` exactly, builds the witness and proves it.
    /// - Parameters:
    ///   - inputRows: EZKL `input_data` rows (one flat array per graph input).
    ///   - salts: salts to reuse for salted input and output digests (a `salt.json` read with
    ///     ``DigestSalts/init(json:path:)``); every salted tensor without one gets a fresh salt
    ///     from the operating system's CSPRNG. The salts used are in ``ProveResult/salts``.
    ///   - randomness: the prover's blinding (`.system` for zero knowledge).
    /// - Throws: `QuantError` (input shape, an activation out of range, naming the node),
    ///   `CompilerError`, ``PipelineError/circuitMismatch(path:stored:rebuilt:)``, `Groth16Error`
    ///   (key for another circuit).
    public static func prove(_ compiled: CompiledModel, provingKey: some ProvingKeySource, inputRows: [[Double]], salts: DigestSalts = .init(),
                             randomness: Groth16.ProverRandomness = .system, path: String = "model.zkml") throws -> ProveResult {
        try prove(consuming: compiled, provingKey: provingKey, inputRows: inputRows, salts: salts, randomness: randomness, path: path)
    }

    /// ``prove(_:provingKey:inputRows:randomness:path:)`` for a caller that hands the compiled
    /// model over: its constraint system is released once the witness's quotient is computed,
    /// before the key's queries are read (with a ``ProvingKeyFile``, one at a time). The
    /// circuit and the key are never held together: for cnn_digits that was 5 MB of circuit
    /// next to 6 MB of key, for LeNet-5 80 MB next to 98 MB.
    ///
    /// `progress`, when given, hears each phase start (0) and end (1): `witness` (the exact
    /// inference and the witness, checked), `commitment` (round one, circuits with lookups only),
    /// `quotient` and `proof` (the multi-scalar multiplications over the key).
    public static func prove(consuming compiled: consuming CompiledModel, provingKey: some ProvingKeySource, inputRows: [[Double]],
                             salts: DigestSalts = .init(), randomness: Groth16.ProverRandomness = .system,
                             path: String = "model.zkml", progress: ((_ phase: String, _ fraction: Double) -> Void)? = nil) throws -> ProveResult {
        try ResourceEstimate(compiled.system).check(.prove)
        let hash = compiled.circuitHash
        let key = provingKey.verifyingKey
        if !key.circuitHash.isEmpty && key.circuitHash != hash {
            throw PipelineError.keyMismatch(path: "proving key", expected: hash.hexString, actual: key.circuitHash.hexString)
        }
        guard provingKey.variableCount == compiled.system.variableCount, key.publicCount == compiled.system.publicCount else {
            throw Groth16Error.circuitMismatch(path: "proving key", expected: "\(compiled.system.variableCount) wires",
                                               actual: "\(provingKey.variableCount) wires")
        }
        let used = salts.completed(for: compiled.settings.publicSignals)
        progress?("witness", 0)
        let (witnessResult, trace, model) = try witness(compiled, inputRows: inputRows, salts: used, path: path)
        progress?("witness", 1)
        // With lookups, round one is committed first and the witness completed for the challenges
        // the commitment gives (docs/groth16.md); a plain circuit's witness is all round one.
        var commitment: RoundOneCommitment?
        var full = witnessResult.witness.roundOne
        if compiled.system.hasCommitmentRound {
            progress?("commitment", 0)
            let round = try Groth16.commit(roundOne: full, provingKey: provingKey, randomness: randomness)
            full = try Groth16.complete(witnessResult.witness, commitment: round, system: compiled.system)
            commitment = round
            progress?("commitment", 1)
        }
        progress?("quotient", 0)
        let h = try Groth16.quotient(compiled.system, witness: full, reduction: Groth16.reduction(for: provingKey),
                                     checkWitness: compiled.system.hasCommitmentRound)
        progress?("quotient", 1)
        let publicCount = compiled.system.publicCount
        let packing = compiled.settings.publicSignals.packing
        _ = consume compiled
        progress?("proof", 0)
        let proof = try Groth16.prove(witness: full, quotient: h, provingKey: provingKey, randomness: randomness, commitment: commitment)
        progress?("proof", 1)
        let words = Array(full.publicInputs(count: publicCount))
        // public.json holds the statement's signals: the words unpacked (each value was
        // range-checked in the circuit, so the words are packings).
        guard let signals = packing.map({ $0.unpack(words) }) ?? words else {
            throw PipelineError.invalidSettings("the circuit's public words are not a packing of its layout (compiler bug)")
        }
        return ProveResult(proof: proof, publicSignals: signals, outputs: trace.outputs, model: model, trace: trace, salts: used)
    }

    /// The witness for `inputRows`, checked against the exact inference bit for bit and against
    /// the stored circuit (same hash, every constraint satisfied).
    /// `salts` holds the input and output salts; the parameter salt comes from `compiled`.
    static func witness(_ compiled: CompiledModel, inputRows: [[Double]], salts: DigestSalts, path: String) throws
        -> (result: (witness: TwoRoundWitness, outputs: [Tensor<Int64>]), trace: QuantizedTrace, model: QuantizedModel) {
        let circuit = try compiled.circuit()
        let model = circuit.model
        let inputs = try model.quantizeInputs(inputRows)
        let salts = compiled.witnessSalts(salts)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        // A direct comparison with the stored system (the one circuitHash names), in place: hashing
        // the rebuilt circuit was a tenth of a small model's prove, and a second R1CS a third of
        // its peak memory. Only a mismatch builds the rebuilt system, to name its hash.
        guard let result = try circuit.makeTwoRoundWitness(inputs: inputs, salts: salts, matching: compiled.system) else {
            let rebuilt = try circuit.makeWitness(inputs: inputs, salts: salts).system
            throw PipelineError.circuitMismatch(path: path, stored: compiled.settings.circuit.sha256,
                                                rebuilt: rebuilt.contentHash.hexString)
        }
        for (info, (circuitTensor, inferred)) in zip(model.outputs, zip(result.outputs, trace.outputs)) {
            if let index = circuitTensor.scalars.indices.first(where: { circuitTensor.scalars[$0] != inferred.scalars[$0] }) {
                throw CompilerError.outputMismatch(tensor: info.name, index: index, circuit: String(circuitTensor.scalars[index]),
                                                   inference: inferred.scalars[index])
            }
        }
        return (result, trace, model)
    }

    // MARK: mock

    /// Checks, without a proof, that the witness for `inputRows` satisfies the stored circuit and
    /// that its outputs equal the exact integer inference. A failure names the first failing
    /// constraint and its node; it is a result, not an error.
    /// - Throws: only for unreadable input (`QuantError.inputMismatch`, invalid JSON…).
    public static func mock(_ compiled: CompiledModel, inputRows: [[Double]], path: String = "model.zkml") throws -> MockReport {
        let circuit = try compiled.circuit()
        let model = circuit.model
        let inputs = try model.quantizeInputs(inputRows)
        // Any salts satisfy the circuit: fresh ones (the mock proves nothing and writes no salt).
        let salts = compiled.witnessSalts(DigestSalts().completed(for: compiled.settings.publicSignals))
        let build: (system: R1CS, witness: Witness, outputs: [Tensor<Int64>])
        do { build = try circuit.makeWitness(inputs: inputs, salts: salts) } catch {
            return MockReport(satisfied: false, constraints: compiled.system.constraintCount, failure: error.description, outputs: nil, model: model)
        }
        do { try compiled.system.check(build.witness) } catch {
            return MockReport(satisfied: false, constraints: compiled.system.constraintCount, failure: error.description, outputs: nil, model: model)
        }
        do {
            let trace = try QuantizedInference(model: model).run(input: inputs)
            guard trace.outputs == build.outputs else {
                return MockReport(satisfied: false, constraints: compiled.system.constraintCount,
                                  failure: "the circuit's outputs differ from the quantized inference (compiler bug)", outputs: build.outputs, model: model)
            }
        } catch let error as QuantError {
            return MockReport(satisfied: false, constraints: compiled.system.constraintCount, failure: error.tagged, outputs: nil, model: model)
        }
        return MockReport(satisfied: true, constraints: compiled.system.constraintCount, failure: nil, outputs: build.outputs, model: model)
    }

    // MARK: verify

    /// Verifies a proof with a verifying key file's bytes (`verification_key.json` or `vk.bin`).
    ///
    /// Malformed proof points and public signals ≥ r are an invalid proof (as on chain), not an error.
    /// With `input` (an EZKL-layout `input.json`) or `output` (an `output.json` from `zkml prove`),
    /// the tensors in them are checked against the public signals too — values for public
    /// tensors, the Poseidon digest for hashed ones — and a mismatch makes the proof invalid
    /// for that claim. A salted digest is opened with its salt from `salt` (a `salt.json`); a
    /// wrong salt is a mismatch. With hashed parameters the proof's commitment is checked against
    /// `parameterCommitment`, or else the commitment `zkml compile` recorded in the key.
    /// - Throws: `Groth16Error` / `ConstraintError` for an unreadable key or malformed JSON;
    ///   ``PipelineError/notBound(path:detail:)`` when `input`/`output` is given but the key names
    ///   no zkml model or the model does not bind that side, when a salted digest is opened
    ///   without its salt or `salt` opens nothing; `QuantError` for an unreadable input;
    ///   ``PipelineError/malformedArtifact(path:detail:)`` for a malformed salt file.
    public static func verify(verifyingKey keyData: Data, keyPath: String, proof proofData: Data, proofPath: String,
                              publicSignals publicData: Data, publicPath: String,
                              input: Data? = nil, inputPath: String = "input.json",
                              output: Data? = nil, outputPath: String = "output.json",
                              salt: Data? = nil, saltPath: String = "salt.json",
                              parameterCommitment: String? = nil) throws -> VerifyResult {
        let key = try verifyingKey(from: keyData, path: keyPath)
        let identity = isJSONKey(keyData) ? ModelIdentity(verificationKeyJSON: keyData) : nil
        let prepared = try PreparedVerifyingKey(key)
        var (verdict, signals) = try check(proof: proofData, proofPath: proofPath, publicSignals: publicData, publicPath: publicPath, key: prepared)
        var bindings: [BindingCheck] = []
        if let identity, verdict.isValid, let check = try identity.parameterCheck(signals: signals, expected: parameterCommitment) {
            bindings.append(check)
            if !check.matches { verdict = .invalid(check.summary) }
        } else if identity == nil && parameterCommitment != nil {
            throw PipelineError.notBound(path: keyPath, detail: "names no zkml model (use the verification_key.json written by zkml setup to check --param-commitment)")
        }
        if salt != nil && input == nil && output == nil {
            throw PipelineError.notBound(path: saltPath, detail: "--salt opens a salted digest: give the --input or --output it is for")
        }
        if input != nil || output != nil {
            let salts = try salt.map { data throws(PipelineError) in (try DigestSalts(json: data, path: saltPath), saltPath) }
            bindings += try checkBindings(identity: identity, keyPath: keyPath, signals: verdict.isValid ? signals : nil,
                                          input: input, inputPath: inputPath, output: output, outputPath: outputPath, salts: salts)
            if let mismatch = bindings.first(where: { !$0.matches }) { verdict = .invalid(mismatch.summary) }
        }
        return VerifyResult(verdict: verdict, model: identity, circuitSha256: key.circuitHash.isEmpty ? nil : key.circuitHash.hexString,
                            outputs: verdict.isValid ? identity?.decodeOutputs(signals) : nil, bindings: bindings)
    }

    /// A verifying key file's bytes, told apart by their magic: zkml's `vk.bin` (`ZKVK`), a snarkjs
    /// `.zkey` (its verifying key) or a `verification_key.json`.
    public static func verifyingKey(from data: Data, path: String) throws -> VerifyingKey {
        if data.starts(with: Array("ZKVK".utf8)) { return try KeyFile.verifyingKey(from: [UInt8](data), path: path) }
        if data.starts(with: Array("zkey".utf8)) { return try SnarkZkey.verifyingKey(from: data, path: path) }
        return try SnarkJSON.verifyingKey(from: data, path: path)
    }

    /// Whether key bytes are a `verification_key.json` (the only form that names a zkml model).
    static func isJSONKey(_ data: Data) -> Bool {
        !data.starts(with: Array("ZKVK".utf8)) && !data.starts(with: Array("zkey".utf8))
    }

    /// Reads `input`/`output` and checks them against `signals` (parsing errors are reported
    /// even when the proof is invalid; `signals` is `nil` then and no check is made).
    static func checkBindings(identity: ModelIdentity?, keyPath: String, signals: [BN254.Fr]?,
                              input: Data?, inputPath: String, output: Data?, outputPath: String,
                              salts: (salts: DigestSalts, path: String)?) throws -> [BindingCheck] {
        guard let identity else {
            throw PipelineError.notBound(path: keyPath, detail: "names no zkml model (use the verification_key.json written by zkml setup to check --input/--output)")
        }
        var inputs: (tensors: [[Int64]], path: String)?
        if let input {
            let rows = try EZKLJSON.inputRows(from: input, file: inputPath)
            inputs = (try identity.inputTensors(rows: rows, path: inputPath), inputPath)
        }
        var outputs: (tensors: [[Int64]], path: String)?
        if let output { outputs = (try identity.outputTensors(document: output, path: outputPath), outputPath) }
        // A missing salt is a usage error whatever the proof's verdict.
        _ = try identity.openingSalts(inputs: inputs?.path, outputs: outputs?.path, salts: salts)
        guard let signals else { return [] }
        return try identity.bindings(signals: signals, inputs: inputs, outputs: outputs, salts: salts)
    }

    /// The proof's verdict and its public signals (empty when unreadable). Points off the curve
    /// and signals ≥ r are an invalid proof, not an error.
    static func check(proof proofData: Data, proofPath: String, publicSignals publicData: Data, publicPath: String,
                      key prepared: PreparedVerifyingKey) throws -> (Groth16.Verdict, [BN254.Fr]) {
        do {
            let proof = try SnarkJSON.proof(from: proofData, path: proofPath)
            let signals = try SnarkJSON.publicSignals(from: publicData, path: publicPath)
            return (Groth16.verify(proof, publicInputs: signals, key: prepared), signals)
        } catch let error as Groth16Error {
            switch error {
            case .invalidPoint, .publicSignalNotInField: return (.invalid(error.description), [])
            default: throw error
            }
        }
    }
}
