// Whole-model benchmarks (package-benchmark) over the Circuits/ zoo: compile (quantize, lower,
// build the R1CS), witness (exact inference + circuit witness, checked bit for bit), prove
// (what `zkml prove` does after parsing: inference, witness, Groth16) and verify. Run from the
// Benchmarks/ folder:
//
//   swift package benchmark --target ModelBenchmarks
//   swift package benchmark --target ModelBenchmarks --filter ".*mlp_digits.*"
//
// LeNet-5 is left out by default (one prove is ~10 s, setup a minute); include it with
// ZKML_BENCH_LENET=1. The side-by-side comparison with EZKL on the same models is
// Benchmarks/compare/ (docs/benchmarks.md).
import Benchmark
import Foundation
import ZKGroth16
import ZKPipeline
import ZKQuant

/// Circuits/ next to this package, found from this file's location.
let circuits = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Circuits")

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 10
    )
    var names = ["mlp_digits", "cnn_digits", "mlp784", "every_op"]
    if ProcessInfo.processInfo.environment["ZKML_BENCH_LENET"] == "1" { names.append("lenet_digits28") }

    for name in names {
        let directory = circuits.appendingPathComponent(name)
        let onnxURL = directory.appendingPathComponent("network.onnx")
        guard let onnx = try? [UInt8](Data(contentsOf: onnxURL)),
              let rows = try? EZKLJSON.inputRows(contentsOf: directory.appendingPathComponent("input.json")) else {
            fatalError("ModelBenchmarks: cannot read \(directory.path)")
        }
        let compiled = try! Pipeline.compile(onnx: onnx, file: "network.onnx")
        let key = try! Pipeline.setup(compiled, randomness: .insecureSeeded(1))
        let proved = try! Pipeline.prove(compiled, provingKey: key, inputRows: rows)
        let prepared = try! PreparedVerifyingKey(key.verifyingKey)
        let constraints = compiled.system.constraintCount

        Benchmark("\(name) compile (\(constraints) constraints)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Pipeline.compile(onnx: onnx, file: "network.onnx"))
            }
        }
        Benchmark("\(name) witness (inference + witness + constraint check)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Pipeline.mock(compiled, inputRows: rows))
            }
        }
        Benchmark("\(name) prove") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Pipeline.prove(compiled, provingKey: key, inputRows: rows))
            }
        }
        Benchmark("\(name) verify (prepared key)", configuration: .init(maxIterations: 100)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(Groth16.verify(proved.proof, publicInputs: proved.publicSignals, key: prepared))
            }
        }
    }
}
