internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKBench
internal import ZKCompiler
internal import ZKCurves
internal import ZKWorkflow

/// `zkml bench SUITE [--json] [--smoke]`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark suite and print its results.",
        discussion: """
        Suites: field (Fr/Fq arithmetic, C reference multiplier, NTT), curve (group operations, MSM, pairing), msm (MSM sizes and thread counts), groth16 (setup/prove/verify on ML-shaped synthetic circuits of 2^16 and 2^20 constraints), ceremony (phase-2 new, one contribution and verifying a 3-contribution ceremony against zkml setup on the same synthetic circuit, 2^20 by default), models (compile/setup/prove/verify of every Circuits/ model: constraints, wall and CPU seconds, peak RSS, proof bytes), poseidon (native permutation ns and gadget constraints per width, 784-cell digest), all (groth16 at 2^16 only, no models).
        Build in release mode for meaningful numbers:
          swift run -c release zkml bench field --json
          swift run -c release zkml bench groth16 --log 18 --json
          swift run -c release zkml bench models --json
          swift run -c release zkml bench models --model mlp_digits --model cnn_digits
        """
    )

    enum Suite: String, ExpressibleByArgument, CaseIterable {
        case field, curve, msm, groth16, ceremony, models, poseidon, all
    }

    @Argument(help: "The suite to run: \(Suite.allCases.map(\.rawValue).joined(separator: ", ")).")
    var suite: Suite = .all

    @Flag(help: "Print machine-readable JSON.")
    var json = false

    @Flag(help: "Tiny sizes and one round (for CI: checks the command runs, numbers are not meaningful).")
    var smoke = false

    @Option(name: .customLong("log"), help: "msm: log2 of the point counts (default 16); groth16: log2 of the circuit sizes (default 16 and 20); ceremony: (default 20). Repeatable.")
    var logSizes: [Int] = []

    @Option(help: "msm: thread counts to try (default 1 and 2); groth16: the thread count (default: all cores). Repeatable.")
    var threads: [Int] = []

    @Flag(help: "msm suite: use 0/1 scalars.")
    var bits = false

    @Option(help: ArgumentHelp("models: range checks as zkml compile --range-checks (default auto).", valueName: "auto|bits|lookup:W"))
    var rangeChecks: RangeCheckSetting = .auto

    @Option(help: ArgumentHelp("models: who checks public inputs, as zkml compile --input-range-check (default circuit).", valueName: "circuit|verifier"))
    var inputRangeCheck: InputRangeCheck = .circuit

    @Option(name: .customLong("model"), help: "models: a Circuits/ model name or directory to run (default: all). Repeatable.")
    var models: [String] = []

    func run() throws {
        if suite == .models {
            try CommandSupport.run {
                let cases: [ModelBench.Case]
                if models.isEmpty {
                    guard let circuits = DemoCommand.circuitsDirectory() else {
                        throw WorkflowError("Circuits/ not found (run from the repository)")
                    }
                    cases = ModelBench.Case.zoo(in: circuits)
                } else {
                    cases = try models.map { name in
                        let directory = try DemoCommand.modelDirectory(name)
                        return ModelBench.Case(name: directory.lastPathComponent, onnx: directory.appendingPathComponent("network.onnx"),
                                               input: directory.appendingPathComponent("input.json"))
                    }
                }
                let report = try ModelBench.run(cases, rounds: smoke ? 1 : 3, rangeChecks: rangeChecks, inputRangeCheck: inputRangeCheck)
                print(json ? report.json : report.text)
            }
            return
        }
        var groth16Report: BenchReport?
        if suite == .groth16 || suite == .all {
            // `all` proves only the 2^16 circuit; `groth16` also 2^20 unless --log picks sizes.
            let sizes = suite == .all ? [16] : (logSizes.isEmpty ? [16, 20] : logSizes)
            let report = try Groth16Bench.run(logSizes: sizes, smoke: smoke, threads: threads.first ?? ActiveProcessors.count)
            if suite == .groth16 { print(json ? report.json : report.text); return }
            groth16Report = report
        }
        if suite == .ceremony {
            let report = try CeremonyBench.run(logSizes: logSizes.isEmpty ? [20] : logSizes, smoke: smoke,
                                               threads: threads.first ?? ActiveProcessors.count)
            print(json ? report.json : report.text)
            return
        }
        if suite == .poseidon {
            let report = try PoseidonBench.run(smoke: smoke)
            print(json ? report.json : report.text)
            return
        }
        if suite == .msm {
            let report = CurveBench.msmOnly(logSizes: logSizes.isEmpty ? [16] : logSizes, threads: threads.isEmpty ? [1, 2] : threads, bits: bits)
            print(json ? report.json : report.text)
            return
        }
        var reports: [BenchReport] = []
        if suite == .field || suite == .all { reports.append(try FieldBench.run(smoke: smoke)) }
        if suite == .curve || suite == .all {
            var curve = CurveBench.run(smoke: smoke)
            curve.results += PairingBench.run(smoke: smoke).results
            reports.append(curve)
        }
        if let groth16Report { reports.append(groth16Report) }
        for report in reports {
            print(json ? report.json : report.text)
        }
    }
}
