internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKCompiler
internal import ZKPipeline
internal import ZKWorkflow
internal import ZKQuant

/// `zkml inspect model.onnx [--json]`: every node with its support status, shapes and the
/// constraints its circuit costs; `zkml inspect DIR/model.zkml` for a compiled model.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List every node of an ONNX model (operator, support, shapes, integer steps) and the constraints per node.",
        discussion: """
        For an ONNX file the circuit is built with the given quantization settings (no setup) to
        count constraints per node; for a model.zkml the stored counts are shown.
        Examples:
          zkml inspect Circuits/lenet_digits28/network.onnx
          zkml inspect model.onnx --bits 16 --json
          zkml inspect build/mlp/model.zkml
        Exit code 0 when the whole model quantizes, 1 otherwise, 2 for a file error.
        """
    )

    @Argument(help: "The ONNX model file, or a compiled model.zkml.")
    var model: String

    @OptionGroup(title: "Quantization (for the constraint count)") var quantization: QuantizationOptions

    @Option(help: ArgumentHelp("public, private or hashed inputs (for the constraint count).", valueName: "public|private|hashed"))
    var inputVisibility: InputVisibility = .public

    @Option(help: ArgumentHelp("public or hashed outputs (for the constraint count).", valueName: "public|hashed"))
    var outputVisibility: OutputVisibility = .public

    @Option(help: ArgumentHelp("Which hashed digests are salted (for the constraint count; see zkml compile --salt).", valueName: "all|none|inputs,outputs,parameters"))
    var salt: DigestSalting = .all

    @Option(help: ArgumentHelp("circuit (default) or verifier: who checks public input bounds (for the constraint count; see zkml compile).", valueName: "circuit|verifier"))
    var inputRangeCheck: InputRangeCheck = .circuit

    @Option(help: ArgumentHelp("auto (default), bits or lookup:W (for the constraint count; see zkml compile).", valueName: "auto|bits|lookup:W"))
    var rangeChecks: RangeCheckSetting = .auto

    @Flag(help: "Print machine-readable JSON.")
    var json = false

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        var supported = true
        try CommandSupport.run {
            var options = Workflow.CompileOptions()
            options.configuration = quantization.configuration
            (options.inputVisibility, options.outputVisibility, options.inputRangeCheck) = (inputVisibility, outputVisibility, inputRangeCheck)
            (options.salting, options.rangeChecks) = (salt, rangeChecks)
            let summary = try Workflow.inspect(model: model, options: options)
            supported = summary.supported
            if summary.reportText == nil && json {
                // A model.zkml: its settings.json as stored.
                if let settings = summary.settings { print(String(decoding: settings.json(), as: UTF8.self)) }
            } else if json {
                CommandSupport.printJSON(summary.json)
            } else {
                if let text = summary.reportText { print(text) }
                if let settings = summary.settings { print(Self.table(settings)) }
            }
        }
        if !supported { throw ExitCode(1) }
    }

    /// Constraints per node as a table, with totals.
    static func table(_ settings: ModelSettings) -> String {
        let mode = settings.rangeCheckMode
        let partial = mode.partialTables.isEmpty ? "" : ", partial tables of " + mode.partialTables.map { "\($0)" }.joined(separator: ", ") + " bits"
        let checks = mode.limbBits.map { "range checks on \($0)-bit limbs (lookups\(partial))" } ?? "range checks in bits"
        var lines = ["circuit of \(settings.model.name) (\(settings.quantization.activationBits)-bit activations, \(settings.inputVisibility.rawValue) inputs, \(settings.outputVisibility.rawValue) outputs, \(checks)):",
                     "  " + "".padded(to: 34) + " " + "".padded(to: 12) + "constraints" + "          " + (mode == .bits ? "" : "lookups")]
        let total = max(1, settings.circuit.constraints)
        for row in settings.constraintsPerNode {
            let name = "\(row.kind) \(row.name)".padded(to: 34)
            let op = (row.opType ?? "").padded(to: 12)
            let count = String(row.constraints).leftPadded(to: 9)
            let lookups = mode == .bits ? "" : String(row.lookups).leftPadded(to: 8) + "  "
            lines.append("  \(name) \(op) \(count)  \(Printf.format("%5.1f", 100 * Double(row.constraints) / Double(total))) %  \(lookups)\(row.steps.joined(separator: " + "))")
        }
        lines.append("  total \(settings.circuit.constraints) constraints, \(settings.circuit.publicSignals) public signals, "
                     + "\(settings.circuit.privateWires) private wires, \(settings.circuit.nonZeros) non-zero entries")
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
