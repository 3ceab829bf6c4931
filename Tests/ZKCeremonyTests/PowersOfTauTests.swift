import Foundation
import Testing
import ZKCeremony
import ZKCurves
import ZKField
import ZKIO
import ZKTestSupport

/// Reading and verifying snarkjs `.ptau` files: the Hermez ceremony's and a snarkjs-made chain.
@Suite("powers of tau")
struct PowersOfTauTests {
    static func open(_ name: String) throws -> PowersOfTau {
        try PowersOfTau(contentsOf: try #require(Fixtures.url("ptau/\(name)")).path)
    }

    // Needs the shared fixtures ptau/*.ptau.
    @Test("headers and contributions decode as the fixtures' README lists them",
          .enabled(if: Fixtures.available("ptau/pot10_0000.ptau", "ptau/pot10_0001.ptau", "ptau/pot10_final.ptau",
                                          "ptau/powersOfTau28_hez_final_09.ptau"), "needs fixtures ptau/*.ptau"))
    func headers() throws {
        let fresh = try Self.open("pot10_0000.ptau"), one = try Self.open("pot10_0001.ptau")
        let final = try Self.open("pot10_final.ptau"), hermez = try Self.open("powersOfTau28_hez_final_09.ptau")
        #expect((fresh.power, fresh.ceremonyPower, fresh.contributions.count, fresh.isPrepared) == (10, 10, 0, false))
        #expect((one.power, one.contributions.count, one.isPrepared) == (10, 1, false))
        #expect(one.contributions[0].name == "Test")
        #expect((final.power, final.contributions.count, final.isPrepared) == (10, 1, true))
        #expect((hermez.power, hermez.ceremonyPower, hermez.contributions.count, hermez.isPrepared) == (9, 28, 55, true))
        #expect(hermez.contributions.first?.name == "weijie")
        let beacon = try #require(hermez.contributions.last)
        #expect(beacon.type == 1 && beacon.numIterationsExp == 10)
        #expect(beacon.beaconHash?.hexString == "e586fccaf245c9a1d7e78294d4802018f3001149a71b8f10cd997ef8235aa372")
        #expect(try fresh.tauG1(0 ..< 3).allSatisfy { $0 == BN254.G1Affine.generator })
    }

    // Needs the shared fixtures ptau/pot10_0001.ptau and ptau/pot10_final.ptau.
    @Test("a snarkjs-made chain verifies: proof of knowledge, powers, next challenge, Lagrange sections",
          .enabled(if: Fixtures.available("ptau/pot10_0001.ptau", "ptau/pot10_final.ptau"), "needs fixtures ptau/pot10_{0001,final}.ptau"),
          arguments: ["pot10_0001.ptau", "pot10_final.ptau"])
    func verifiesSnarkjsChain(name: String) throws {
        var rng = SeededGenerator(seed: 1)
        let report = try Self.open(name).verify(randomness: &rng, threads: 2)
        #expect(report.contributions.map(\.name) == ["Test"])
        #expect(report.nextChallenge == report.contributions.last?.nextChallenge)
        #expect(report.prepared == (name == "pot10_final.ptau"))
    }

    // Needs the shared fixture ptau/pot10_0000.ptau.
    @Test("a fresh file (no contribution) is refused",
          .enabled(if: Fixtures.available("ptau/pot10_0000.ptau"), "needs fixture ptau/pot10_0000.ptau"))
    func freshFileRefused() throws {
        var rng = SeededGenerator(seed: 1)
        #expect(throws: CeremonyError.self) { try Self.open("pot10_0000.ptau").verify(randomness: &rng) }
    }
}

extension PowersOfTauTests {
    // Needs the shared fixtures ptau/powersOfTau28_hez_final_{09,11}.ptau.
    @Test("the Hermez ceremony files verify: 54 contributions and the final beacon, prepared sections",
          .enabled(if: Fixtures.available("ptau/powersOfTau28_hez_final_09.ptau", "ptau/powersOfTau28_hez_final_11.ptau"),
                   "needs fixtures ptau/powersOfTau28_hez_final_{09,11}.ptau"),
          arguments: ["powersOfTau28_hez_final_09.ptau", "powersOfTau28_hez_final_11.ptau"])
    func verifiesHermez(name: String) throws {
        var rng = SeededGenerator(seed: 2)
        let report = try Self.open(name).verify(randomness: &rng, threads: 2)
        #expect(report.contributions.count == 55)
        #expect(report.contributions.last?.isBeacon == true)
        #expect(report.contributions.first?.name == "weijie")
        #expect(report.prepared)
    }
}

extension PowersOfTauTests {
    // Needs the shared fixtures ptau/pot10_0001.ptau and ptau/pot10_final.ptau.
    @Test("preparing pot10_0001 for phase 2 gives pot10_final byte for byte",
          .enabled(if: Fixtures.available("ptau/pot10_0001.ptau", "ptau/pot10_final.ptau"), "needs fixtures ptau/pot10_{0001,final}.ptau"))
    func prepareMatchesSnarkjs() throws {
        let prepared = try Self.open("pot10_0001.ptau").prepared(threads: 2)
        let expected = [UInt8](try #require(Fixtures.data("ptau/pot10_final.ptau")))
        #expect(prepared.count == expected.count)
        #expect(prepared == expected)
    }
}
