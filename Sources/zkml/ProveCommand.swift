internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKCompiler
internal import ZKConstraints
internal import ZKIO
internal import ZKGroth16
internal import ZKPipeline
internal import ZKWorkflow

/// `zkml prove DIR/model.zkml --pk DIR/pk.bin --input INPUT.json --proof proof.json --public public.json [--output output.json]
/// [--salt SALT.json] [--salt-out SALT.json]`,
/// or for a circom circuit `zkml prove CIRCUIT --pk pk.bin --wtns W.wtns --proof … --public …`.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Run a compiled model on an input and prove the result (Groth16).",
        discussion: """
        For a model.zkml: quantizes INPUT.json (EZKL layout {"input_data": [[…]]}), runs the exact
        integer inference, builds the witness (checked against every constraint and against the
        inference, bit for bit) and proves it. Writes proof.json and public.json in snarkjs's layout
        (public inputs first unless compiled with --input-visibility private, then the outputs as
        signed integers at their scale) and, with --output, the de-quantized outputs.
        A model with salted digests (hashed tensors; zkml compile --salt) gets a fresh 248-bit salt per
        salted input and output from the OS CSPRNG, written to salt.json beside the proof (or
        --salt-out) with owner-only permissions (0600): keep it secret, it opens the digests
        (zkml verify --salt). --salt FILE reuses the salts in FILE, so one input is committed once and
        proved many times under the same digest; tensors FILE has no salt for get fresh ones.
        For a circom .r1cs or zkml .zkr1cs circuit, pass the witness with --wtns instead of --input.
        Examples:
          zkml prove build/mlp/model.zkml --pk build/mlp/pk.bin --input Circuits/mlp_digits/input.json --proof build/mlp/proof.json --public build/mlp/public.json --output build/mlp/output.json
          zkml prove build/h/model.zkml --pk build/h/pk.bin --input input.json --proof p2.json --public pub2.json --salt build/h/salt.json --salt-out s2.json
          zkml prove circuit.r1cs --pk keys/pk.bin --wtns witness.wtns --proof proof.json --public public.json
          zkml prove circuit.r1cs --pk circuit_final.zkey --wtns witness.wtns --proof proof.json --public public.json
        A snarkjs Groth16 .zkey (from snarkjs zkey new/contribute or a ceremony) is accepted as --pk for
        a circom circuit: its coefficients are checked against the .r1cs first.
        Exit code 0 on success, 2 for a usage, file or input error (an activation out of range names
        its node), 3 for an internal inconsistency (please report it).
        """
    )

    @Argument(help: "A compiled model (model.zkml), or a circom .r1cs / zkml .zkr1cs circuit.")
    var circuit: String

    @Option(help: "The proving key from `zkml setup` (pk.bin), or a snarkjs Groth16 .zkey for a circom circuit.")
    var pk: String

    @Option(help: "The model input (EZKL input.json layout); for model.zkml.")
    var input: String?

    @Option(help: "The witness (iden3 .wtns, as written by circom's witness generators); for .r1cs/.zkr1cs circuits.")
    var wtns: String?

    @Option(help: "Where to write the proof (snarkjs proof.json layout).")
    var proof: String

    @Option(name: .customLong("public"), help: "Where to write the public signals (snarkjs public.json layout).")
    var publicSignals: String

    @Option(help: "Where to write the model's outputs ({\"output_data\": …} plus integers and scales); model.zkml only.")
    var output: String?

    @Option(help: "A salt.json to reuse (from an earlier zkml prove): the same input salt gives the same input digest; model.zkml with salted digests only.")
    var salt: String?

    @Option(name: .customLong("salt-out"), help: "Where to write the salts of the salted digests (default: salt.json beside --proof; written 0600).")
    var saltOut: String?

    @Flag(help: "Print a JSON summary.")
    var json = false

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        try CommandSupport.run {
            // An unreadable file is reported as such, not as a circuit missing its --wtns.
            do throws(FileError) { _ = try RandomAccessFile(path: circuit) } catch { throw WorkflowError(error.description) }
            if Workflow.isCompiledModel(circuit) { try proveModel() } else { try proveCircuit() }
        }
    }

    private func proveModel() throws {
        guard let input else { throw WorkflowError("missing --input INPUT.json (the model input to prove)") }
        if wtns != nil { throw WorkflowError("--wtns is for .r1cs circuits; a model.zkml takes --input") }
        let rows = try Workflow.inputRows(input)
        let files = Workflow.ProofFiles(proof: proof, publicSignals: publicSignals, output: output, salt: saltOut)
        let line = ProgressLine(quiet: json)
        let (summary, _) = try line.phase("prove: \(circuit)") {
            try Workflow.prove(model: circuit, provingKey: pk, inputRows: rows, inputName: input, files: files, reusedSalts: salt,
                               progress: { phase, fraction in if fraction == 0 { line.show("prove: \(phase)") } })
        }
        let (values, proveSeconds, salted, saltPath) = (summary.outputValues, summary.proveSeconds, summary.salted, summary.files.saltPath)
        if json {
            CommandSupport.printJSON(summary.json)
        } else {
            print("proved \(summary.modelName) (\(summary.constraints) constraints) in \(CommandSupport.seconds(proveSeconds)) "
                  + "(loading \(CommandSupport.seconds(summary.loadSeconds)))")
            for (name, row) in zip(summary.outputNames, values) {
                print("output \(name): " + Self.preview(row))
            }
            print("wrote \(proof), \(publicSignals)" + (output.map { ", \($0)" } ?? "")
                  + (salted ? ", \(saltPath) (the salts: keep it private)" : ""))
        }
    }

    static func preview(_ row: [Double]) -> String {
        let shown = row.prefix(12).map { Printf.format("%.4f", $0) }.joined(separator: ", ")
        return "[\(shown)\(row.count > 12 ? ", … (\(row.count) values)" : "")]"
    }

    private func proveCircuit() throws {
        guard let wtns else { throw WorkflowError("missing --wtns WITNESS.wtns (or pass a model.zkml with --input)") }
        let start = Date()
        let system = try Workflow.loadCircuit(circuit)
        let witness = try Witness(wtns: try Workflow.readBytes(wtns), path: wtns)
        try ResourceEstimate(system).check(.prove)
        let hash = system.contentHash
        // A snarkjs .zkey (told by its magic) proves with snarkjs's reduction once its
        // coefficients are checked against the circuit; a pk.bin records the circuit's hash.
        let keyBytes = try Workflow.readBytes(pk)
        let zkey = keyBytes.starts(with: Array("zkey".utf8))
        let key: any ProvingKeySource
        if zkey {
            try SnarkZkey.checkCoefficients(Data(keyBytes), system: system, path: pk)
            key = try SnarkZkey.provingKey(from: Data(keyBytes), path: pk)
        } else {
            key = try KeyFile.openProvingKey(atPath: pk)
            if !key.verifyingKey.circuitHash.isEmpty && key.verifyingKey.circuitHash != hash {
                throw Groth16Error.circuitMismatch(path: pk, expected: hash.hexString, actual: key.verifyingKey.circuitHash.hexString)
            }
        }
        let loaded = Date()
        let (result, _) = try ProgressLine(quiet: json).phase("prove: \(system.constraintCount) constraints") {
            try Groth16.prove(system, witness: witness, provingKey: key, circuitHash: hash, reduction: Groth16.reduction(for: key))
        }
        let proved = Date()
        let inputs = Array(witness.publicInputs(count: system.publicCount))
        try Workflow.write(Data(SnarkJSON.render(result).utf8), to: proof)
        try Workflow.write(Data(SnarkJSON.render(publicSignals: inputs).utf8), to: publicSignals)
        if json {
            CommandSupport.printJSON([
                "proof": proof, "public": publicSignals, "constraints": system.constraintCount,
                "load_seconds": loaded.timeIntervalSince(start), "prove_seconds": proved.timeIntervalSince(loaded),
            ])
        } else {
            print("proved \(system.constraintCount) constraints in \(Printf.format("%.2f", proved.timeIntervalSince(loaded))) s "
                  + "(loading \(Printf.format("%.2f", loaded.timeIntervalSince(start))) s); wrote \(proof), \(publicSignals)")
        }
    }
}
