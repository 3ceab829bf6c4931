import Testing
@testable import ZKCompiler
import ZKCircuits
import ZKConstraints
import ZKField

/// The words a packed circuit makes public (``ModelCircuit/publishWords(_:on:)``): one linear
/// constraint each, equal to ``PublicPacking/pack(_:)``; a witness whose values trade bits
/// between neighbours (the same word, values outside their widths) is rejected by the range
/// checks, in bits and in limb-lookup mode.
@Suite struct PackedWordsTests {
    static func signed(_ v: Int64) -> BN254.Fr { v >= 0 ? BN254.Fr(UInt64(v)) : -BN254.Fr(UInt64(-v)) }

    /// The circuit: private values, each range-checked to its width, then the words.
    static func build(_ values: [Int64], widths: [Int], mode: CircuitBuilder.Mode, rangeChecks: RangeCheckMode)
        -> CircuitBuilder {
        let builder = CircuitBuilder(mode: mode, rangeChecks: rangeChecks)
        let wires = values.map { value in builder.privateInput { () throws(CircuitError) in Self.signed(value) } }
        for (wire, width) in zip(wires, widths) { builder.rangeCheck(signed: wire, bits: width) }
        ModelCircuit.publishWords(Array(zip(wires, widths)).map { (signal: $0.0, bits: $0.1) }, on: builder)
        return builder
    }

    @Test(arguments: [RangeCheckMode.bits, .lookup(limbBits: 4)])
    func wordsArePackingsAndTradedBitsFail(_ mode: RangeCheckMode) throws {
        let widths = [8, 8, 8, 14]
        let honest: [Int64] = [3, -5, 127, -8192]
        let builder = Self.build(honest, widths: widths, mode: .proving, rangeChecks: mode)
        let system = try builder.makeR1CS()
        let packing = PublicPacking(widths: widths)
        #expect(system.publicCount == 1)
        let witness = try mode == .bits ? builder.makeWitness() : ModelCircuit.completedForChecking(builder.makeTwoRoundWitness(), challengeCount: system.challengeCount)
        try system.check(witness)
        #expect(Array(witness.publicInputs(count: 1)) == packing.pack(honest.map(Self.signed))!)

        // v0 + 2^8 and v1 − 1: the same word, v0 outside 8 bits.
        let traded: [Int64] = [3 + 256, -6, 127, -8192]
        #expect(packing.pack(traded.map(Self.signed)) == nil)
        let cheat = Self.build(traded, widths: widths, mode: .proving, rangeChecks: mode)
        let rejected: Bool
        do {
            let system = try cheat.makeR1CS()
            let witness = try mode == .bits ? cheat.makeWitness() : ModelCircuit.completedForChecking(cheat.makeTwoRoundWitness(), challengeCount: system.challengeCount)
            #expect(Array(witness.publicInputs(count: 1)) == packing.pack(honest.map(Self.signed))!, "the traded values give the honest word")
            try system.check(witness)
            rejected = false
        } catch { rejected = true }
        #expect(rejected, "values traded between neighbours must not satisfy the range checks")

        // A wrong public word with honest values.
        var forged = witness
        forged.values[1] += .one
        #expect(throws: (any Error).self) { try system.check(forged) }
    }
}
