import Foundation
import Testing
import ZKCurves
import ZKField
import ZKGroth16
import ZKIO
import ZKSolidity
import ZKTestSupport

/// `fixedKey` with a commitment round: δ₁ = [13]G2 and one IC point per challenge, [17 + 2k]G1.
func fixedCommitmentKey(publicCount: Int = 3, challengeCount: Int = 2) -> VerifyingKey {
    func g1(_ k: UInt64) -> BN254.G1Affine { BN254.G1(BN254.G1Affine.generator).multiplied(by: BN254.Fr(k)).affine }
    let delta1 = BN254.G2(BN254.G2Affine.generator).multiplied(by: BN254.Fr(13)).affine
    var key = fixedKey(publicCount: publicCount)
    key.commitment = CommitmentKey(deltaG2: delta1, challengeG1: (0 ..< challengeCount).map { g1(17 + 2 * UInt64($0)) })
    return key
}

/// The contracts and calldata for a key with a commitment round (docs/evm.md, "Commitment round"):
/// golden files, the ABI's extra argument, the C₁ checks before any precompile, one keccak and
/// one ECMUL/ECADD per challenge, five pairs. The EVM runs them in Tests/EVM/test_commitment.py.
struct CommitmentVerifierTests {
    @Test func solidityMatchesGolden() throws {
        try VerifierSourceTests.expectGolden(try SolidityVerifier.source(for: fixedCommitmentKey()), "VerifierCommitment.sol")
    }

    @Test func vyperMatchesGolden() throws {
        try VerifierSourceTests.expectGolden(try VyperVerifier.source(for: fixedCommitmentKey()), "VerifierCommitment.vy")
    }

    @Test func oracleMatchesGolden() throws {
        try VerifierSourceTests.expectGolden(try OracleContract.source(for: fixedCommitmentKey()), "ZKMLOracleCommitment.sol")
    }

    @Test func constantsCarryNegatedDeltaOneAndChallengePoints() throws {
        let key = fixedCommitmentKey()
        let k = try VerifierConstants(key: key)
        #expect(k.hasCommitment && k.challengeCount == 2 && k.pairCount == 5 && k.pairingGas == 215_000)
        #expect(k.negatedCommitmentDelta == VerifierConstants.words(-key.commitment!.deltaG2))
        #expect(k.challengeIC == key.commitment!.challengeG1.map(VerifierConstants.words))
        #expect(VerifierConstants.domainTag == "0xd89d5ff9da35df797a58a495f6428862932d66a04278940adec23a366728a412")
        #expect(k != (try VerifierConstants(key: fixedKey())))
        let plain = try VerifierConstants(key: fixedKey())
        #expect(!plain.hasCommitment && plain.pairCount == 4 && plain.pairingGas == 181_000 && plain.challengeIC.isEmpty)
    }

    @Test(arguments: [(1, 1), (3, 2), (16, 1)])
    func solidityShape(publicCount n: Int, challenges: Int) throws {
        let text = try SolidityVerifier.source(for: fixedCommitmentKey(publicCount: n, challengeCount: challenges))
        #expect(text.contains("        uint256[2] calldata c,\n        uint256[2] calldata commitment,\n        uint256[\(n)] calldata pubSignals\n"))
        #expect(text.components(separatedBy: "staticcall(gas(), 0x07").count - 1 == n + challenges)
        #expect(text.components(separatedBy: "staticcall(gas(), 0x06").count - 1 == n + challenges)
        #expect(text.components(separatedBy: "keccak256(0x3c0, ").count - 1 == challenges)
        #expect(text.components(separatedBy: "staticcall(215000, 0x08, 0x000, 0x3c0, 0x000, 0x20)").count - 1 == 1)
        let length = String(0x40 + 32 * n, radix: 16)
        #expect(text.contains("calldatacopy(0x400, commitment, 0x\(String(repeating: "0", count: max(0, 3 - length.count)) + length))"))
        // C₁ is checked (below q, on the curve, no identity exemption) before the first precompile.
        let early = try #require(text.range(of: "if iszero(ok) {"))
        let firstCall = try #require(text.range(of: "staticcall("))
        let commitmentCheck = try #require(text.range(of: "ok := and(ok, eq(mulmod(y, y, q), addmod(mulmod(mulmod(x, x, q), x, q), 3, q)))"))
        #expect(commitmentCheck.lowerBound < early.lowerBound && early.lowerBound < firstCall.lowerBound)
        #expect(text.contains("ok := and(ok, lt(calldataload(add(commitment, 0x20)), q))"))
        #expect(text.contains("calldatacopy(0x300, commitment, 0x40)"))
        #expect(text.contains("a commitment round with \(challenges) challenge"))
    }

