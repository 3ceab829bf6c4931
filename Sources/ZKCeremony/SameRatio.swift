internal import ZKField
internal import ZKCurves
internal import ZKPairing

/// `sameRatio(a, b, c, d)`: whether `b = x·a` and `d = x·c` for one `x` (G1 pair, G2 pair), i.e.
/// `e(a, d) = e(b, c)`, with every point not at infinity (snarkjs `misc.sameRatio`; Groth,
/// Bowe, Gabizon, Miers' consistency check). One multi-pairing.
func sameRatio(_ a: BN254.G1Affine, _ b: BN254.G1Affine, _ c: BN254.G2Affine, _ d: BN254.G2Affine) -> Bool {
    guard !a.isInfinity, !b.isInfinity, !c.isInfinity, !d.isInfinity else { return false }
    return BN254.pairingProductIsOne([(a, d), (-b, c)])
}

/// A uniformly random 128-bit scalar: the weight of a random linear combination. A combination of
/// wrong points that passes a check does so for at most one value of each weight given the
/// others, so with probability at most 2⁻¹²⁸ (snarkjs uses 32-bit weights); half the bits of a full
/// field element halve the multi-scalar multiplications' cost.
func randomWeight(_ randomness: inout some RandomNumberGenerator) -> BN254.Fr {
    BN254.Fr(canonicalLimbs: (randomness.next(), randomness.next(), 0, 0))!
}
