import Foundation
import Testing
import ZKCeremony
import ZKCurves
import ZKField
import ZKIO
import ZKTestSupport

/// Changed `.ptau` files are rejected, each with an error naming the section and the check.
@Suite("powers of tau: tampering")
struct PowersOfTauTamperTests {
    static func lem(_ p: BN254.G1Affine) -> [UInt8] {
        var out: [UInt8] = []
        PointEncoding.lem(p, into: &out)
        return out
    }

    static func check(_ bytes: [UInt8], expect fragment: String, _ comment: Comment) {
        var rng = SeededGenerator(seed: 3)
        do {
            _ = try PowersOfTau(bytes: bytes, path: "tampered.ptau").verify(randomness: &rng, threads: 2)
            Issue.record("accepted: \(comment)")
        } catch {
            #expect(error.description.contains(fragment), "\(comment): \(error)")
        }
    }

    static let fixture = "ptau/pot10_final.ptau"

    // Needs the shared fixture ptau/pot10_final.ptau.
    @Test("a wrong proof of knowledge, a changed power, a point off the curve, a changed Lagrange point, a truncated file",
          .enabled(if: Fixtures.available(fixture), "needs fixture ptau/pot10_final.ptau"))
    func tampered() throws {
        let original = [UInt8](try #require(Fixtures.data(Self.fixture)))
        let at = { (type: UInt32) in StructuredFuzzer.payloadOffset(original, type: type) }
        let g = BN254.G1Affine.generator, g3 = (BN254.G1(g) + BN254.G1(g) + BN254.G1(g)).affine

        // Contribution 1's key: g1_sx of τ replaced by another valid point (section 7: count, then
        // tauG1, tauG2, alphaG1, betaG1, betaG2 = 64+128+64+64+128 bytes, then g1_s, g1_sx).
        var key = original
        let g1sx = try #require(at(7)) + 4 + 448 + 64
        key.replaceSubrange(g1sx ..< g1sx + 64, with: Self.lem(g3))
        Self.check(key, expect: "contribution 1 (Test): invalid proof of knowledge of τ", "changed τ key")

        // τ⁵·G1 replaced by a valid point that is not the power.
        var power = original
        let fifth = try #require(at(2)) + 5 * 64
        power.replaceSubrange(fifth ..< fifth + 64, with: Self.lem(g3))
        Self.check(power, expect: "section 2 (tauG1): the points are not successive powers of τ", "changed power")

        // A coordinate changed so that the point leaves the curve.
        var offCurve = original
        offCurve[fifth + 40] ^= 1
        Self.check(offCurve, expect: "section 2 (tauG1): tauG1[5]", "point off the curve")

        // A Lagrange point of α replaced.
        var lagrange = original
        let alphaBlock = try #require(at(14)) + 64 * 20
        lagrange.replaceSubrange(alphaBlock ..< alphaBlock + 64, with: Self.lem(g3))
        Self.check(lagrange, expect: "section 14 (lagrange alphaTauG1)", "changed Lagrange point")

        // β·G2 swapped for the generator: the section no longer matches the contribution.
        var beta = original
        let betaG2 = try #require(at(6))
        var generator: [UInt8] = []
        PointEncoding.lem(BN254.G2Affine.generator, into: &generator)
        beta.replaceSubrange(betaG2 ..< betaG2 + 128, with: generator)
        Self.check(beta, expect: "section 6 (betaG2)", "changed β·G2")

        // Truncated inside section 12.
        #expect(throws: CeremonyError.self) { try PowersOfTau(bytes: Array(original.prefix(try #require(at(12)) + 100)), path: "cut.ptau") }
        do { _ = try PowersOfTau(bytes: Array(original.prefix(at(12)! + 100)), path: "cut.ptau") } catch {
            #expect(error.description.hasPrefix("cut.ptau: "), "\(error)")
        }
        // Not a ptau file at all.
        #expect(throws: CeremonyError.malformed(path: "x.ptau", detail: "not a powers-of-tau file (magic is not \"ptau\")")) {
            try PowersOfTau(bytes: Array("zkey".utf8) + [1, 0, 0, 0, 0, 0, 0, 0], path: "x.ptau")
        }
    }
}
