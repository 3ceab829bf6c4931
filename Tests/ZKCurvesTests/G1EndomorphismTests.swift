import Testing
import ZKBigInt
import ZKCurves
import ZKField
import ZKTestSupport

/// The GLV multiplier against the windowed multiplication, on random and edge scalars.
struct G1EndomorphismTests {
    @Test("[k]P by the endomorphism equals the windowed [k]P")
    func matchesWindowed() {
        var rng = SeededGenerator(seed: 17)
        let points = (0 ..< 6).map { _ in (BN254.G1.generator * BN254.Fr.random(using: &rng)).affine } + [BN254.G1Affine.generator]
        var scalars: [BN254.Fr] = [.zero, .one, -.one, BN254.Fr(2), BN254.Fr(7), -BN254.Fr(8)]
        scalars += (0 ..< 10).map { _ in BN254.Fr.random(using: &rng) }
        scalars.append(try! BN254.Fr(canonical: (BigInt(1) << 128) + BigInt(12345)))
        for k in scalars {
            let multiplier = G1FixedScalarMultiplier(k)
            for p in points {
                #expect(multiplier.multiply(p) == BN254.G1(p).multiplied(by: k), "k = \(k)")
            }
        }
        #expect(G1FixedScalarMultiplier(BN254.Fr(5)).multiply(.infinity).isInfinity)
    }
}
