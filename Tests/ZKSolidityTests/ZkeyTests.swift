import Foundation
import Testing
import ZKCurves
import ZKField
import ZKGroth16
import ZKPairing
import ZKTestSupport

/// `SnarkZkey`: the verifying key read out of a snarkjs `.zkey` agrees with snarkjs's own
/// `verification_key.json`, and verifies a real snarkjs proof.
struct ZkeyTests {
    // Needs the shared fixtures rapidsnark/{circuit_final.zkey,verification_key.json}.
    @Test(.enabled(if: Fixtures.available("rapidsnark/circuit_final.zkey", "rapidsnark/verification_key.json"),
                   "needs fixtures rapidsnark/{circuit_final.zkey,verification_key.json}"))
    func rapidsnarkZkeyMatchesItsVerificationKeyJSON() throws {
        let zkey = try #require(Fixtures.data("rapidsnark/circuit_final.zkey"))
        let json = try #require(Fixtures.data("rapidsnark/verification_key.json"))
        let fromZkey = try SnarkZkey.verifyingKey(from: zkey, path: "circuit_final.zkey")
        let fromJSON = try SnarkJSON.verifyingKey(from: json, path: "verification_key.json")
        #expect(fromZkey == fromJSON)
        #expect(fromZkey.publicCount == 1)
    }

    // Needs the shared fixtures snarkjs/groth16-zkey/{circuit.zkey,proof.json,public.json}.
    @Test(.enabled(if: Fixtures.available("snarkjs/groth16-zkey/circuit.zkey", "snarkjs/groth16-zkey/proof.json",
                                          "snarkjs/groth16-zkey/public.json"),
                   "needs fixtures snarkjs/groth16-zkey/{circuit.zkey,proof.json,public.json}"))
    func snarkjsProofVerifiesAgainstTheZkeyKey() throws {
        let zkey = try #require(Fixtures.data("snarkjs/groth16-zkey/circuit.zkey"))
        let proofData = try #require(Fixtures.data("snarkjs/groth16-zkey/proof.json"))
        let publicData = try #require(Fixtures.data("snarkjs/groth16-zkey/public.json"))
        let key = try SnarkZkey.verifyingKey(from: zkey)
        let proof = try SnarkJSON.proof(from: proofData)
        let signals = try SnarkJSON.publicSignals(from: publicData)
        #expect(Self.groth16Holds(key, proof, signals))
        // A changed signal or a swapped G2 order must not verify.
        #expect(!Self.groth16Holds(key, proof, signals.map { $0 + .one }))
        var swapped = proof
        swapped.b = BN254.G2Affine(x: BN254.Fq2(proof.b.x.c1, proof.b.x.c0), y: BN254.Fq2(proof.b.y.c1, proof.b.y.c0))
        #expect(!Self.groth16Holds(key, swapped, signals))
    }

    @Test func badMagicIsAMalformedKey() {
        #expect(throws: Groth16Error.malformedKey(path: "x.zkey", detail: "not a zkey file (magic is not \"zkey\")")) {
            try SnarkZkey.verifyingKey(from: Data("zkex\u{1}\0\0\0".utf8), path: "x.zkey")
        }
    }

    // Needs the shared fixture snarkjs/groth16-zkey/circuit.zkey.
    @Test(.enabled(if: Fixtures.available("snarkjs/groth16-zkey/circuit.zkey"), "needs fixture snarkjs/groth16-zkey/circuit.zkey"))
    func truncatedZkeyNamesWhereItStops() throws {
        let zkey = try #require(Fixtures.data("snarkjs/groth16-zkey/circuit.zkey"))
        // Cut inside the Groth16 header (section 2 starts after the 12-byte preamble and section 1).
        let cut = zkey.prefix(200)
        #expect(throws: Groth16Error.self) { try SnarkZkey.verifyingKey(from: cut, path: "cut.zkey") }
        do {
            _ = try SnarkZkey.verifyingKey(from: cut, path: "cut.zkey")
        } catch {
            #expect(error.description.hasPrefix("cut.zkey: "))
        }
    }

    // Needs the shared fixture snarkjs/groth16-zkey/circuit.zkey.
    @Test(.enabled(if: Fixtures.available("snarkjs/groth16-zkey/circuit.zkey"), "needs fixture snarkjs/groth16-zkey/circuit.zkey"))
    func coordinateAboveQIsRejected() throws {
        var zkey = try #require(Fixtures.data("snarkjs/groth16-zkey/circuit.zkey"))
        // Find alpha_1: after the header fields of section 2. Overwrite its x with 0xff…ff (≥ q).
        let bytes = [UInt8](zkey)
        var offset = 12
        var alphaOffset: Int?
        while offset + 12 <= bytes.count {
            let type = bytes[offset ..< offset + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
            let size = bytes[offset + 4 ..< offset + 12].reversed().reduce(0) { $0 << 8 | Int($1) }
            if type == 2 { alphaOffset = offset + 12 + 4 + 32 + 4 + 32 + 12; break }
            offset += 12 + size
        }
        let at = try #require(alphaOffset)
        zkey.replaceSubrange(at ..< at + 32, with: [UInt8](repeating: 0xff, count: 32))
        #expect(throws: Groth16Error.malformedKey(path: "bad.zkey", detail: "alpha_1.x: coordinate is not below q")) {
            try SnarkZkey.verifyingKey(from: zkey, path: "bad.zkey")
        }
    }

    /// A throwaway native check of `e(A, B) = e(α, β) · e(L, γ) · e(C, δ)`, written as
    /// `e(−A, B) · e(α, β) · e(L, γ) · e(C, δ) = 1` (the real verifier is `ZKGroth16`'s).
    static func groth16Holds(_ key: VerifyingKey, _ proof: Proof, _ signals: [BN254.Fr]) -> Bool {
        guard signals.count == key.publicCount else { return false }
        var l = BN254.G1(key.gammaABCG1[0])
        for (signal, point) in zip(signals, key.gammaABCG1.dropFirst()) { l += BN254.G1(point).multiplied(by: signal) }
        return BN254.pairingProductIsOne([(-proof.a, proof.b), (key.alphaG1, key.betaG2),
                                          (l.affine, key.gammaG2), (proof.c, key.deltaG2)])
    }
}
