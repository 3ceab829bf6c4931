import Testing
import ZKConstraints
import ZKField
import ZKGroth16
import ZKSolidity

/// The packed verifier's text (its two entry points and their ABI), the packed calldata's
/// selector, and the size estimate `export-verifier` refuses undeployable contracts with. The
/// contracts themselves run on pyrevm in Tests/EVM/test_packed.py.
@Suite struct PackedVerifierSourceTests {
    /// `fixedKey` with 2 words: 20 signals of 24 bits (10 to a word).
    static func packedKey() -> VerifyingKey {
        var key = fixedKey(publicCount: 2)
        key.packing = PublicPacking(widths: [Int](repeating: 24, count: 20))
        return key
    }

    @Test func bothEntryPointsTakeTheirOwnCounts() throws {
        let key = Self.packedKey()
        #expect(key.signalCount == 20 && key.publicCount == 2)
        for source in [try SolidityVerifier.source(for: key), try VyperVerifier.source(for: key)] {
            #expect(source.contains("verifyPackedProof") && source.contains("_verify"))
            #expect(source.contains("pubSignals: uint256[20]") || source.contains("uint256[20] calldata pubSignals"))
            #expect(source.contains("packedSignals: uint256[2]") || source.contains("uint256[2] calldata packedSignals"))
            #expect(source.contains("WIDTH_24") && !source.contains("IC3_X"))
        }
        // A plain key's text does not change: no second entry point.
        #expect(!(try SolidityVerifier.source(for: fixedKey())).contains("verifyPackedProof"))
    }

    @Test func packedCalldataCallsVerifyPackedProof() throws {
        let key = Self.packedKey()
        let signals = (0 ..< 20).map { BN254.Fr(UInt64($0)) }
        let words = try #require(key.packing?.pack(signals))
        let proof = Proof(a: .generator, b: .generator, c: .generator)
        let packed = try VerifierCalldata(proof: proof, publicSignals: words, packed: true)
        let unpacked = try VerifierCalldata(proof: proof, publicSignals: signals)
        #expect(VerifierCalldata.functionSignature(publicCount: 2, packed: true)
                == "verifyPackedProof(uint256[2],uint256[2][2],uint256[2],uint256[2])")
        #expect(packed.selector != unpacked.selector && packed.abiEncoded.count == 4 + 32 * 10)
    }

    @Test func sizeEstimateSeparatesDeployableFromNot() throws {
        // LeNet-5's 794 signals plain: solc made 92,841 bytes; packed 14-bit into 45 words, 5,511
        // (scripts/evm_packed_gas.py; Vyper 20,884).
        let plain = try VerifierConstants(key: fixedKey(publicCount: 794))
        #expect(plain.estimatedRuntimeBytes(language: .solidity) > VerifierConstants.runtimeCodeLimit)
        var key = fixedKey(publicCount: 45)
        key.packing = PublicPacking(widths: [Int](repeating: 14, count: 784) + [Int](repeating: 24, count: 10))
        #expect(key.packing?.wordCount == 45)
        let packed = try VerifierConstants(key: key)
        let estimate = packed.estimatedRuntimeBytes(language: .solidity)
        #expect(estimate >= 5_511 && estimate <= 5_511 * 3 / 2)
        #expect(packed.estimatedRuntimeBytes(language: .vyper) >= 20_884)
    }
}
