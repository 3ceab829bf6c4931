// swift-tools-version:6.1
//
// libFuzzer targets for zkml's parsers (issue 10 item 2). A nested package, so `swift build` and
// `swift test` in the repository never compile it. Build and run (docs/security.md, "Fuzzing"):
//   cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer --scratch-path ../.build-fuzz
//   ZKML_FUZZ_TARGET=onnx ../.build-fuzz/release/zkml-fuzz -max_total_time=60 corpus/onnx seeds/onnx
// or scripts/fuzz TARGET SECONDS. Targets: onnx, input-json, proof-json, public-json, vk-json,
// pk-bin, vk-bin, zkr1cs, r1cs, wtns, model-zkml.
import PackageDescription

let package = Package(
    name: "zkml-fuzz",
    dependencies: [.package(name: "zkml", path: "..")],
    targets: [
        .executableTarget(
            name: "zkml-fuzz",
            dependencies: [
                .product(name: "ZKONNX", package: "zkml"),
                .product(name: "ZKQuant", package: "zkml"),
                .product(name: "ZKGroth16", package: "zkml"),
                .product(name: "ZKConstraints", package: "zkml"),
                .product(name: "ZKIO", package: "zkml"),
                .product(name: "ZKPipeline", package: "zkml"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
