public import ZKConstraints
public import ZKCircuits
public import ZKField
public import ZKONNX
public import ZKQuant

/// A quantized model as a circuit: the lowering of every ``QuantizedStep`` to ZKCircuits gadgets.
///
/// The lowering is written once, generic over ``CompilerAPI``, and runs on
/// - `CircuitBuilder(mode: .setup)`: the R1CS, without any input (``makeR1CS()``);
/// - `CircuitBuilder(mode: .proving)`: the same R1CS and its witness (``makeWitness(inputs:)``);
/// - `NativeEvaluator`: values only, to keep the circuit in lockstep with ``QuantizedInference``
///   (``evaluate(inputs:)``).
///
/// Weights and biases are circuit constants, so matMul/conv/linearCombination/mulConstant/
/// windowSum cost nothing; constraints are spent on rescale/divide (quotient and remainder range
/// checks), ReLU (one constraint when it follows a rescale, sharing the quotient's sign bit),
/// LeakyReLU, Clip, MaxPool, ArgMax, products of two activations, and a signed range check on
/// every graph input (unless the verifier checks public inputs, ``InputRangeCheck``) and on
/// every activation not already bounded by its gadget. Every
/// constraint is labelled `node <ONNX node>: <gadget>…` (`input <name>` for input checks,
/// `output <name>` for copies into public outputs).
public struct ModelCircuit: Sendable {
    /// The quantized model being proved.
    public let model: QuantizedModel
    /// Whether inputs are public signals, private, or bound by a public Poseidon digest.
    public let inputVisibility: InputVisibility
    /// Whether outputs are public signals or bound by a public Poseidon digest.
    public let outputVisibility: OutputVisibility
    /// Whether weights are circuit constants or private wires bound by a public commitment.
    public let parameterVisibility: ParameterVisibility
    /// Who range-checks public inputs (only public inputs: private and hashed ones are always
    /// checked in the circuit).
    public let inputRangeCheck: InputRangeCheck
    /// Which hashed tensors are committed with a salt (only hashed roles: a public or private
    /// side is never salted).
    public let salting: DigestSalting
    /// How range checks are enforced: bit decompositions (plain Groth16), or limbs looked up in a
    /// range table (a commitment round; docs/groth16.md). ``withCheapestRangeChecks()`` picks the
    /// cheaper for the model.
    public let rangeChecks: RangeCheckMode
    /// Whether public values are packed several to a Groth16 public input (``PublicSignalPacking``).
    public let publicPacking: PublicSignalPacking
    /// The most non-zero terms a setup-mode build may store (``ZKCircuits/CircuitBuilder/termLimit``):
    /// the compiler's memory budget, so a model too large to build is refused by name
    /// (``ZKCircuits/CircuitError/tooLarge(label:constraints:terms:)``) rather than by the allocator.
    /// `nil`: no limit. Carried by ``with(rangeChecks:)``.
    public var termLimit: Int?

    /// - Parameters:
    ///   - model: the quantized model (its steps are lowered in order).
    ///   - inputVisibility: public (default), private or hashed inputs.
    ///   - outputVisibility: public (default) or hashed outputs.
    ///   - parameterVisibility: fixed (default: weights are constants) or hashed.
    ///   - inputRangeCheck: in the circuit (default here; `zkml compile` defaults to the verifier).
    ///   - salting: which hashed digests are salted: none (default here; `zkml compile` and
    ///     `Pipeline.compile` salt all). Roles that are not hashed are dropped from it.
    ///   - publicPacking: plain (default here: one public input per signal) or packed (`zkml
    ///     compile` packs unless told otherwise). Packed public inputs are always range-checked in
    ///     the circuit, whatever `inputRangeCheck` says: the packing needs it to be injective.
    public init(model: QuantizedModel, inputVisibility: InputVisibility = .public, outputVisibility: OutputVisibility = .public,
                parameterVisibility: ParameterVisibility = .fixed, inputRangeCheck: InputRangeCheck = .circuit,
                salting: DigestSalting = [], rangeChecks: RangeCheckMode = .bits, publicPacking: PublicSignalPacking = .plain) {
        self.model = model
        self.publicPacking = publicPacking
        self.rangeChecks = rangeChecks
        self.inputRangeCheck = inputRangeCheck
        self.inputVisibility = inputVisibility
        self.outputVisibility = outputVisibility
        self.parameterVisibility = parameterVisibility
        var salting = salting
        if inputVisibility != .hashed { salting.remove(.inputs) }
        if outputVisibility != .hashed { salting.remove(.outputs) }
        if parameterVisibility != .hashed { salting.remove(.parameters) }
        self.salting = salting
    }

