// swift-tools-version:6.1
//
// package-benchmark targets for zkml, kept in their own package so that `swift build` and
// `swift test` at the repository root never compile the benchmark dependency.
//
//   cd Benchmarks
//   swift package benchmark                               # all targets
//   swift package benchmark --target FieldBenchmarks --format markdown
//   swift package benchmark --target ProofBenchmarks     # R1CS build, witness, Groth16 prove/verify
//   swift package benchmark --target ModelBenchmarks     # the Circuits/ models end to end
//   swift package benchmark baseline update main          # then: baseline check main
import PackageDescription

let package = Package(
    name: "zkml-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "zkml", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FieldBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ZKField", package: "zkml"),
                .product(name: "ZKPoly", package: "zkml"),
            ],
            path: "Benchmarks/FieldBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "CurveBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ZKField", package: "zkml"),
                .product(name: "ZKCurves", package: "zkml"),
                .product(name: "ZKPairing", package: "zkml"),
            ],
            path: "Benchmarks/CurveBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "ProofBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ZKField", package: "zkml"),
                .product(name: "ZKCurves", package: "zkml"),
                .product(name: "ZKConstraints", package: "zkml"),
                .product(name: "ZKCircuits", package: "zkml"),
                .product(name: "ZKGroth16", package: "zkml"),
                .product(name: "ZKSynthetic", package: "zkml"),
            ],
            path: "Benchmarks/ProofBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "ModelBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ZKGroth16", package: "zkml"),
                .product(name: "ZKQuant", package: "zkml"),
                .product(name: "ZKPipeline", package: "zkml"),
            ],
            path: "Benchmarks/ModelBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
