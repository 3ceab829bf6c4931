import Foundation
import Testing
@testable import ZKCeremony
import ZKIO
import ZKTestSupport

/// The first challenge of a ceremony, which the first contribution's proof of knowledge is bound to.
@Suite("first challenge")
struct FirstChallengeTests {
    @Test("the first challenge of a power-10 ceremony is pot10_0001's first contribution's: its proof verifies (see PowersOfTauTests)")
    func smallPowerIsComputed() {
        #expect(PowersOfTau.firstChallenge(ceremonyPower: 10) == PowersOfTau.computeFirstChallenge(ceremonyPower: 10))
    }

    // Hashes about 100 GB (minutes): full level only.
    @Test("the recorded first challenge of the Hermez ceremony (power 28) is recomputed",
          .enabled(if: TestLevel.isFull || ProcessInfo.processInfo.environment["ZKML_PRINT_FIRST_CHALLENGE"] != nil,
                   "hashes ~100 GB: ZKML_TEST_LEVEL=full"))
    func hermezFirstChallenge() {
        let computed = PowersOfTau.computeFirstChallenge(ceremonyPower: 28)
        print("first challenge 28: \(computed.hexString)")
        #expect(PowersOfTau.knownFirstChallenges[28] == computed)
    }
}