    /// Whether public input elements are left to the verifier to range-check.
    public var verifierChecksInputs: Bool { inputVisibility == .public && inputRangeCheck == .verifier && publicPacking == .plain }

    /// The signed width a public output element is packed at: the declared width of the step
    /// that computes it (``ZKQuant/QuantizedStep/bits``, which the exact inference enforces), or
    /// the graph input's when an output is an input.
    func packedBits(ofOutput name: String) -> Int {
        if let step = model.steps.last(where: { $0.output == name }) { return step.bits }
        return model.inputs.first { $0.name == name }?.bits ?? model.configuration.activationBits
    }

    /// The public signals: public or hashed inputs first, then outputs (``PublicLayout``).
    public var layout: PublicLayout {
        var entries: [PublicLayout.Entry] = []
        var offset = 0
        // Packed: a value at its width, a digest (a full field element) at 0; plain: none.
        let packed = publicPacking == .packed
        func packedBits(_ form: PublicLayout.Entry.Form, _ bits: @autoclosure () -> Int) -> Int? {
            packed ? (form == .values ? bits() : 0) : nil
        }
        if inputVisibility != .private {
            let form: PublicLayout.Entry.Form = inputVisibility == .hashed ? .poseidon : .values
            for input in model.inputs {
                let entry = PublicLayout.Entry(role: .input, name: input.name, shape: input.shape, scale: input.scale, bits: input.bits,
                                               form: form, offset: offset, verifierRangeCheck: verifierChecksInputs,
                                               salted: salting.contains(.inputs), packedBits: packedBits(form, input.bits))
                entries.append(entry)
                offset += entry.signalCount
            }
        }
        if parameterVisibility == .hashed {
            let count = ModelParameters(model: model).count
            entries.append(.init(role: .parameters, name: "parameters", shape: [count], scale: 0, bits: model.configuration.weightBits,
                                 form: .poseidon, offset: offset, salted: salting.contains(.parameters), packedBits: packedBits(.poseidon, 0)))
            offset += 1
        }
        let form: PublicLayout.Entry.Form = outputVisibility == .hashed ? .poseidon : .values
        for output in model.outputs {
            let entry = PublicLayout.Entry(role: .output, name: output.name, shape: output.shape, scale: output.scale, bits: output.bits,
                                           form: form, offset: offset, salted: salting.contains(.outputs),
                                           packedBits: packedBits(form, self.packedBits(ofOutput: output.name)))
            entries.append(entry)
            offset += entry.signalCount
        }
        return PublicLayout(entries: entries)
    }

    /// The constraint system, built without any input (setup mode: no value is computed).
    /// - Throws: ``CompilerError/circuit(_:)`` if construction itself fails.
    /// - Complexity: O(non-zero entries of the R1CS), dominated by the linear layers' terms.
    public func makeR1CS() throws(CompilerError) -> R1CS {
        let builder = CircuitBuilder(mode: .setup, rangeChecks: rangeChecks)
        builder.termLimit = termLimit ?? .max
        try lower(on: builder, inputs: nil)
        do { return try builder.makeR1CS() } catch { throw .circuit(error) }
    }

    /// This circuit with the range-check mode that costs the fewest constraints for this model:
    /// the lowering is run once in setup mode to count its range checks by width
    /// (``ZKCircuits/RangeCheckHistogram``), then ``ZKCircuits/RangeCheckMode/cheapest(for:)``
    /// weighs bit decompositions against limb lookups at every limb width (table size against
    /// lookups per check). A model with no range check stays `.bits` (plain Groth16).
    /// - Throws: ``CompilerError/circuit(_:)`` if construction itself fails.
    public func withCheapestRangeChecks() throws(CompilerError) -> ModelCircuit {
        with(rangeChecks: RangeCheckMode.cheapest(for: try rangeCheckHistogram()))
    }

    /// The range checks the lowering requests, by width (in any mode: the histogram is the same).
    public func rangeCheckHistogram() throws(CompilerError) -> RangeCheckHistogram {
        let builder = CircuitBuilder(mode: .setup, rangeChecks: .bits)
        builder.termLimit = termLimit ?? .max
        try lower(on: builder, inputs: nil)
        if let error = builder.error { throw .circuit(error) }
        return builder.rangeCheckHistogram
    }

