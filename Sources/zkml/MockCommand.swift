internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKPipeline
internal import ZKWorkflow

/// `zkml mock DIR/model.zkml --input INPUT.json`: checks the witness without proving.
struct MockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Check that an input's witness satisfies a compiled model's circuit, without a proof.",
        discussion: """
        Builds the witness for INPUT.json, checks every constraint of the stored circuit and that
        the outputs equal the exact quantized inference bit for bit. Much faster than proving; on
        failure names the first failing constraint and its ONNX node (or the node whose activation
        leaves its declared range).
        Examples:
          zkml mock build/mlp/model.zkml --input Circuits/mlp_digits/input.json
          zkml mock build/mlp/model.zkml --input input.json --json
        Exit code 0 satisfied, 1 not satisfied, 2 usage or file error.
        """
    )

    @Argument(help: "The compiled model (model.zkml).")
    var model: String

    @Option(help: "The model input (EZKL input.json layout).")
    var input: String

    @Flag(help: "Print {\"satisfied\": …, \"failure\": …, \"outputs\": …}.")
    var json = false

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        var report: MockReport?
        try CommandSupport.run {
            let rows = try Workflow.inputRows(input)
            report = try ProgressLine(quiet: json).phase("mock: \(model)") {
                try Workflow.mock(model: model, inputRows: rows, inputName: input)
            }.0
        }
        guard let report else { throw ExitCode(2) }
        if json {
            CommandSupport.printJSON(report.json)
        } else if report.satisfied {
            print("satisfied: \(report.constraints) constraints hold; outputs equal the quantized inference")
            for (info, row) in zip(report.model.outputs, report.outputValues ?? []) { print("output \(info.name): " + ProveCommand.preview(row)) }
        } else {
            print("not satisfied: \(report.failure ?? "unknown")")
        }
        if !report.satisfied { throw ExitCode(1) }
    }
}
