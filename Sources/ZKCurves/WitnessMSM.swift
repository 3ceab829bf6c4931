public import ZKField

/// Multi-scalar multiplication specialised for witness vectors.
///
/// ML witnesses are mostly bits and short signed integers (quantised activations), stored in the
/// field as `k` or `r − |k|`. This splits the scalars into classes — zero (skipped), `+1` and `−1`
/// (a batch-affine tree sum), and signed magnitudes of at most 16, 32 and 64 bits (a negative value
/// multiplies the negated point by `|k|`) — and runs Pippenger per class at that class's width,
/// so a narrow scalar never pays for 254-bit windows. Whatever is left goes to the full MSM.
public enum WitnessMSM {
    /// `Σ scalars[i] · points[i]`.
    /// - Precondition: `points.count == scalars.count`.
    ///
    /// `@inlinable` so that the prover gets it (and the Pippenger it calls) specialised for its
    /// curve instead of generic code that calls every field operation through a witness table.
    @inlinable
    public static func multiply<C: CurveConfig>(points: [AffinePoint<C>], scalars: [BN254.Fr],
                                                threads: Int = ActiveProcessors.count) -> JacobianPoint<C>
    where C.ScalarField == BN254.Fr {
        precondition(points.count == scalars.count, "MSM needs as many scalars as points")
        var ones: [AffinePoint<C>] = [], minusOnes: [AffinePoint<C>] = []
        var classPoints: [[AffinePoint<C>]] = [[], [], [], []]   // ≤16, ≤32, ≤64 bits, full
        var classScalars: [[BN254.Fr]] = [[], [], [], []]
        for i in 0 ..< points.count {
            let k = scalars[i]
            let point = points[i]
            if k.isZero || point.isInfinity { continue }
            let limbs = k.canonicalLimbs4
            if limbs.1 == 0 && limbs.2 == 0 && limbs.3 == 0 {
                if limbs.0 == 1 { ones.append(point); continue }
                let c = limbs.0 >> 16 == 0 ? 0 : limbs.0 >> 32 == 0 ? 1 : 2
                classPoints[c].append(point); classScalars[c].append(k)
                continue
            }
            let negated = -k
            let n = negated.canonicalLimbs4
            if n.1 == 0 && n.2 == 0 && n.3 == 0 {
                if n.0 == 1 { minusOnes.append(point); continue }
                let c = n.0 >> 16 == 0 ? 0 : n.0 >> 32 == 0 ? 1 : 2
                classPoints[c].append(-point); classScalars[c].append(negated)
                continue
            }
            classPoints[3].append(point); classScalars[3].append(k)
        }
        var total = MSM.sumAffine(ones, threads: threads) - MSM.sumAffine(minusOnes, threads: threads)
        for c in 0 ..< 4 where !classPoints[c].isEmpty {
            total += MSM.multiScalarMultiply(points: classPoints[c], scalars: classScalars[c], threads: threads)
        }
        return total
    }
}
