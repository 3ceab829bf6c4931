public import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKCircuits
public import ZKCompiler
internal import ZKPipeline
internal import ZKWorkflow
internal import ZKQuant

/// `zkml compile MODEL.onnx --out DIR [--calibrate DATA.json] [--input-visibility public|private|hashed]
/// [--output-visibility public|hashed] [--param-visibility fixed|hashed] [--input-range-check verifier|circuit]
/// [--salt all|none|inputs,outputs,parameters]`.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Quantize an ONNX model and compile it to a circuit (DIR/model.zkml, DIR/settings.json).",
        discussion: """
        model.zkml holds the ONNX bytes, the quantization settings (and calibration rows) and the
        R1CS; settings.json is the human-readable summary: SHA-256 of the ONNX file and of the
        settings, scales, public signal layout and constraints per node.
        Examples:
          zkml compile Circuits/mlp_digits/network.onnx --out build/mlp
          zkml compile model.onnx --out build/ --calibrate samples.json --bits 16 --input-visibility private
          zkml compile model.onnx --out build/ --input-visibility hashed --output-visibility hashed
          zkml compile model.onnx --out build/ --param-visibility hashed    # private weights, public commitment
          zkml compile model.onnx --out build/ --param-visibility hashed --salt none   # a commitment anyone with the weights can recompute
          zkml compile model.onnx --out build/ --range-checks bits --input-range-check verifier  # no lookups: a plain Groth16 proof, inputs checked by zkml's verifiers
          zkml compile model.onnx --out build/ --range-checks bits --public-layout plain   # snarkjs verifies the proof against public.json as it is
          zkml compile model.onnx --out build/ --json
        Exit code 0 on success, 2 for a usage, file or model error (the message names the node).
        """
    )

    @Argument(help: "The ONNX model file.")
    var model: String

    @Option(help: "The directory for model.zkml and settings.json (created if missing).")
    var out: String

    @Option(help: "Calibration samples (EZKL layout {\"input_data\": [[…], …]}; with one graph input every row is a sample).")
    var calibrate: String?

    @Option(help: ArgumentHelp("public: the verifier sees the inputs (default); private: the proof hides them; hashed: one public signal per input, the Poseidon digest of the quantized tensor (check it with zkml verify --input).", valueName: "public|private|hashed"))
    var inputVisibility: InputVisibility = .public

    @Option(help: ArgumentHelp("Who checks that public inputs fit their signed bit width. circuit (default): the circuit checks them, so every Groth16 verifier (snarkjs included) verifies the whole statement; verifier: the verifying key lists them and only zkml verify and the exported Solidity/Vyper verifiers reject out-of-range inputs, saving the circuit's checks. Private and hashed inputs are always checked in the circuit.", valueName: "circuit|verifier"))
    var inputRangeCheck: InputRangeCheck = .circuit

    @Option(help: ArgumentHelp("How range checks (rescale remainders and quotients, ReLU signs, comparisons, input bounds) are proved. auto (default): the cheaper for this model; bits: one constraint per bit, plain Groth16 (snarkjs-compatible proof and key); lookup:W: limbs of W bits (2…20) looked up in a 2^W-row table with a commitment round (320-byte proof, zkml's verifiers), plus the partial-width tables that pay for themselves; lookup:W,t1,…: exactly those tables.", valueName: "auto|bits|lookup:W[,t…]"))
    var rangeChecks: RangeCheckSetting = .auto

    @Option(help: ArgumentHelp("public: one public signal per output element (default); hashed: one per output, the Poseidon digest (check it with zkml verify --output).", valueName: "public|hashed"))
    var outputVisibility: OutputVisibility = .public

    @Option(name: .customLong("param-visibility"), help: ArgumentHelp("fixed: weights are circuit constants (default); hashed: weights are private witnesses, range-checked and bound by one public Poseidon commitment, printed here and recorded in settings.json (parameter_commitment).", valueName: "fixed|hashed"))
    var parameterVisibility: ParameterVisibility = .fixed

    @Option(help: ArgumentHelp("Which hashed digests are salted (hiding commitments; the salt is a private witness, one per tensor). all (default); none: unsalted digests, for compatibility and for parameter commitments third parties must recompute from the weights — WARNING: an unsalted digest hides nothing that can be guessed: whoever can enumerate candidate inputs (a digit, a yes/no feature vector, a face from a known gallery) finds the input by hashing them; or a comma-separated list of inputs, outputs, parameters.", valueName: "all|none|inputs,outputs,parameters"))
    var salt: DigestSalting = .all

    @Option(help: ArgumentHelp("How public signals become Groth16 public inputs. auto (default): packed when that takes fewer, unless --input-range-check verifier; packed: each input and output element range-checked in the circuit and packed with its neighbours into words of up to 253 bits (one ECMUL per word on chain; zkml's verifiers take the unpacked signals or the words); plain: one public input per signal, the layout snarkjs verifies public.json against.", valueName: "auto|packed|plain"))
    var publicLayout: PublicLayoutOption = .auto

    @OptionGroup(title: "Quantization") var quantization: QuantizationOptions

    @Flag(help: "Print a JSON summary.")
    var json = false

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        try CommandSupport.run {
            var options = Workflow.CompileOptions()
            options.configuration = quantization.configuration
            options.calibrationRows = try calibrate.map(Workflow.inputRows) ?? []
            (options.inputVisibility, options.outputVisibility, options.parameterVisibility) = (inputVisibility, outputVisibility, parameterVisibility)
            (options.inputRangeCheck, options.salting, options.rangeChecks) = (inputRangeCheck, salt, rangeChecks)
            options.publicPacking = publicLayout.packing
            let progress = ProgressLine(quiet: json)
            let summary = try progress.phase("compile: quantizing and lowering \(model)") {
                try Workflow.compile(model: model, out: out, options: options)
            }.0
            let (s, tables, seconds, artifact, settings) = (summary.settings, summary.functionTables, summary.seconds, summary.artifact, summary.settingsPath)
            if json {
                CommandSupport.printJSON(summary.json)
            } else {
                let packed = s.publicSignals.packing.map { " packed into \($0.wordCount) public input\($0.wordCount == 1 ? "" : "s")" } ?? ""
                print("compiled \(s.model.name): \(s.circuit.constraints) constraints, \(s.publicSignals.count) public signals\(packed) "
                      + "(\(s.inputVisibility.rawValue) inputs, \(s.outputVisibility.rawValue) outputs), \(s.circuit.privateWires) private wires in \(CommandSupport.seconds(seconds))")
                print("range checks: \(RangeCheckSetting.mode(s.rangeCheckMode))" + (s.rangeCheckMode == .bits ? " (plain Groth16)" : " (limb lookups with a commitment round)"))
                for (node, table) in tables {
                    print("function table of '\(node)': \(table.summary) on \(table.domainDescription) (input 2^-\(table.inputScale), output 2^-\(table.outputScale))")
                }
                print("onnx sha256 \(s.model.onnxSha256)\nsettings sha256 \(s.settingsSha256)\ncircuit sha256 \(s.circuit.sha256)")
                if let commitment = s.parameterCommitment {
                    let salted = s.salting.contains(.parameters) ? "salted poseidon; its salt is in model.zkml" : "poseidon, unsalted"
                    print("parameter commitment \(commitment) (\(salted); publish it as the model's identity)")
                }
                if !s.salting.isEmpty { print("salted digests: \(s.salting) (zkml prove writes the salts to salt.json)") }
                if s.salting != s.publicSignals.hashedRoles { Self.warnUnsalted(s.publicSignals.hashedRoles.subtracting(s.salting)) }
                print("wrote \(artifact), \(settings)")
            }
        }
    }
}

extension CompileCommand {
    /// The `--help` warning, on standard error, for hashed tensors compiled without a salt.
    static func warnUnsalted(_ roles: DigestSalting) {
        CommandSupport.standardError(ErrorText.tagged(module: "zkml", "warning: unsalted digests (\(roles)): they bind but do not hide; anyone who can enumerate candidates finds the value by hashing them (docs/security.md)") + "\n")
    }
}

extension DigestSalting: ExpressibleByArgument {}
extension InputVisibility: ExpressibleByArgument {}
extension InputRangeCheck: ExpressibleByArgument {}
extension OutputVisibility: ExpressibleByArgument {}
extension ParameterVisibility: ExpressibleByArgument {}

/// `--public-layout`: ``ZKCompiler/PublicSignalPacking`` or the compiler's choice.
enum PublicLayoutOption: String, ExpressibleByArgument, CaseIterable {
    case auto, packed, plain

    var packing: PublicSignalPacking? {
        switch self {
        case .auto: nil
        case .packed: .packed
        case .plain: .plain
        }
    }
}
extension RangeCheckSetting: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}
