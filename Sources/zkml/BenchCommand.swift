import ArgumentParser
import ZKBench

/// `zkml bench SUITE [--json] [--smoke]`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark suite and print its results.",
        discussion: """
        Suites: field (Fr/Fq arithmetic, C reference multiplier, NTT), curve (group operations, MSM, pairing), msm (MSM sizes and thread counts), all.
        Build in release mode for meaningful numbers:
          swift run -c release zkml bench field --json
        """
    )

    enum Suite: String, ExpressibleByArgument, CaseIterable {
        case field, curve, msm, all
    }

    @Argument(help: "The suite to run: \(Suite.allCases.map(\.rawValue).joined(separator: ", ")).")
    var suite: Suite = .all

    @Flag(help: "Print machine-readable JSON.")
    var json = false

    @Flag(help: "Tiny sizes and one round (for CI: checks the command runs, numbers are not meaningful).")
    var smoke = false

    @Option(name: .customLong("log"), help: "msm suite: log2 of the point counts (repeatable).")
    var logSizes: [Int] = [16]

    @Option(help: "msm suite: thread counts to try (repeatable).")
    var threads: [Int] = [1, 2]

    @Flag(help: "msm suite: use 0/1 scalars.")
    var bits = false

    func run() throws {
        if suite == .msm {
            let report = CurveBench.msmOnly(logSizes: logSizes, threads: threads, bits: bits)
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
        for report in reports {
            print(json ? report.json : report.text)
        }
    }
}
