import ZKTestSupport
import Foundation
import ZKBigInt
import ZKCurves
import ZKField
@testable import ZKPairing

typealias Fq = BN254.Fq
typealias Fr = BN254.Fr
typealias Fq2 = BN254.Fq2
typealias Fq6 = BN254.Fq6
typealias Fq12 = BN254.Fq12
typealias G1 = BN254.G1
typealias G2 = BN254.G2
typealias G1Affine = BN254.G1Affine
typealias G2Affine = BN254.G2Affine

/// Shared helpers of the pairing tests.
enum PairingTestSupport {
    static let p = Fq.modulus
    static let r = Fr.modulus
    /// The BN parameter.
    static let x = BigInt(BN254.PairingParameters.x)

    /// A random point of G1 (`[a]G` for a random `a`).
    static func randomG1(_ rng: inout SeededGenerator) -> G1Affine { (Fr.random(using: &rng) * G1Affine.generator).affine }
    /// A random point of G2.
    static func randomG2(_ rng: inout SeededGenerator) -> G2Affine { (Fr.random(using: &rng) * G2Affine.generator).affine }

    /// `f^e` for a non-negative integer exponent.
    static func power(_ f: Fq12, _ e: BigInt) -> Fq12 {
        let bits = max(1, (e.description.count * 10 + 2) / 3)   // decimal digits → bits, generously
        return f.power(limbs: e.limbs(count: bits / 64 + 2))
    }

    /// A fixture file read in place, or `nil` (with a message) when it is absent.
    static func fixture(_ relativePath: String) -> Data? { Fixtures.data(relativePath) }

    static func bytes(hex: String) -> [UInt8] { ZKTestSupport.bytes(hex: hex) }

    /// Decodes one EIP-197 pair: G1 `x ‖ y`, G2 `x_im ‖ x_re ‖ y_im ‖ y_re`, 32-byte big-endian
    /// each; all-zero encodes infinity. Validates on-curve and (for G2) subgroup membership.
    static func decodeEIP197Pair(_ bytes: ArraySlice<UInt8>) throws -> (G1Affine, G2Affine) {
        precondition(bytes.count == 192)
        let words = (0..<6).map { i in bytes[(bytes.startIndex + 32 * i)..<(bytes.startIndex + 32 * (i + 1))] }
        let coordinates = try words.map { try Fq(bigEndianBytes: $0) }
        let g1: G1Affine = coordinates[0].isZero && coordinates[1].isZero
            ? .infinity : try G1Affine(validatingX: coordinates[0], y: coordinates[1])
        let g2: G2Affine = coordinates[2...].allSatisfy(\.isZero)
            ? .infinity
            : try G2Affine(validatingX: Fq2(coordinates[3], coordinates[2]), y: Fq2(coordinates[5], coordinates[4]))
        return (g1, g2)
    }
}