    /// This circuit with another range-check mode.
    public func with(rangeChecks mode: RangeCheckMode) -> ModelCircuit {
        var circuit = ModelCircuit(model: model, inputVisibility: inputVisibility, outputVisibility: outputVisibility,
                                   parameterVisibility: parameterVisibility, inputRangeCheck: inputRangeCheck, salting: salting, rangeChecks: mode,
                                   publicPacking: publicPacking)
        circuit.termLimit = termLimit
        return circuit
    }

    /// The constraint system and a satisfying witness for one input.
    ///
    /// The builder checks every constraint as it is emitted; the outputs read back from the
    /// witness (the output wires, public or hashed) are returned as integer tensors. With lookups
    /// the witness is completed for random challenges: it satisfies the system and serves checks
    /// (`zkml mock`, tests); a proof takes ``makeTwoRoundWitness(inputs:salts:matching:)``, whose
    /// challenges come from the prover's commitment.
    /// - Parameters:
    ///   - inputs: one quantized tensor per graph input (``QuantizedModel/quantizeInputs(_:)``).
    ///   - salts: a salt for every salted digest of ``layout`` (none when nothing is salted).
    /// - Throws: ``CompilerError/circuit(_:)`` naming the node and gadget whose range or
    ///   constraint failed (an activation out of its declared width, for example);
    ///   ``CompilerError/salt(role:tensor:reason:)`` for a missing salt or one of 248 bits or more.
    public func makeWitness(inputs: [Tensor<Int64>], salts: DigestSalts = .init()) throws(CompilerError)
        -> (system: R1CS, witness: Witness, outputs: [Tensor<Int64>]) {
        let (builder, signals, twoRound) = try lowerForProving(inputs, salts: salts, shapedLike: nil)
        // In proving mode the builder reports its errors through makeWitness (in lowerForProving).
        let system: R1CS
        do { system = try builder.makeR1CS() } catch { throw .circuit(error) }
        let outputs = try readOutputs(signals) { builder.value(of: $0) }
        return (system, try Self.completedForChecking(twoRound, challengeCount: system.challengeCount), outputs)
    }

    /// `witness` completed for uniformly random challenges (a check of satisfiability, not a proof).
    static func completedForChecking(_ witness: TwoRoundWitness, challengeCount: Int) throws(CompilerError) -> Witness {
        guard challengeCount > 0 else { return witness.roundOne }
        var generator = SystemRandomNumberGenerator()
        let challenges = (0 ..< challengeCount).map { _ in BN254.Fr.random(using: &generator) }
        do { return try witness.complete(challenges: challenges) } catch let error as CircuitError {
            throw .circuit(error)
        } catch {
            throw .inputMismatch("round two of the witness: \(error)")
        }
    }

    /// ``makeWitness(inputs:)`` against a circuit the caller already holds (a prover's stored
    /// `model.zkml` circuit): the witness and outputs when the lowering emits exactly `system`,
    /// `nil` when it emits another system. The emitted constraints are compared by a digest per
    /// row, never stored, so the prover's peak memory holds one circuit, not two.
    /// - Throws: as ``makeWitness(inputs:)``.
    public func makeWitness(inputs: [Tensor<Int64>], salts: DigestSalts = .init(), matching system: R1CS) throws(CompilerError)
        -> (witness: Witness, outputs: [Tensor<Int64>])? {
        guard let (witness, outputs) = try makeTwoRoundWitness(inputs: inputs, salts: salts, matching: system) else { return nil }
        return (try Self.completedForChecking(witness, challengeCount: system.challengeCount), outputs)
    }

    /// ``makeWitness(inputs:salts:matching:)`` for a prover: the witness in two rounds
    /// (``ZKConstraints/TwoRoundWitness``; a plain circuit's witness is all round one).
    public func makeTwoRoundWitness(inputs: [Tensor<Int64>], salts: DigestSalts = .init(), matching system: R1CS) throws(CompilerError)
        -> (witness: TwoRoundWitness, outputs: [Tensor<Int64>])? {
        let (builder, signals, witness) = try lowerForProving(inputs, salts: salts, shapedLike: system)
        guard builder.emitsSameConstraints(as: system) else { return nil }
        let outputs = try readOutputs(signals) { builder.value(of: $0) }
        return (witness, outputs)
    }

    /// The lowering of both `makeWitness` forms: a proving-mode builder (recording only row
    /// digests when `system` is given), the output signals and the witness.
    private func lowerForProving(_ inputs: [Tensor<Int64>], salts: DigestSalts, shapedLike system: R1CS?) throws(CompilerError)
        -> (builder: CircuitBuilder, signals: [[CircuitBuilder.Signal]], witness: TwoRoundWitness) {
        try checkInputs(inputs, salts: salts)
        let builder = CircuitBuilder(mode: .proving, rangeChecks: rangeChecks)
        if let system { builder.recordDigestsOnly(expecting: system) }
        let signals = try lower(on: builder, inputs: inputs, salts: salts)
        do { return (builder, signals, try builder.makeTwoRoundWitness()) } catch { throw .circuit(error) }
    }

