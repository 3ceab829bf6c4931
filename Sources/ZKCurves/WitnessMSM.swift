public import ZKField

/// Multi-scalar multiplication specialised for witness vectors.
///
/// ML witnesses are mostly bits and short signed integers (quantised activations), stored in the
/// field as `k` or `r − |k|`. This splits the scalars into classes — zero (skipped), `±1` (a
/// batch-affine tree sum of the points, negated for `−1`), and signed magnitudes of at most 16,
/// 32 and 64 bits (a negative value multiplies the negated point by `|k|`) — and runs Pippenger
/// per class at that class's width, so a narrow scalar never pays for 254-bit windows. Whatever
/// is left goes to the full MSM. Within a class, when values repeat enough (``groupingPays(count:distinct:bits:)``),
/// the points of each value are summed first and Pippenger runs over the distinct values
/// (``MSM/multiplyGroupingEqualScalars(points:group:distinct:threads:)``).
///
/// Each scalar's class is recorded first (one byte), then the classes are gathered one at a time
/// at their exact sizes: growing a copy of every point by doubling, all classes at once, held up
/// to twice the query again (3 MB of a 40 MB small-model prove, in G2).
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
        // Class codes: 0 skipped, 1 unit, 2 ≤ 16 bits, 3 ≤ 32, 4 ≤ 64, 5 full width; + 8 when negated.
        let negated: UInt8 = 8
        var classes = [UInt8](repeating: 0, count: points.count)
        var counts = [Int](repeating: 0, count: 6)
        for i in 0 ..< points.count {
            let k = scalars[i]
            if k.isZero || points[i].isInfinity { continue }
            var code: UInt8 = 5
            let limbs = k.canonicalLimbs4
            if limbs.1 == 0 && limbs.2 == 0 && limbs.3 == 0 {
                code = Self.width(limbs.0)
            } else {
                let n = (-k).canonicalLimbs4
                if n.1 == 0 && n.2 == 0 && n.3 == 0 { code = Self.width(n.0) | negated }
            }
            classes[i] = code
            counts[Int(code & 7)] += 1
        }
        var total = JacobianPoint<C>.infinity
        for c in 1 ... 5 where counts[c] > 0 {
            var classPoints: [AffinePoint<C>] = []
            classPoints.reserveCapacity(counts[c])
            var classScalars: [BN254.Fr] = []
            if c > 1 { classScalars.reserveCapacity(counts[c]) }
            for i in 0 ..< points.count where Int(classes[i] & 7) == c {
                let flip = classes[i] & negated != 0
                classPoints.append(flip ? -points[i] : points[i])
                if c > 1 { classScalars.append(flip ? -scalars[i] : scalars[i]) }
            }
            if c == 1 {
                total += MSM.sumAffine(classPoints, threads: threads)
                continue
            }
            // Repeated scalars (logUp inverses, limbs, quantised activations) are summed per value first.
            if classScalars.count >= 64 {
                let (group, distinct) = MSM.distinctScalars(classScalars)
                if Self.groupingPays(count: classScalars.count, distinct: distinct.count, bits: Self.bits(ofClass: c)) {
                    total += MSM.multiplyGroupingEqualScalars(points: classPoints, group: group, distinct: distinct, threads: threads)
                    continue
                }
            }
            total += MSM.multiScalarMultiply(points: classPoints, scalars: classScalars, threads: threads)
        }
        return total
    }

    /// The largest bit length of a class's magnitudes (2 … 5).
    @inlinable
    static func bits(ofClass c: Int) -> Int { c == 2 ? 16 : c == 3 ? 32 : c == 4 ? 64 : 254 }

    /// Whether summing the points of equal scalars first (about one addition per repeated point)
    /// and running Pippenger over the `distinct` values beats Pippenger over all `count`: by the
    /// additions each needs, `windows(n) = ⌈bits / c(n)⌉` per point, with a margin of a fifth for
    /// the grouping's hashing and sorting.
    @inlinable
    static func groupingPays(count: Int, distinct: Int, bits: Int) -> Bool {
        func windows(_ n: Int) -> Int {
            let c = MSM.windowSize(pointCount: max(1, n), bits: bits)
            return (bits + c - 1) / c
        }
        let plain = count * windows(count)
        let grouped = (count - distinct) + distinct * windows(distinct)
        return 5 * grouped <= 4 * plain
    }

    /// The class of a one-limb magnitude `m ≥ 1`: 1 for one, else 2, 3 or 4 for at most 16, 32 or 64 bits.
    @inlinable @inline(__always)
    static func width(_ m: UInt64) -> UInt8 {
        m == 1 ? 1 : m >> 16 == 0 ? 2 : m >> 32 == 0 ? 3 : 4
    }
}
