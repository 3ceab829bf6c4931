import Foundation
import Testing
import ZKBigInt
import ZKConstraints
import ZKField
import ZKGroth16

/// `x · x = y` with public `x` (and a second public `z` that no range covers): any `x` satisfies
/// the circuit, so only the key's signed range can reject one.
private func square(_ x: Fr, _ z: Fr = Fr(7)) -> (R1CS, Witness) {
    var system = R1CS(publicCount: 2, privateCount: 1)
    let x1 = Variable(index: 1), z1 = Variable(index: 2), y = Variable(index: 3)
    system.append(Constraint(a: LinearCombination(x1), b: LinearCombination(x1), c: LinearCombination(y)))
    system.append(Constraint(a: LinearCombination(z1), b: LinearCombination(Variable.one), c: LinearCombination(z1)))
    return (system, Witness(publicInputs: [x, z], privateValues: [x * x]))
}

private func signed(_ value: Int) -> Fr { value >= 0 ? Fr(UInt64(value)) : -Fr(UInt64(-value)) }

@Suite("Signed public-signal ranges")
struct SignedRangeTests {
    static let key: ProvingKey = {
        var key = try! Groth16.setup(square(.zero).0, randomness: .insecureSeeded(41), threads: 1)
        key.verifyingKey.signedRanges = [PublicSignalRange(offset: 0, count: 1, bits: 8)]
        return key
    }()

    @Test("in-range signals verify, out-of-range ones (satisfying the circuit) are rejected at both edges")
    func edges() throws {
        let prepared = try PreparedVerifyingKey(Self.key.verifyingKey)
        for (value, valid) in [(0, true), (-128, true), (127, true), (-1, true), (128, false), (-129, false), (1 << 20, false)] {
            let (system, witness) = square(signed(value))
            try system.check(witness)
            let proof = try Groth16.prove(system, witness: witness, provingKey: Self.key, randomness: .insecureSeeded(UInt64(value & 0xffff)))
            let verdict = Groth16.verify(proof, publicInputs: [signed(value), Fr(7)], key: prepared)
            #expect(verdict.isValid == valid, "x = \(value): \(verdict)")
            // Without the range the same proof is valid: the check is the verifier's, not the circuit's.
            var open = Self.key.verifyingKey
            open.signedRanges = []
            #expect(try Groth16.verify(proof, publicInputs: [signed(value), Fr(7)], key: open) == .valid)
        }
        // The uncovered signal may be anything.
        let (system, witness) = square(Fr(5), -Fr(1))
        let proof = try Groth16.prove(system, witness: witness, provingKey: Self.key)
        #expect(Groth16.verify(proof, publicInputs: [Fr(5), -Fr(1)], key: prepared) == .valid)
    }

    @Test("contains matches the integer definition on random field elements and near the edges")
    func containsOracle() throws {
        let r = try BigInt(decimal: BN254.FrConfig.modulusDecimal)
        var rng = SeededGenerator(seed: 3)
        for bits in [1, 2, 8, 24, 63, 64, 65, 200, 248] {
            let range = PublicSignalRange(offset: 0, count: 1, bits: bits)
            let half = range.half
            #expect(range.contains(half - Fr.one) && !range.contains(half))
            #expect(range.contains(-half) && !range.contains(-half - Fr.one))
            #expect(range.contains(.zero))
            for _ in 0 ..< 200 {
                let value = Fr.random(using: &rng)
                // Oracle: value's canonical integer v is in range iff v < 2^(b−1) or v ≥ r − 2^(b−1).
                let v = value.bigInt, h = half.bigInt
                #expect(range.contains(value) == (v < h || v >= r - h))
            }
        }
    }

    @Test("ranges survive vk.bin, pk.bin and verification_key.json round trips")
    func roundTrips() throws {
        let vk = Self.key.verifyingKey
        #expect(try KeyFile.verifyingKey(from: KeyFile.serialize(vk)).signedRanges == vk.signedRanges)
        #expect(try KeyFile.provingKey(from: KeyFile.serialize(Self.key)).verifyingKey.signedRanges == vk.signedRanges)
        let json = SnarkJSON.render(vk)
        #expect(json.contains("\"zkml_public_signal_ranges\""))
        #expect(try SnarkJSON.verifyingKey(from: Data(json.utf8)) == vk)
        // A key without ranges writes neither the section nor the field.
        var plain = vk
        plain.signedRanges = []
        #expect(!SnarkJSON.render(plain).contains("zkml_public_signal_ranges"))
        #expect(try KeyFile.verifyingKey(from: KeyFile.serialize(plain)).signedRanges.isEmpty)
    }

    @Test("malformed ranges in verification_key.json are refused, naming the field")
    func malformed() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(SnarkJSON.render(Self.key.verifyingKey).utf8)) as? [String: Any])
        let bads: [Any] = [[[0, 3, 8]], [[0, 1, 0]], [[0, 1, 249]], [[0, 2, 8], [1, 1, 8]], [[-1, 1, 8]], [[0, 1]], "x"]
        for bad in bads {
            var copy = object
            copy["zkml_public_signal_ranges"] = bad
            let data = try JSONSerialization.data(withJSONObject: copy)
            do {
                _ = try SnarkJSON.verifyingKey(from: data)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.description.contains("zkml_public_signal_ranges"), "\(bad): \(error)")
            }
        }
        // A key built in code with a range past its signals cannot be prepared.
        var vk = Self.key.verifyingKey
        vk.signedRanges = [PublicSignalRange(offset: 1, count: 2, bits: 8)]
        #expect(throws: Groth16Error.self) { try PreparedVerifyingKey(vk) }
    }
}
