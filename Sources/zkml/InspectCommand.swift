import ArgumentParser
import Foundation
import ZKQuant

/// `zkml inspect model.onnx [--json]`: every node with its support status and shapes.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List every node of an ONNX model: operator, opset, support status, shapes, integer steps.",
        discussion: """
        Examples:
          zkml inspect Circuits/lenet_digits28/network.onnx
          zkml inspect model.onnx --json
        Exit code 0 when the whole model quantizes, 1 otherwise.
        """
    )

    @Argument(help: "The ONNX model file.")
    var model: String

    @Flag(help: "Print machine-readable JSON.")
    var json = false

    func run() throws {
        let report = try ModelInspection.inspect(contentsOf: URL(fileURLWithPath: model))
        print(json ? report.json : report.text)
        if !report.supported { throw ExitCode(1) }
    }
}
