// swift-tools-version:6.1
//
// zkml — zero-knowledge proofs of ML inference (Groth16 over BN254).
//
// Layers, one-way (see docs/ARCHITECTURE.md):
//   CGMP ◄─ ZKBigInt ◄─ ZKField ◄─ ZKPoly (NTT) ◄─ … ◄─ zkml (CLI)
//   ZKONNX (decoding, graph IR) ◄─ ZKQuant (fixed point, exact inference)
//
// No library target carries `unsafeFlags`. CPU tuning, when wanted, comes from the command line:
//   swift build -c release -Xswiftc -target-cpu -Xswiftc znver3
// package-benchmark lives in the nested package under Benchmarks/ so that `swift build` and
// `swift test` here never compile it.
import PackageDescription

// MARK: - Arithmetic core: GMP, fields, polynomials

let coreTargets: [Target] = [
    // GMP's interface declared by us (Sources/CGMP/include/CGMP.h), linked against the runtime
    // library by its soname on Linux, so a build needs no libgmp-dev and no pkg-config: libgmp10
    // is on every Debian/Ubuntu system. Elsewhere (macOS with Homebrew's gmp) plain -lgmp.
    .target(
        name: "CGMP",
        linkerSettings: [
            .linkedLibrary(":libgmp.so.10", .when(platforms: [.linux])),
            .linkedLibrary("gmp", .when(platforms: [.macOS])),
        ]
    ),
    .target(name: "ZKBigInt", dependencies: ["CGMP"]),
    // BN254 Montgomery multiplication with mulx/adcx/adox as static inline C, inlined into ZKField's
    // kernels when the CPU has BMI2 and ADX (the portable Swift kernel otherwise).
    .target(name: "CZKMontgomery"),
    // ZKField calls GMP itself for one kernel: `Fp.inverseVariableTime()` runs `mpn_gcdext` on the
    // element's four limbs on the stack (the MSM's batch inversions, ~0.75 µs). ZKBigInt's `BigInt`
    // would allocate an `mpz_t` per call, so the limb-level call stays here (`internal import CGMP`).
    .target(name: "ZKField", dependencies: ["ZKBigInt", "CZKMontgomery", "CGMP"]),
    .target(name: "ZKPoly", dependencies: ["ZKField"]),
    // Batch-affine additions of fixed-base table points, eight lanes at a time with AVX-512 IFMA
    // (G1 setup), chosen at run time when the CPU has it.
    .target(name: "CZKBatchAffine"),
    .target(name: "ZKCurves", dependencies: ["ZKField", "ZKBigInt", "ZKIO", "CZKBatchAffine"]),
    .target(name: "ZKPairing", dependencies: ["ZKCurves", "ZKField", "ZKBigInt"]),
    // SHA-256's block function with the x86 SHA extensions (content hashes of circuits and keys);
    // ZKIO runs its portable Swift rounds when the CPU lacks them.
    .target(name: "CZKSHA256"),
    // sync_file_range(2), which Swift's Glibc module leaves out (atomic writes of large keys).
    .target(name: "CZKSystem"),
    // File plumbing under every artifact: binary reader/writer, atomic writes, SHA-256, hex,
    // the parallel for. Knows nothing of fields, circuits or keys.
    .target(name: "ZKIO", dependencies: ["CZKSHA256", "CZKSystem"]),
    .testTarget(name: "ZKIOTests", dependencies: ["ZKIO"]),
    // JSON and printf-style numbers without swift-corelibs-foundation (see JSONValue).
    .target(name: "ZKText"),
    .testTarget(name: "ZKTextTests", dependencies: ["ZKText"]),
    // R1CS IR: wires, sparse linear combinations, constraints, witness, checker, file formats.
    .target(name: "ZKConstraints", dependencies: ["ZKField", "ZKBigInt", "ZKIO"]),
    .target(name: "ZKCircuits", dependencies: ["ZKConstraints", "ZKField"]),
    // Poseidon (circomlib's parameters) natively and as a gadget; constants from scripts/poseidon_constants.py.
    .target(name: "ZKPoseidon", dependencies: ["ZKCircuits", "ZKField"]),
    // Groth16 (setup, prove, verify) over an R1CS; knows nothing of circuits or ONNX.
    .target(name: "ZKGroth16", dependencies: ["ZKText", "ZKIO", "ZKConstraints", "ZKPoly", "ZKCurves", "ZKPairing", "ZKField", "ZKBigInt"]),
    // Trusted setup: snarkjs/iden3 powers-of-tau (.ptau) files, phase-2 ceremonies over Groth16
    // keys (.zkey layout), contributions, beacons and their verification.
    .target(name: "ZKCeremony", dependencies: ["ZKGroth16", "ZKConstraints", "ZKIO", "ZKPoly", "ZKCurves", "ZKPairing", "ZKField", "ZKBigInt"]),
    .testTarget(name: "ZKCeremonyTests", dependencies: ["ZKCeremony", "ZKGroth16", "ZKConstraints", "ZKIO", "ZKCurves", "ZKField", "ZKTestSupport", "ZKSynthetic"]),
    // The EVM verifier: emits Solidity/Vyper text and calldata from a verifying key.
    .target(name: "ZKSolidity", dependencies: ["ZKGroth16", "ZKConstraints", "ZKIO", "ZKCurves", "ZKField"]),
    // The C reference kernels (Montgomery multiplication with mulx/adcx/adox), measured against
    // the Swift kernels in the same run by `zkml bench`. Not used by any library.
    .target(name: "CZKReference", path: "Benchmarks/CReference"),
    // Seeded synthetic workloads (an ML-shaped R1CS and builder layer) for `zkml bench`, the
    // package benchmarks and the tests; no core library depends on it.
    .target(name: "ZKSynthetic", dependencies: ["ZKConstraints", "ZKCircuits", "ZKField"]),
    .target(name: "ZKBench", dependencies: ["ZKCeremony", "ZKText", "ZKField", "ZKPoly", "ZKCurves", "CZKReference", "ZKPairing", "ZKConstraints", "ZKCircuits", "ZKGroth16", "ZKQuant", "ZKCompiler", "ZKPipeline", "ZKPoseidon", "ZKSynthetic"]),
    .target(name: "ZKTestSupport", dependencies: ["ZKBigInt", "ZKField", "ZKConstraints", "ZKCircuits"], path: "Tests/ZKTestSupport"),
    .testTarget(name: "ZKBigIntTests", dependencies: ["ZKBigInt"]),
    .testTarget(name: "ZKFieldTests", dependencies: ["ZKField", "ZKBigInt", "ZKTestSupport"]),
    .testTarget(name: "ZKPolyTests", dependencies: ["ZKPoly", "ZKField"]),
    .testTarget(name: "ZKCurvesTests", dependencies: ["ZKCurves", "ZKField", "ZKBigInt", "CZKBatchAffine", "ZKTestSupport"]),
    .testTarget(name: "ZKPairingTests", dependencies: ["ZKPairing", "ZKCurves", "ZKField", "ZKBigInt", "ZKTestSupport"], resources: [.copy("Vectors")]),
    .testTarget(name: "ZKConstraintsTests", dependencies: ["ZKConstraints", "ZKIO", "ZKField", "ZKTestSupport", "ZKSynthetic"]),
    .testTarget(name: "ZKCircuitsTests", dependencies: ["ZKCircuits", "ZKConstraints", "ZKField", "ZKQuant", "ZKTestSupport", "ZKSynthetic"]),
    .testTarget(name: "ZKGroth16Tests", dependencies: ["ZKGroth16", "ZKIO", "ZKConstraints", "ZKCurves", "ZKField", "ZKBigInt", "ZKTestSupport", "ZKSynthetic"]),
    .testTarget(name: "ZKSolidityTests", dependencies: ["ZKSolidity", "ZKGroth16", "ZKConstraints", "ZKIO", "ZKCurves", "ZKPairing", "ZKField", "ZKTestSupport"]),
    .testTarget(name: "ZKPoseidonTests", dependencies: ["ZKPoseidon", "ZKCircuits", "ZKConstraints", "ZKField", "ZKTestSupport"]),
    .testTarget(name: "ZKBenchTests", dependencies: ["ZKBench", "ZKField", "CZKReference"]),
]

