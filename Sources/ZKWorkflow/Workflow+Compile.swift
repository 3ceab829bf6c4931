#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
public import ZKCompiler
public import ZKPipeline
public import ZKQuant

extension Workflow {
    /// The settings of ``compile(model:out:options:progress:)`` (the flags of `zkml compile`).
    public struct CompileOptions: Sendable {
        public var configuration = QuantizationConfiguration()
        /// EZKL-layout calibration rows (empty: the default scales).
        public var calibrationRows: [[Double]] = []
        public var inputVisibility: InputVisibility = .public
        public var outputVisibility: OutputVisibility = .public
        public var parameterVisibility: ParameterVisibility = .fixed
        public var inputRangeCheck: InputRangeCheck = .circuit
        public var salting: DigestSalting = .all
        public var rangeChecks: RangeCheckSetting = .auto
        /// `nil`: the compiler's choice (`--public-layout auto`).
        public var publicPacking: PublicSignalPacking?

        public init() {}
    }

    /// What ``compile(model:out:options:progress:)`` wrote and found.
    public struct CompileSummary {
        public var settings: ModelSettings
        /// `DIR/model.zkml` and `DIR/settings.json`.
        public var artifact: String
        public var settingsPath: String
        public var functionTables: [(node: String, table: FunctionTable)]
        public var seconds: Double

        /// The `zkml compile --json` object.
        public var json: [String: Any] {
            let s = settings
            return [
                "model": artifact, "settings": settingsPath, "name": s.model.name, "onnx_sha256": s.model.onnxSha256,
                "settings_sha256": s.settingsSha256, "circuit_sha256": s.circuit.sha256, "constraints": s.circuit.constraints,
                "public_signals": s.publicSignals.count, "public_inputs": s.circuit.publicSignals,
                "public_layout": s.publicSignals.packing == nil ? "plain" : "packed", "private_wires": s.circuit.privateWires,
                "input_visibility": s.inputVisibility.rawValue, "input_range_check": s.inputRangeCheck.rawValue,
                "output_visibility": s.outputVisibility.rawValue,
                "parameter_visibility": s.parameterVisibility.rawValue, "parameter_commitment": s.parameterCommitment.map { $0 as Any } ?? JSONValue.null,
                "salted_digests": s.salting.description, "range_checks": RangeCheckSetting.mode(s.rangeCheckMode).description,
                "seconds": seconds,
                "function_tables": functionTables.map { entry -> [String: Any] in
                    ["node": entry.node, "function": entry.table.function.description, "rows": entry.table.rows.count,
                     "error_bound": entry.table.errorBound, "input_scale": entry.table.inputScale,
                     "output_scale": entry.table.outputScale, "domain": entry.table.domainDescription]
                },
            ]
        }
    }

    /// `zkml compile`: quantizes the ONNX file at `model`, lowers it to an R1CS and writes
    /// `out/model.zkml` and `out/settings.json` (both or neither).
    /// - Parameter name: the model's file name recorded in the settings (default: `model`'s last
    ///   path component).
    /// - Throws: ``WorkflowError`` for an unreadable file or directory, and what
    ///   ``ZKPipeline/Pipeline/compile(onnx:file:configuration:calibrationRows:inputVisibility:outputVisibility:parameterVisibility:inputRangeCheck:salting:parameterSalt:rangeChecks:publicPacking:)`` throws.
    public static func compile(model: String, out: String, options: CompileOptions, name: String? = nil,
                               progress: Progress? = nil) throws -> CompileSummary {
        let onnx = try readBytes(model)
        let (compiled, seconds) = try phase("compile", progress) {
            try Pipeline.compile(onnx: onnx, file: name ?? URL(fileURLWithPath: model).lastPathComponent,
                                 configuration: options.configuration, calibrationRows: options.calibrationRows,
                                 inputVisibility: options.inputVisibility, outputVisibility: options.outputVisibility,
                                 parameterVisibility: options.parameterVisibility, inputRangeCheck: options.inputRangeCheck,
                                 salting: options.salting, rangeChecks: options.rangeChecks, publicPacking: options.publicPacking)
        }
        let directory = try makeDirectory(out)
        let artifact = directory.appendingPathComponent("model.zkml").path
        let settings = directory.appendingPathComponent("settings.json").path
        let staged = [try stage(Data(compiled.serialized()), to: artifact), try stage(compiled.settings.json(), to: settings)]
        for file in staged { try commit(file) }
        return CompileSummary(settings: compiled.settings, artifact: artifact, settingsPath: settings,
                              functionTables: try compiled.quantizedModel().functionTables, seconds: seconds)
    }
}
