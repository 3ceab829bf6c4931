// Field and NTT benchmarks (package-benchmark). Run from the Benchmarks/ folder:
//
//   swift package benchmark --target FieldBenchmarks
//
// Each benchmark's inner loop works on preallocated buffers; the malloc counter must read zero
// for the mul/add/NTT loops (allocation happens in setup, outside the measured closure).
import Benchmark
import ZKField
import ZKPoly

typealias Fr = BN254.Fr

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 1000
    )

    let length = 1024
    var rng = SeededGenerator(seed: 1)
    let xs = (0..<length).map { _ in Fr.random(using: &rng) }
    let ys = (0..<length).map { _ in Fr.random(using: &rng) }

    // 1024 independent products per iteration (throughput).
    Benchmark("Fr mul throughput ×1024", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var x = xs
        x.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeBufferPointer { yb in
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { Fr.multiply(UnsafeBufferPointer(xb), yb, into: xb) }
                benchmark.stopMeasurement()
            }
        }
        blackHole(x)
    }

    // A dependent chain of 1024 products per iteration (latency).
    Benchmark("Fr mul latency ×1024", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var acc = xs[0]
        let y = ys[0]
        for _ in benchmark.scaledIterations {
            for _ in 0..<1024 { acc = acc * y }
        }
        blackHole(acc)
    }

    Benchmark("Fr add throughput ×1024", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var x = xs
        x.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeBufferPointer { yb in
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { Fr.add(UnsafeBufferPointer(xb), yb, into: xb) }
                benchmark.stopMeasurement()
            }
        }
        blackHole(x)
    }

    Benchmark("Fr inverse") { benchmark in
        var acc = xs[1]
        for _ in benchmark.scaledIterations { acc = acc.inverse() }
        blackHole(acc)
    }

    Benchmark("Fr batch inverse 2^16") { benchmark in
        var values = (0..<(1 << 16)).map { _ in Fr.random(using: &rng) }
        var scratch = [Fr](repeating: .zero, count: values.count)
        values.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { s in
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { Fr.batchInvert(v, scratch: s) }
                benchmark.stopMeasurement()
            }
        }
        blackHole(values)
    }

    for log in [16, 20] {
        let domain = try! EvaluationDomain<Fr>(logSize: log)
        for threads in log == 20 ? [1, 2] : [1] {
            Benchmark("NTT 2^\(log) threads \(threads)",
                      configuration: .init(maxDuration: .seconds(log == 20 ? 10 : 3), maxIterations: log == 20 ? 5 : 50)) { benchmark in
                var values = (0..<domain.size).map { _ in Fr.random(using: &rng) }
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { domain.forward(&values, threads: threads) }
                benchmark.stopMeasurement()
                blackHole(values)
            }
        }
    }
}
