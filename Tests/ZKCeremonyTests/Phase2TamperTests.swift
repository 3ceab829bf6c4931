import Foundation
import Testing
import ZKCeremony
import ZKConstraints
import ZKCurves
import ZKField
import ZKSynthetic
import ZKTestSupport

/// Changed phase-2 keys are rejected with an error naming the contribution or section.
@Suite("phase 2: tampering")
struct Phase2TamperTests {
    // Needs the shared fixture ptau/pot10_final.ptau.
    @Test("a wrong proof of knowledge, a δ that does not chain, changed L/H/IC points, a wrong transcript, a beacon with another key, malformed files",
          .enabled(if: Fixtures.available("ptau/pot10_final.ptau"), "needs fixture ptau/pot10_final.ptau"))
    func tampered() throws {
        let (system, _) = SyntheticCircuit.make(constraints: 300, publicCount: 2, seed: 3)
        let ptau = try Phase2Tests.ptau("pot10_final.ptau")
        let good = try Phase2Tests.ceremony(system, ptau: ptau)
        var rng = SeededGenerator(seed: 9)
        func rejects(_ key: Phase2Key, _ fragment: String, _ comment: Comment) {
            do {
                _ = try key.verify(system, ptau: ptau, path: "t.zkey", randomness: &rng, threads: 2)
                Issue.record("accepted: \(comment)")
            } catch {
                #expect(error.description.contains(fragment), "\(comment): \(error)")
            }
        }
        let g = BN254.G1Affine.generator
        let twice = (BN254.G1(g) + BN254.G1(g)).affine

        var pok = good
        pok.contributions[1].g1sx = twice
        rejects(pok, "contribution 2 (bob)", "changed g1_sx")

        var chain = good
        chain.contributions[0].deltaAfter = twice
        rejects(chain, "contribution", "δ that does not chain")

        var delta = good
        delta.deltaG1 = twice
        rejects(delta, "δ₁ is not the last contribution's", "final δ replaced")

        var l = good
        l.l[3] = twice
        rejects(l, "section 8 (C)", "changed L point")

        var h = good
        h.h.swapAt(0, 1)
        rejects(h, "section 9 (H)", "swapped H points")

        var ic = good
        ic.ic[1] = twice
        rejects(ic, "section 3 (IC)", "changed IC point")

        var transcript = good
        transcript.contributions[0].transcript[0] ^= 1
        rejects(transcript, "contribution 1 (alice): the transcript", "changed transcript")

        var beacon = good
        beacon.contributions[2].beaconHash?[0] ^= 1
        rejects(beacon, "contribution 3 (beacon): the beacon's key", "beacon hash changed")

        // The key of another circuit.
        let (other, _) = SyntheticCircuit.make(constraints: 300, publicCount: 2, seed: 4)
        #expect(throws: CeremonyError.self) { try good.verify(other, ptau: ptau, randomness: &rng, threads: 2) }

        // Malformed bytes: truncated, a point off the curve, named by section.
        let bytes = good.zkeyBytes()
        #expect(throws: CeremonyError.self) { try Phase2Key(zkey: Array(bytes.prefix(bytes.count - 10)), path: "cut.zkey") }
        var offCurve = bytes
        let a = try #require(StructuredFuzzer.payloadOffset(bytes, type: 5))
        offCurve[a + 64 + 3] ^= 1
        do {
            _ = try Phase2Key(zkey: offCurve, path: "bad.zkey")
            Issue.record("accepted a point off the curve")
        } catch {
            #expect(error.description.hasPrefix("bad.zkey: section 5 (A): A[1]"), "\(error)")
        }
    }
}
