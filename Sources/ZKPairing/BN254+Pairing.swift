public import ZKCurves
public import ZKField

extension BN254 {
    /// The reduced optimal ate pairing `e(P, Q) = f_{6x+2,Q}(P)·ℓ₁(P)·ℓ₂(P)` raised to
    /// `(p¹² − 1)/r`, an element of GT ⊂ Fq12 (F. Vercauteren, "Optimal pairings", 2010).
    ///
    /// Bilinear and non-degenerate on G1 × G2; `e(O, Q) = e(P, O) = 1`. This is the standard
    /// exponent, so `e(P, Q)^m` with `m = 2x(6x² + 3x + 1)` is snarkjs's `vk_alphabeta_12` convention.
    ///
    /// - Parameters:
    ///   - p: a point of G1 (every point on the curve is).
    ///   - q: a point of G2 — validated by the caller (`G2Affine(validatingX:y:)`) when untrusted.
    /// - Returns: the pairing value in GT.
    /// - Complexity: one Miller loop and one final exponentiation (about a millisecond).
    public static func pairing(_ p: G1Affine, _ q: G2Affine) -> Fq12 {
        if p.isInfinity || q.isInfinity { return .one }
        return finalExponentiation(millerLoop([(p, G2Prepared(q))]))
    }

    /// Whether `∏ e(Pᵢ, Qᵢ) = 1`: one multi-Miller loop and one final exponentiation.
    ///
    /// Pairs with a point at infinity contribute 1; the empty product is 1. This is the EIP-197
    /// precompile's check and the Groth16 verification equation's shape.
    /// - Parameter pairs: G1 and G2 points; G2 points from untrusted input must be validated
    ///   (on the twist and in the order-`r` subgroup) first.
    public static func pairingProductIsOne(_ pairs: [(G1Affine, G2Affine)]) -> Bool {
        pairingProductIsOne(pairs.compactMap { p, q in
            p.isInfinity || q.isInfinity ? nil : (p, G2Prepared(q))
        })
    }

    /// Whether `∏ e(Pᵢ, Qᵢ) = 1` for prepared G2 points (a verifier caches ``G2Prepared`` for
    /// its fixed `beta2`, `gamma2`, `delta2`).
    public static func pairingProductIsOne(_ pairs: [(G1Affine, G2Prepared)]) -> Bool {
        finalExponentiation(millerLoop(pairs)).isOne
    }

    /// The product of the Miller functions `∏ f_{6x+2,Qᵢ}(Pᵢ)·ℓ₁(Pᵢ)·ℓ₂(Pᵢ)` with one shared
    /// squaring per step (the multi-Miller loop). Pairs with a point at infinity are skipped.
    ///
    /// The value is defined up to factors in proper subfields of Fq12 (the lines are scaled
    /// projectively), which the final exponentiation removes: compare values only after it.
    /// - Complexity: 65 Fq12 squarings, plus per pair about 90 sparse line multiplications.
    public static func millerLoop(_ pairs: [(G1Affine, G2Prepared)]) -> Fq12 {
        let active = pairs.filter { !$0.0.isInfinity && !$0.1.isInfinity }
        if active.isEmpty { return .one }
        let digits = PairingParameters.ateLoopNAF
        var f = Fq12.one
        var line = 0
        for index in stride(from: digits.count - 2, through: 0, by: -1) {
            if index != digits.count - 2 { f = f.squared() }
            for (p, q) in active { f = f.multiplied(by: q.coefficients[line], at: p) }
            line += 1
            if digits[index] != 0 {
                for (p, q) in active { f = f.multiplied(by: q.coefficients[line], at: p) }
                line += 1
            }
        }
        for _ in 0..<2 {
            for (p, q) in active { f = f.multiplied(by: q.coefficients[line], at: p) }
            line += 1
        }
        return f
    }

    /// `f^((p¹² − 1)/r)`.
    ///
    /// Easy part `(p⁶ − 1)(p² + 1)`: a conjugation, one inversion, one Frobenius and two
    /// multiplications; the result lies in the cyclotomic subgroup, where inversion is
    /// conjugation and squaring is ``Fq12/cyclotomicSquared()``.
    ///
    /// Hard part `(p⁴ − p² + 1)/r = λ₀ + λ₁p + λ₂p² + λ₃p³` with `λ₃ = 1`, `λ₂ = 6x² + 1`,
    /// `λ₁ = −36x³ − 18x² − 12x + 1`, `λ₀ = −36x³ − 30x² − 18x − 2`: three exponentiations by
    /// `x`, Frobenius maps, and a vectorial addition chain (M. Scott, N. Benger, M. Charlemagne,
    /// L. J. Dominguez Perez and E. J. Kachisa, "On the Final Exponentiation for Calculating
    /// Pairings on Ordinary Elliptic Curves", Pairing 2009, §5; the cyclotomic squarings of
    /// Granger–Scott 2010). This computes exactly `(p¹² − 1)/r`, not a multiple of it.
    ///
    /// - Returns: the value in GT, or zero for a zero input (only reachable with points outside
    ///   G1 × G2).
    public static func finalExponentiation(_ f: Fq12) -> Fq12 {
        if f.isZero { return .zero }
        // Easy part.
        var m = f.conjugate * f.inverse()
        m = m.frobeniusMap(2) * m
        // Hard part.
        let fx = m.cyclotomicPowerByX()
        let fx2 = fx.cyclotomicPowerByX()
        let fx3 = fx2.cyclotomicPowerByX()
        let y0 = m.frobeniusMap(1) * m.frobeniusMap(2) * m.frobeniusMap(3)
        let y1 = m.conjugate
        let y2 = fx2.frobeniusMap(2)
        let y3 = fx.conjugate.frobeniusMap(1)
        let y4 = (fx * fx2.frobeniusMap(1)).conjugate
        let y5 = fx2.conjugate
        let y6 = (fx3 * fx3.frobeniusMap(1)).conjugate
        // y0 · y1² · y2⁶ · y3¹² · y4¹⁸ · y5³⁰ · y6³⁶.
        var t0 = y6.cyclotomicSquared() * y4 * y5
        var t1 = y3 * y5 * t0
        t0 *= y2
        t1 = (t1.cyclotomicSquared() * t0).cyclotomicSquared()
        t0 = t1 * y1
        t1 *= y0
        return t0.cyclotomicSquared() * t1
    }
}

extension BN254.Fq12 {
    /// `self · ℓ(P)` for a prepared line and a G1 point `P = (xP, yP)`.
    @inline(__always)
    public func multiplied(by line: BN254.G2Prepared.LineCoefficients, at p: BN254.G1Affine) -> Self {
        multiplied(byLine: line.yCoefficient.scaled(by: p.y), line.xCoefficient.scaled(by: p.x), line.constant)
    }
}
