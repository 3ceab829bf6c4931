import Foundation
import Testing
import ZKCompiler
import ZKConstraints
import ZKField
import ZKGroth16
import ZKONNX
import ZKPipeline
import ZKQuant

/// `--input-range-check verifier` against `circuit` (the default): the same model, the input
/// checks moved from the R1CS into the verifying key.
@Suite struct InputRangeCheckTests {
    @Test func verifierCheckMovesTheInputConstraintsIntoTheKey() throws {
        let onnx = try PipelineFixtures.onnx("mlp_digits")
        // In bits (plain Groth16) the in-circuit check is exactly one constraint per input bit.
        let byVerifier = try Pipeline.compile(onnx: onnx, file: "network.onnx", inputRangeCheck: .verifier, rangeChecks: .mode(.bits))
        // Both plain: a packed layout adds one constraint per word (PublicPackingTests).
        let byCircuit = try Pipeline.compile(onnx: onnx, file: "network.onnx", rangeChecks: .mode(.bits), publicPacking: .plain)
        let input = try #require(byVerifier.settings.publicSignals.inputs.first)
        #expect(byVerifier.settings.inputRangeCheck == .verifier && byCircuit.settings.inputRangeCheck == .circuit)
        #expect(input.verifierRangeCheck && !(byCircuit.settings.publicSignals.inputs.first?.verifierRangeCheck ?? true))
        #expect(byCircuit.system.constraintCount - byVerifier.system.constraintCount == input.count * input.bits)
        #expect(byVerifier.settings.settingsSha256 != byCircuit.settings.settingsSha256)
        #expect(!byVerifier.settings.constraintsPerNode.contains { $0.kind == "input" && $0.constraints > 0 })
        // The default is the in-circuit check, with limb lookups where cheaper: far fewer constraints.
        let byDefault = try Pipeline.compile(onnx: onnx, file: "network.onnx")
        #expect(byDefault.settings.inputRangeCheck == .circuit && byDefault.settings.rangeCheckMode != .bits)
        let inputRow = try #require(byDefault.settings.constraintsPerNode.first { $0.kind == "input" })
        #expect(inputRow.lookups >= input.count && inputRow.constraints < input.count * input.bits / 4)

        // The setting survives model.zkml, and setup puts the ranges in the key.
        let reread = try CompiledModel(serialized: byVerifier.serialized(), path: "model.zkml")
        #expect(reread.settings.inputRangeCheck == .verifier)
        let key = try Pipeline.setup(reread, randomness: .insecureSeeded(5))
        #expect(key.verifyingKey.signedRanges == [PublicSignalRange(offset: input.offset, count: input.count, bits: input.bits)])
        #expect(try Pipeline.setup(byCircuit, randomness: .insecureSeeded(5)).verifyingKey.signedRanges.isEmpty)

        // Honest proof verifies through the JSON key; an out-of-range input signal is rejected by
        // the range check itself (the message says so), before any pairing.
        let rows = try PipelineFixtures.input("mlp_digits")
        let result = try Pipeline.prove(reread, provingKey: key, inputRows: rows, randomness: .insecureSeeded(6))
        let vkJSON = Data(Pipeline.verificationKeyJSON(key.verifyingKey, compiled: reread).utf8)
        let proofJSON = Data(SnarkJSON.render(result.proof).utf8)
        let verdict = try Pipeline.verify(verifyingKey: vkJSON, keyPath: "vk.json", proof: proofJSON, proofPath: "proof.json",
                                          publicSignals: Data(SnarkJSON.render(publicSignals: result.publicSignals).utf8), publicPath: "public.json")
        #expect(verdict.verdict == .valid)
        var forged = result.publicSignals
        forged[input.offset + 3] = BN254.Fr(UInt64(1) << UInt64(input.bits - 1))
        let rejected = try Pipeline.verify(verifyingKey: vkJSON, keyPath: "vk.json", proof: proofJSON, proofPath: "proof.json",
                                           publicSignals: Data(SnarkJSON.render(publicSignals: forged).utf8), publicPath: "public.json")
        guard case let .invalid(reason) = rejected.verdict else {
            Issue.record("an out-of-range input signal was accepted")
            return
        }
        #expect(reason.contains("public signal \(input.offset + 3)") && reason.contains("range"), "\(reason)")
    }

    @Test func witnessBuilderRefusesInputsTheVerifierWouldReject() throws {
        let compiled = try Pipeline.compile(onnx: try PipelineFixtures.onnx("mlp_digits"), file: "network.onnx")
        let circuit = try compiled.circuit()
        var inputs = try circuit.model.quantizeInputs(try PipelineFixtures.input("mlp_digits"))
        inputs[0].scalars[0] = Int64(1) << Int64(circuit.model.inputs[0].bits - 1)
        #expect(throws: CompilerError.self) { try circuit.makeWitness(inputs: inputs) }
    }

    @Test func privateInputsIgnoreTheSetting() throws {
        let compiled = try Pipeline.compile(onnx: try PipelineFixtures.onnx("mlp_digits"), file: "network.onnx", inputVisibility: .private,
                                            inputRangeCheck: .verifier)
        #expect(compiled.settings.inputRangeCheck == .circuit)
        #expect(try Pipeline.setup(compiled, randomness: .insecureSeeded(1)).verifyingKey.signedRanges.isEmpty)
    }
}
