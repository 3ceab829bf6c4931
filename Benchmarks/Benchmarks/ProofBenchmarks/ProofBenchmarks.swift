// Proof-system benchmarks (package-benchmark): building an R1CS with the circuit builder, the
// witness, the QAP witness map, Groth16 prove and verify. Run from the Benchmarks/ folder:
//
//   swift package benchmark --target ProofBenchmarks
//   swift package benchmark --target ProofBenchmarks --filter "Groth16 prove.*" --format markdown
//
// Circuits are synthetic but shaped like quantised networks: the builder benchmarks lower
// ZKSynthetic.SyntheticNetwork's neurons (16-term accumulator, 16-bit rescale, ReLU on the shared
// sign: 25 constraints each, as in ZKCircuitsTests' builder speed test); the Groth16 ones use
// ZKSynthetic.SyntheticCircuit (half booleanity checks, half 16-term linear combinations
// times a bit), the circuits behind `zkml bench groth16`. Keys and witnesses are made in setup,
// outside the measured closures.
import Benchmark
import ZKCircuits
import ZKConstraints
import ZKCurves
import ZKField
import ZKGroth16
import ZKSynthetic

typealias Fr = BN254.Fr

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    // R1CS construction and witness generation, 2^16 constraints.
    let neuronCount = (1 << 16) / SyntheticNetwork.constraintsPerNeuron
    Benchmark("R1CS build 2^16 (setup mode)") { benchmark in
        for _ in benchmark.scaledIterations {
            let builder = CircuitBuilder(mode: .setup, reservingConstraints: neuronCount * SyntheticNetwork.constraintsPerNeuron)
            SyntheticNetwork.neurons(builder, count: neuronCount)
            blackHole(try builder.makeR1CS())
        }
    }
    Benchmark("Witness 2^16 (proving mode: hints, every constraint checked)") { benchmark in
        for _ in benchmark.scaledIterations {
            let builder = CircuitBuilder(mode: .proving, reservingConstraints: neuronCount * SyntheticNetwork.constraintsPerNeuron)
            SyntheticNetwork.neurons(builder, count: neuronCount)
            blackHole(try builder.makeWitness())
        }
    }
    Benchmark("Native evaluator 2^16 (same neurons on integers)") { benchmark in
        for _ in benchmark.scaledIterations {
            let native = NativeEvaluator()
            SyntheticNetwork.neurons(native, count: neuronCount)
            blackHole(native.error)
        }
    }

    // Groth16 on 2^12 and 2^16 (the domain is exactly 2^k: 2^k − 2 constraints).
    for log in [12, 16] {
        let (system, witness) = SyntheticCircuit.make(constraints: (1 << log) - 2, publicCount: 1, termsPerRow: 16, seed: UInt64(log))
        let key = try! Groth16.setup(system, randomness: .insecureSeeded(UInt64(log)))
        let hash = system.contentHash
        let reduction = LibsnarkReduction()
        let domain = try! reduction.domain(for: system)

        Benchmark("Groth16 witness map 2^\(log) (rows + 7 NTTs)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try reduction.witnessMap(system, witness: witness.values, domain: domain,
                                                   threads: ActiveProcessors.count, checkRows: true))
            }
        }
        Benchmark("Groth16 prove 2^\(log)", configuration: .init(maxIterations: log >= 16 ? 5 : 20)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Groth16.prove(system, witness: witness, provingKey: key, circuitHash: hash))
            }
        }
        if log == 12 {
            Benchmark("Groth16 setup 2^12", configuration: .init(maxIterations: 5)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try Groth16.setup(system, randomness: .insecureSeeded(1)))
                }
            }
            let proof = try! Groth16.prove(system, witness: witness, provingKey: key, circuitHash: hash)
            let inputs = Array(witness.publicInputs(count: 1))
            let prepared = try! PreparedVerifyingKey(key.verifyingKey)
            Benchmark("Groth16 verify (prepared key, 1 public input)", configuration: .init(maxIterations: 200)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(Groth16.verify(proof, publicInputs: inputs, key: prepared))
                }
            }
            Benchmark("Groth16 verify (key preparation included)", configuration: .init(maxIterations: 200)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(Groth16.verify(proof, publicInputs: inputs, key: try PreparedVerifyingKey(key.verifyingKey)))
                }
            }
        }
    }
}