    /// Runs the lowering on the native evaluator (no constraints): the public signals and outputs.
    /// - Throws: ``CompilerError/circuit(_:)`` naming the node whose assertion or range failed.
    public func evaluate(inputs: [Tensor<Int64>], salts: DigestSalts = .init()) throws(CompilerError)
        -> (publicSignals: [BN254.Fr], outputs: [Tensor<Int64>]) {
        try checkInputs(inputs, salts: salts)
        let evaluator = NativeEvaluator(rangeChecks: rangeChecks)
        let outputSignals = try lower(on: evaluator, inputs: inputs, salts: salts)
        let signals: [BN254.Fr]
        do { signals = try evaluator.finish() } catch { throw .circuit(error) }
        return (signals, try readOutputs(outputSignals) { $0 })
    }

    /// The integer output tensors from the lowering's output signals.
    private func readOutputs<Signal>(_ signals: [[Signal]], value: (Signal) -> BN254.Fr?) throws(CompilerError) -> [Tensor<Int64>] {
        var outputs: [Tensor<Int64>] = []
        for (info, tensor) in zip(model.outputs, signals) {
            var scalars: [Int64] = []
            scalars.reserveCapacity(tensor.count)
            for (i, signal) in tensor.enumerated() {
                guard let element = value(signal), let integer = element.signedInt64 else {
                    throw .outputMismatch(tensor: info.name, index: i, circuit: value(signal)?.signedDescription ?? "(no value)", inference: 0)
                }
                scalars.append(integer)
            }
            outputs.append(Tensor(shape: info.shape, scalars: scalars))
        }
        return outputs
    }

    /// The output tensors encoded in a list of public signals laid out as ``layout``.
    /// - Precondition: outputs are public (`outputVisibility == .public`); hashed outputs are
    ///   not recoverable from their digests.
    /// - Throws: ``CompilerError/inputMismatch(_:)`` for a wrong count, ``CompilerError/outputMismatch(tensor:index:circuit:inference:)``
    ///   when a value is not a signed 64-bit integer.
    public func decodeOutputs(_ signals: [BN254.Fr]) throws(CompilerError) -> [Tensor<Int64>] {
        precondition(outputVisibility == .public, "hashed outputs cannot be decoded from their digests")
        let layout = self.layout
        guard signals.count == layout.count else {
            throw .inputMismatch("expected \(layout.count) public signals, got \(signals.count)")
        }
        var outputs: [Tensor<Int64>] = []
        for entry in layout.outputs {
            var scalars: [Int64] = []
            scalars.reserveCapacity(entry.count)
            for i in 0 ..< entry.count {
                guard let value = signals[entry.offset + i].signedInt64 else {
                    throw .outputMismatch(tensor: entry.name, index: i, circuit: signals[entry.offset + i].signedDescription, inference: 0)
                }
                scalars.append(value)
            }
            outputs.append(Tensor(shape: entry.shape, scalars: scalars))
        }
        return outputs
    }

    private func checkInputs(_ inputs: [Tensor<Int64>], salts: DigestSalts) throws(CompilerError) {
        for entry in layout.entries where entry.salted {
            guard let salt = salts.salt(role: entry.role, name: entry.name) else {
                throw .salt(role: entry.role, tensor: entry.name, reason: "missing (the digest is salted)")
            }
            _ = try DigestSalts.validated(salt, role: entry.role, name: entry.name)
        }
        guard inputs.count == model.inputs.count else {
            throw .inputMismatch("the model has \(model.inputs.count) inputs, got \(inputs.count)")
        }
        for (info, tensor) in zip(model.inputs, inputs) where tensor.count != info.count {
            throw .inputMismatch("input '\(info.name)': expected \(info.count) values, got \(tensor.count)")
        }
        // Without the circuit's check the builder would accept any value: refuse here what the
        // verifier would reject.
        guard verifierChecksInputs else { return }
        for (info, tensor) in zip(model.inputs, inputs) {
            let half = Int64(1) << (info.bits - 1)
            if let i = tensor.scalars.firstIndex(where: { $0 < -half || $0 >= half }) {
                throw .inputMismatch("input '\(info.name)'[\(i)] = \(tensor.scalars[i]) is outside its signed \(info.bits)-bit range")
            }
        }
    }
}
