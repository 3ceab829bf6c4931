#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKCompiler
public import ZKPipeline
internal import ZKQuant

extension Workflow {
    /// What ``inspect(model:options:)`` found.
    public struct InspectSummary {
        /// Whether every node quantizes (always true for a compiled model).
        public var supported: Bool
        /// The circuit's settings (constraints per node), when the model compiles.
        public var settings: ModelSettings?
        /// The node report (`nil` for a compiled model): its text and JSON forms.
        public var reportText: String?
        public var reportJSON: String?

        /// The `zkml inspect --json` object: for an ONNX file the node report with `circuit` and
        /// `constraints_per_node`; for a model.zkml its settings.
        public var json: [String: Any] {
            guard let reportJSON else {
                guard let settings, let object = (try? JSONValue.parse(settings.json()))?.objectValue else { return [:] }
                return object
            }
            var object: [String: Any] = (try? JSONValue.parse(Array(reportJSON.utf8)).objectValue) ?? [:]
            if let settings, let circuit = try? JSONValue.parse(settings.json()) {
                object["circuit"] = circuit["circuit"]
                object["constraints_per_node"] = circuit["constraints_per_node"]
            }
            return object
        }
    }

    /// `zkml inspect`: every node of an ONNX model with its support status, and the constraints
    /// per node of its circuit under `options` (built, not set up); for a model.zkml its stored settings.
    public static func inspect(model: String, options: CompileOptions = .init()) throws -> InspectSummary {
        if isCompiledModel(model) {
            return InspectSummary(supported: true, settings: try loadCompiledModel(model).settings, reportText: nil, reportJSON: nil)
        }
        let report = try ModelInspection.inspect(contentsOf: URL(fileURLWithPath: model), configuration: options.configuration)
        var settings: ModelSettings?
        if report.supported {
            settings = try Pipeline.compile(onnx: try readBytes(model), file: URL(fileURLWithPath: model).lastPathComponent,
                                            configuration: options.configuration, inputVisibility: options.inputVisibility,
                                            outputVisibility: options.outputVisibility, inputRangeCheck: options.inputRangeCheck,
                                            salting: options.salting, rangeChecks: options.rangeChecks).settings
        }
        return InspectSummary(supported: report.supported, settings: settings, reportText: report.text, reportJSON: report.json)
    }
}
