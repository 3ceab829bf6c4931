import Foundation
import Testing
import ZKCurves
import ZKField
import ZKGroth16
import ZKSolidity
import ZKTestSupport

/// A fixed key made from small multiples of the generators, so the golden files never depend on
/// a fixture: α = [2]G1, β = [3]G2, γ = [5]G2, δ = [7]G2, ICᵢ = [11 + 2i]G1, three public signals.
func fixedKey(publicCount: Int = 3) -> VerifyingKey {
    func g1(_ k: UInt64) -> BN254.G1Affine { BN254.G1(BN254.G1Affine.generator).multiplied(by: BN254.Fr(k)).affine }
    func g2(_ k: UInt64) -> BN254.G2Affine { BN254.G2(BN254.G2Affine.generator).multiplied(by: BN254.Fr(k)).affine }
    return VerifyingKey(alphaG1: g1(2), betaG2: g2(3), gammaG2: g2(5), deltaG2: g2(7),
                        gammaABCG1: (0 ... publicCount).map { g1(11 + 2 * UInt64($0)) },
                        circuitHash: (0 ..< 32).map { UInt8($0) })
}

/// Golden files: the emitted Solidity, Vyper and oracle sources for `fixedKey()`, committed under
/// Tests/EVM/golden (the EVM tests compile the Vyper one). Regenerate after an intended change
/// with `ZKML_UPDATE_GOLDEN=1 swift test … --filter ZKSolidityTests` and review the diff.
struct VerifierSourceTests {
    static let golden = Fixtures.repository.appendingPathComponent("Tests/EVM/golden")

    static func expectGolden(_ text: String, _ name: String) throws {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ZKML_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url, options: .atomic)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from the golden file; set ZKML_UPDATE_GOLDEN=1 to regenerate")
    }

    @Test func solidityMatchesGolden() throws {
        try Self.expectGolden(try SolidityVerifier.source(for: fixedKey()), "Verifier.sol")
    }

    @Test func vyperMatchesGolden() throws {
        try Self.expectGolden(try VyperVerifier.source(for: fixedKey()), "Verifier.vy")
    }

    @Test func oracleMatchesGolden() throws {
        try Self.expectGolden(try OracleContract.source(for: fixedKey()), "ZKMLOracle.sol")
    }

    @Test func sourcesSayWhichCircuitAndHowManySignals() throws {
        let hash = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
        for text in [try SolidityVerifier.source(for: fixedKey()), try VyperVerifier.source(for: fixedKey()),
                     try OracleContract.source(for: fixedKey())] {
            #expect(text.contains("circuit SHA-256 \(hash)"))
            #expect(text.contains("uint256[3]"))
            #expect(!text.contains("GPL"))
        }
        var unknown = fixedKey()
        unknown.circuitHash = []
        #expect(try SolidityVerifier.source(for: unknown).contains("circuit hash unknown"))
    }

    @Test func solidityHasOneCallPerSignalAndOnePairing() throws {
        for n in [1, 2, 16] {
            let text = try SolidityVerifier.source(for: fixedKey(publicCount: n))
            #expect(text.components(separatedBy: "staticcall(gas(), 0x07").count - 1 == n)
            #expect(text.components(separatedBy: "staticcall(gas(), 0x06").count - 1 == n)
            // The pairing gets EIP-1108's price for 4 pairs, not all gas (a failing precompile burns what it gets).
            #expect(text.components(separatedBy: "staticcall(181000, 0x08").count - 1 == 1)
            #expect(!text.contains("staticcall(gas(), 0x08"))
            // A and C are checked on the curve, and every check ends in one early return, before any
            // precompile sees the proof (a malformed proof must not cost a pairing).
            let early = try #require(text.range(of: "if iszero(ok) {"))
            let firstCall = try #require(text.range(of: "staticcall("))
            #expect(early.lowerBound < firstCall.lowerBound)
            #expect(text.components(separatedBy: "addmod(mulmod(mulmod(x, x, q), x, q), 3, q)").count - 1 == 2)
            #expect(text.components(separatedBy: "lt(calldataload(p), R)").count - 1 == 1)
            #expect(text.contains("pragma solidity ^0.8.20;"))
            #expect(text.contains("uint256[\(n)] calldata pubSignals"))
        }
    }

    @Test func keyWithoutPublicSignalsIsRejected() {
        let key = fixedKey(publicCount: 0)
        #expect(throws: SolidityError.noPublicSignals) { try SolidityVerifier.source(for: key) }
        #expect(throws: SolidityError.noPublicSignals) { try VyperVerifier.source(for: key) }
        #expect(throws: SolidityError.noPublicSignals) { try OracleContract.source(for: key) }
    }

    @Test func languageNames() throws {
        #expect(try VerifierLanguage(name: "Solidity") == .solidity)
        #expect(try VerifierLanguage(name: "vy") == .vyper)
        #expect(throws: SolidityError.unknownLanguage("yul")) { try VerifierLanguage(name: "yul") }
    }
}
