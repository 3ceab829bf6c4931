import ArgumentParser
import ZKBench

/// `zkml bench SUITE [--json] [--smoke]`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark suite and print its results.",
        discussion: """
        Suites: field (Fr/Fq arithmetic, C reference multiplier, NTT), all.
        Build in release mode for meaningful numbers:
          swift run -c release zkml bench field --json
        """
    )

    enum Suite: String, ExpressibleByArgument, CaseIterable {
        case field, all
    }

    @Argument(help: "The suite to run: \(Suite.allCases.map(\.rawValue).joined(separator: ", ")).")
    var suite: Suite = .all

    @Flag(help: "Print machine-readable JSON.")
    var json = false

    @Flag(help: "Tiny sizes and one round (for CI: checks the command runs, numbers are not meaningful).")
    var smoke = false

    func run() throws {
        var reports: [BenchReport] = []
        switch suite {
        case .field, .all:
            reports.append(try FieldBench.run(smoke: smoke))
        }
        for report in reports {
            print(json ? report.json : report.text)
        }
    }
}