    @Test func vyperShape() throws {
        let text = try VyperVerifier.source(for: fixedCommitmentKey(publicCount: 3, challengeCount: 2))
        #expect(text.contains("a: uint256[2], b: uint256[2][2], c: uint256[2], commitment: uint256[2], pubSignals: uint256[3]"))
        #expect(text.contains("self._challenge(0, commitment, pubSignals)") && text.contains("self._challenge(1, commitment, pubSignals)"))
        #expect(text.contains("commitment, NEG_DELTA1_X_IM, NEG_DELTA1_X_RE, NEG_DELTA1_Y_IM, NEG_DELTA1_Y_RE,"))
        #expect(text.contains("PAIRING_GAS: constant(uint256) = 215000"))
        #expect(text.contains("DOMAIN_TAG: constant(bytes32) = \(VerifierConstants.domainTag)"))
    }

    @Test func oraclePassesTheCommitmentOn() throws {
        let text = try OracleContract.source(for: fixedCommitmentKey())
        #expect(text.components(separatedBy: "uint256[2] calldata commitment,").count - 1 == 2)
        #expect(text.contains("verifier.verifyProof(a, b, c, commitment, pubSignals)"))
        #expect(text.contains("(3 public signals, a commitment round)."))
        #expect(!(try OracleContract.source(for: fixedKey())).contains("commitment,"))
    }

    @Test func selectorsMatchTheABI() {
        // Known answers from vyper.utils.method_id.
        #expect(Keccak256.selector(VerifierCalldata.functionSignature(publicCount: 1, commitment: true)) == [0xea, 0x8d, 0x74, 0x09])
        #expect(Keccak256.selector(VerifierCalldata.functionSignature(publicCount: 3, commitment: true)) == [0xc8, 0xa3, 0x7f, 0x33])
        #expect(VerifierCalldata.functionSignature(publicCount: 3, commitment: true)
            == "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[3])")
    }

    @Test func calldataPutsTheCommitmentBeforeTheSignals() throws {
        func g1(_ k: UInt64) -> BN254.G1Affine { BN254.G1(BN254.G1Affine.generator).multiplied(by: BN254.Fr(k)).affine }
        let proof = Proof(a: g1(2), b: .generator, c: g1(3), commitment: g1(5))
        let calldata = try VerifierCalldata(proof: proof, publicSignals: [BN254.Fr(7), BN254.Fr(9)])
        #expect(calldata.proofWordCount == 10)
        let encoded = calldata.abiEncoded
        #expect(encoded.count == 4 + 32 * 12)
        #expect(Array(encoded.prefix(4)) == Keccak256.selector("verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2])"))
        #expect(Array(encoded[4 ..< 324]) == proof.bytes)
        #expect(Array(encoded[324...]) == BN254.Fr(7).bigEndianBytes + BN254.Fr(9).bigEndianBytes)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(calldata.json.utf8)) as? [Any])
        #expect(json.count == 5)
        #expect(json[3] as? [String] == VerifierConstants.words(g1(5)))
        #expect(json[4] as? [String] == ["7", "9"])
        #expect(calldata.words.count == 12)
        // A plain proof keeps the four-argument call.
        let plain = try VerifierCalldata(proof: Proof(a: g1(2), b: .generator, c: g1(3)), publicSignals: [BN254.Fr(7)])
        #expect(plain.proofWordCount == 8 && plain.abiEncoded.count == 4 + 32 * 9)
        #expect((try JSONSerialization.jsonObject(with: Data(plain.json.utf8)) as? [Any])?.count == 4)
    }
}