// MARK: - ONNX import, quantization, exact inference

let modelTargets: [Target] = [
    .target(
        name: "ZKONNX",
        dependencies: ["ZKText", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
        exclude: ["Proto"]
    ),
    .target(name: "ZKQuant", dependencies: ["ZKONNX", "ZKText"]),
    .testTarget(name: "ZKONNXTests", dependencies: ["ZKONNX", "ZKTestSupport"]),
    .testTarget(name: "ZKQuantTests", dependencies: ["ZKQuant", "ZKONNX", "ZKTestSupport"]),
    // Model → circuit compiler (quantized steps → gadgets) and the pipeline façade (model.zkml).
    .target(name: "ZKCompiler", dependencies: ["ZKQuant", "ZKONNX", "ZKCircuits", "ZKPoseidon", "ZKConstraints", "ZKField"]),
    .target(name: "ZKPipeline", dependencies: ["ZKText", "ZKIO", "ZKCompiler", "ZKCircuits", "ZKQuant", "ZKONNX", "ZKPoseidon", "ZKConstraints", "ZKGroth16", "ZKCurves", "ZKField"]),
    // zkml's file-level operations (compile into a directory, setup, prove, verify, mock, inspect,
    // export-verifier, calldata) with JSON summaries: what the CLI and the C ABI both call.
    .target(name: "ZKWorkflow", dependencies: ["ZKText", "ZKIO", "ZKConstraints", "ZKCurves", "ZKGroth16", "ZKCircuits", "ZKCompiler", "ZKONNX", "ZKPipeline", "ZKQuant", "ZKSolidity"]),
    // The C ABI over ZKWorkflow (`@_cdecl` entry points, JSON requests and responses; header in
    // Sources/ZKCAPI/include/zkml.h), built as the dynamic library libZKMLC that python/ loads.
    .target(name: "ZKCAPI", dependencies: ["ZKWorkflow", "ZKPipeline", "ZKCompiler", "ZKQuant", "ZKSolidity", "ZKGroth16", "ZKText"], exclude: ["include"]),
    .testTarget(name: "ZKCAPITests", dependencies: ["ZKCAPI", "ZKText", "ZKTestSupport"]),
    .testTarget(name: "ZKCompilerTests", dependencies: ["ZKCompiler", "ZKQuant", "ZKONNX", "ZKCircuits", "ZKPoseidon", "ZKConstraints", "ZKField", "ZKTestSupport"]),
    .testTarget(name: "ZKPipelineTests", dependencies: ["ZKPipeline", "ZKIO", "ZKCompiler", "ZKCircuits", "ZKQuant", "ZKONNX", "ZKPoseidon", "ZKGroth16", "ZKConstraints", "ZKField", "ZKTestSupport", "ZKSynthetic"]),
]

// MARK: - Command line

let cliTargets: [Target] = [
    .executableTarget(
        name: "zkml",
        dependencies: [
            "ZKCeremony",
            "ZKBench",
            "ZKPipeline",
            "ZKWorkflow",
            "ZKCompiler",
            "ZKONNX",
            "ZKQuant",
            "ZKSolidity",
            "ZKSynthetic",
            "ZKGroth16",
            "ZKConstraints",
            "ZKCircuits",
            "ZKCurves",
            "ZKField",
            "ZKIO",
            "ZKText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
]

let package = Package(
    name: "zkml",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zkml", targets: ["zkml"]),
        .library(name: "ZKIO", targets: ["ZKIO"]),
        .library(name: "ZKBigInt", targets: ["ZKBigInt"]),
        .library(name: "ZKField", targets: ["ZKField"]),
        .library(name: "ZKPoly", targets: ["ZKPoly"]),
        .library(name: "ZKCurves", targets: ["ZKCurves"]),
        .library(name: "ZKPairing", targets: ["ZKPairing"]),
        .library(name: "ZKConstraints", targets: ["ZKConstraints"]),
        .library(name: "ZKCircuits", targets: ["ZKCircuits"]),
        .library(name: "ZKPoseidon", targets: ["ZKPoseidon"]),
        .library(name: "ZKGroth16", targets: ["ZKGroth16"]),
        .library(name: "ZKSolidity", targets: ["ZKSolidity"]),
        .library(name: "ZKBench", targets: ["ZKBench"]),
        .library(name: "ZKSynthetic", targets: ["ZKSynthetic"]),
        .library(name: "ZKONNX", targets: ["ZKONNX"]),
        .library(name: "ZKQuant", targets: ["ZKQuant"]),
        .library(name: "ZKCompiler", targets: ["ZKCompiler"]),
        .library(name: "ZKPipeline", targets: ["ZKPipeline"]),
        .library(name: "ZKWorkflow", targets: ["ZKWorkflow"]),
        // libZKMLC.so / .dylib: the C ABI the Python package (python/) loads.
        .library(name: "ZKMLC", type: .dynamic, targets: ["ZKCAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // No traits: zkml uses neither of swift-protobuf's default ones (Foundation streams, FieldMask
        // helpers), and with two of them SwiftPM orders their -D flags differently from one build to
        // the next, so `swift test` and `swift build` each recompiled SwiftProtobuf (≈ 2 min in CI).
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0", traits: []),
    ],
    targets: coreTargets + modelTargets + cliTargets,
    swiftLanguageModes: [.v6]
)
