import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// The models of `Circuits/` with the range-check mode the compiler picks (limb lookups with
/// partial tables, a commitment round): exact, deterministic, and every tampered wire caught.
@Suite struct LookupModelTests {
    @Test(arguments: Zoo.models)
    func cheapestModeIsExactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let bits = ModelCircuit(model: model)
        let circuit = try bits.withCheapestRangeChecks()
        guard circuit.rangeChecks.limbBits != nil else {
            Issue.record("\(name): lookups should be cheaper than bits")
            return
        }
        #expect(circuit.rangeChecks.isValid)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
        #expect(outputs == trace.outputs)
        #expect(system.hasCommitmentRound && system.challengeCount >= 1)
        try system.check(witness)
        // The compiler's cost model is the circuit's size, and it beats bits.
        let histogram = try circuit.rangeCheckHistogram()
        let plain = try bits.makeR1CS()
        #expect(system.constraintCount - plain.constraintCount == circuit.rangeChecks.cost(of: histogram) - histogram.bitsCost)
        #expect(system.constraintCount < plain.constraintCount)
        // Setup mode builds the same system; the native evaluator agrees; the public signals are
        // the inputs then the outputs.
        #expect(try circuit.makeR1CS().contentHash == system.contentHash)
        #expect(try circuit.evaluate(inputs: inputs).outputs == trace.outputs)
        let expected = (inputs.flatMap(\.scalars) + trace.outputs.flatMap(\.scalars)).map { BN254.Fr(Int($0)) }
        #expect(Array(witness.publicInputs(count: system.publicCount)) == expected)

        // Tampering: committed (round-one) wires, round-two wires (inverses, the challenge) and
        // every output, each by ±1 and a random element, after completion.
        let check = CircuitCheck(system, witness)
        let committed = Array(system.committedWires)
        var generator = SeededGenerator(seed: 0x10C)
        var positions = (0 ..< (TestLevel.isFull ? 300 : 40)).map { _ in committed.randomElement(using: &generator)! }
        let roundTwo = (system.publicCount + 1) ..< (system.publicCount + 1 + system.challengeCount)
        positions += Array(roundTwo)
        positions += check.indices(.sample(count: TestLevel.isFull ? 300 : 40, seed: 0x10D)).filter { !committed.contains($0) }
        positions += (1 ... system.publicCount).suffix(model.outputs[0].count)
        let escapes = check.escapes(wires: .list(positions), deltas: CircuitCheck.Delta.plusMinusOne + [.random], seed: 0x10E)
        #expect(escapes.isEmpty, "\(name): \(escapes.prefix(5))")
    }

    @Test func settingTextRoundTrips() {
        for text in ["auto", "bits", "lookup:8", "lookup:11,1,2,4", "lookup:20,19"] {
            #expect(RangeCheckSetting(text: text)?.description == text, "\(text)")
        }
        #expect(RangeCheckSetting(text: "lookup:8") == .limbs(8))
        #expect(RangeCheckSetting(text: "lookup:8,7") == .mode(.lookup(limbBits: 8, partialTables: [7])))
        for bad in ["lookup:1", "lookup:21", "lookup:8,8", "lookup:8,4,3", "lookup:8,0", "lookup:8,", "lookup:", "lookup:x", "bit", ""] {
            #expect(RangeCheckSetting(text: bad) == nil, "\(bad)")
        }
    }

    /// `lookup:W` picks partial tables for that width; `lookup:W,t…` is taken as given.
    @Test func explicitWidths() throws {
        let (model, _) = try Zoo.model("cnn_digits")
        let circuit = ModelCircuit(model: model)
        let histogram = try circuit.rangeCheckHistogram()
        let chosen = try RangeCheckSetting.limbs(8).apply(to: circuit)
        #expect(chosen.rangeChecks == RangeCheckMode.cheapest(for: histogram, limbBits: 8))
        let exact = try RangeCheckSetting.mode(.lookup(limbBits: 8)).apply(to: circuit)
        #expect(exact.rangeChecks == .lookup(limbBits: 8))
        #expect(try chosen.makeR1CS().constraintCount <= exact.makeR1CS().constraintCount)
    }
}
