internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKQuant
internal import ZKWorkflow

/// `zkml infer model.onnx --input input.json`: exact quantized inference.
struct InferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Run a model in exact fixed point (the computation the circuit proves).",
        discussion: """
        Input is EZKL's layout, {"input_data": [[…]]}: one flat row-major array per graph input.
        Output is {"output_data": [[…]]} (de-quantized) plus the raw integers and their scales.
        Examples:
          zkml infer Circuits/mlp_digits/network.onnx --input Circuits/mlp_digits/input.json
          zkml infer model.onnx --input input.json --calibrate data.json --bits 16 -o output.json
          zkml infer model.onnx --input input.json --trace trace.json   # every intermediate integer
        """
    )

    @Argument(help: "The ONNX model file.")
    var model: String

    @Option(help: "The input file (EZKL input.json layout).")
    var input: String

    @Option(name: .shortAndLong, help: "Write the output JSON here instead of standard output.")
    var output: String?

    @Option(help: "Calibration samples (EZKL layout; with one graph input, every row is a sample).")
    var calibrate: String?

    @OptionGroup(title: "Quantization") var quantization: QuantizationOptions

    @Flag(help: "Also run the float graph and include its outputs as float_output_data.")
    var float = false

    @Option(help: "Also write every intermediate integer tensor (the witness values) to this JSON file.")
    var trace: String?

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        try CommandSupport.run {
            let configuration = quantization.configuration
            let calibration = try calibrate.map { try EZKLJSON.inputRows(contentsOf: URL(fileURLWithPath: $0)) }
            let quantized = try QuantizedModel(contentsOf: URL(fileURLWithPath: model), configuration: configuration,
                                               calibrationRows: calibration)
            let rows = try EZKLJSON.inputRows(contentsOf: URL(fileURLWithPath: input))
            let run = try QuantizedInference(model: quantized).run(input: try quantized.quantizeInputs(rows))
            var document = try EZKLJSON.outputDocument(model: quantized, trace: run)
            if let trace {
                try Workflow.write(EZKLJSON.traceDocument(model: quantized, trace: run), to: trace)
            }
            if float {
                var object = try JSONValue.parse(document).objectValue ?? [:]
                object["float_output_data"] = JSONValue(try quantized.runFloat(rows))
                document = Data(JSONValue.object(object).rendered().utf8)
            }
            if let output {
                try Workflow.write(document, to: output)  // temp file + rename
            } else {
                print(String(decoding: document, as: UTF8.self))
            }
        }
    }
}
