#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKConstraints
internal import ZKGroth16
internal import ZKPipeline
internal import ZKQuant
public import ZKCompiler

/// The `models` suite: the whole pipeline (compile, setup, prove, verify) on each Circuits/ model,
/// with wall and process-CPU seconds per phase, peak RSS per phase and proof size.
///
/// Run it in release: `swift run -c release zkml bench models --json`. Setup uses a seeded
/// (insecure) randomness so runs are reproducible; that does not change its cost.
public enum ModelBench {
    /// One model to measure: its ONNX file and an EZKL `input.json`.
    public struct Case: Sendable {
        public var name: String
        public var onnx: URL
        public var input: URL

        public init(name: String, onnx: URL, input: URL) {
            self.name = name
            self.onnx = onnx
            self.input = input
        }

        /// The models of a `Circuits/` directory (every sub-directory with `network.onnx` and
        /// `input.json`), sorted by name.
        public static func zoo(in circuits: URL) -> [Case] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: circuits.path)) ?? []
            return names.sorted().compactMap { name in
                let dir = circuits.appendingPathComponent(name)
                let onnx = dir.appendingPathComponent("network.onnx"), input = dir.appendingPathComponent("input.json")
                guard FileManager.default.fileExists(atPath: onnx.path), FileManager.default.fileExists(atPath: input.path) else { return nil }
                return Case(name: name, onnx: onnx, input: input)
            }
        }
    }

    /// Measures each case once (`rounds` proofs, the median reported, when `rounds > 1`).
    /// - Parameters:
    ///   - rangeChecks: as `zkml compile --range-checks` (`.auto`, the default, picks per model).
    ///   - inputRangeCheck: who checks public inputs (the circuit, zkml's default).
    public static func run(_ cases: [Case], rounds: Int = 1, rangeChecks: RangeCheckSetting = .auto,
                           inputRangeCheck: InputRangeCheck = .circuit) throws -> BenchReport {
        var results: [BenchResult] = []
        for model in cases {
            let bytes = [UInt8](try Data(contentsOf: model.onnx))
            let rows = try EZKLJSON.inputRows(contentsOf: model.input)
            Clock.resetPeakRSS()
            var compiled: CompiledModel?
            let compile = try Clock.measureThrowing { compiled = try Pipeline.compile(onnx: bytes, file: model.onnx.lastPathComponent,
                                                                                       inputRangeCheck: inputRangeCheck, rangeChecks: rangeChecks) }
            let compilePeak = Clock.peakRSSMegabytes() ?? 0
            guard let compiled else { continue }
            Clock.resetPeakRSS()
            var key: ProvingKey?
            let setup = try Clock.measureThrowing { key = try Pipeline.setup(compiled, randomness: .insecureSeeded(1)) }
            let setupPeak = Clock.peakRSSMegabytes() ?? 0
            guard let key else { continue }
            Clock.resetPeakRSS()
            var proved: ProveResult?
            let prove = try Clock.medianThrowing(rounds: rounds, warmUp: false) { proved = try Pipeline.prove(compiled, provingKey: key, inputRows: rows) }
            let provePeak = Clock.peakRSSMegabytes() ?? 0
            guard let proved else { continue }
            let prepared = try PreparedVerifyingKey(key.verifyingKey)
            var verdict = Groth16.Verdict.valid
            let verify = Clock.measure { verdict = Groth16.verify(proved.proof, publicInputs: proved.publicSignals, key: prepared) }
            guard verdict.isValid else { throw Groth16Error.unsatisfiedWitness("benchmark proof of \(model.name) did not verify") }
            let proofJSON = SnarkJSON.render(proved.proof).utf8.count
            results.append(BenchResult(
                name: "models.\(model.name)", value: Double(compiled.system.constraintCount), unit: .count,
                extra: [("public_signals", Double(compiled.system.publicCount)), ("wires", Double(compiled.system.variableCount)),
                        ("compile_s", compile.wall), ("compile_cpu_s", compile.processCPU), ("compile_peak_rss_mb", compilePeak),
                        ("setup_s", setup.wall), ("setup_cpu_s", setup.processCPU), ("setup_peak_rss_mb", setupPeak),
                        ("prove_s", prove.wall), ("prove_cpu_s", prove.processCPU), ("prove_peak_rss_mb", provePeak),
                        ("verify_s", verify.wall), ("verify_cpu_s", verify.processCPU),
                        ("proof_bytes", Double(proved.proof.bytes.count)), ("proof_json_bytes", Double(proofJSON)),
                        ("lookup_limb_bits", Double(compiled.settings.rangeCheckMode.limbBits ?? 0))],
                note: "prove = quantized inference + witness + Groth16; setup seeded; range checks \(RangeCheckSetting.mode(compiled.settings.rangeCheckMode)), input range check \(inputRangeCheck.rawValue)"))
        }
        return BenchReport(suite: "models", results: results)
    }
}
