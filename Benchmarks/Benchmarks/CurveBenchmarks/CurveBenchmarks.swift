// Curve, MSM and pairing benchmarks (package-benchmark). Run from the Benchmarks/ folder:
//
//   swift package benchmark --target CurveBenchmarks
//
// Point sets are built in setup (outside the measured closures).
import Benchmark
import ZKCurves
import ZKField
import ZKPairing

typealias Fr = BN254.Fr

/// `count` distinct affine points: consecutive multiples of a random point, normalised at once.
func points<C: CurveConfig>(_: C.Type, count: Int, seed: UInt64) -> [AffinePoint<C>] where C.ScalarField == Fr {
    var rng = SeededGenerator(seed: seed)
    let base = JacobianPoint<C>.generator * Fr.random(using: &rng)
    var out: [JacobianPoint<C>] = []
    var current = base
    for _ in 0..<count { out.append(current); current += base }
    return JacobianPoint<C>.batchNormalize(out)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 100
    )
    var rng = SeededGenerator(seed: 2)
    let p = (JacobianPoint<BN254.G1Config>.generator * Fr.random(using: &rng)).affine

    Benchmark("G1 mixed add ×1000", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var acc = JacobianPoint<BN254.G1Config>.generator
        for _ in benchmark.scaledIterations { acc += p }
        blackHole(acc)
    }

    let g1 = points(BN254.G1Config.self, count: 1 << 16, seed: 3)
    let scalars = (0..<(1 << 16)).map { _ in Fr.random(using: &rng) }
    let bits = (0..<(1 << 16)).map { _ in Fr(UInt64.random(in: 0...1, using: &rng)) }
    for threads in [1, 2] {
        Benchmark("G1 MSM 2^16 threads \(threads)", configuration: .init(maxIterations: 10)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(MSM.multiScalarMultiply(points: g1, scalars: scalars, threads: threads))
            }
        }
    }
    Benchmark("G1 MSM 2^16 0/1 scalars") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(MSM.multiScalarMultiply(points: g1, scalars: bits)) }
    }

    let q = (JacobianPoint<BN254.G2Config>.generator * Fr.random(using: &rng)).affine
    Benchmark("Pairing") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(BN254.pairing(p, q)) }
    }
    let pairs = (0..<4).map { _ in
        ((JacobianPoint<BN254.G1Config>.generator * Fr.random(using: &rng)).affine,
         (JacobianPoint<BN254.G2Config>.generator * Fr.random(using: &rng)).affine)
    }
    Benchmark("Pairing product check ×4") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(BN254.pairingProductIsOne(pairs)) }
    }
}
