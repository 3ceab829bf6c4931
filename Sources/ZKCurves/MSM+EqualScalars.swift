public import ZKField

extension MSM {
    /// The distinct values among `scalars`: `group[i]` is the index in `distinct` of
    /// `scalars[i]`, `distinct` in order of first appearance.
    ///
    /// An open-addressing table of `2^⌈log₂ 2n⌉` slots keyed by the Montgomery limbs (equal
    /// field elements have equal limbs); one probe per scalar in the common case.
    @inlinable
    public static func distinctScalars(_ scalars: [BN254.Fr]) -> (group: [Int32], distinct: [BN254.Fr]) {
        let n = scalars.count
        precondition(n < Int(Int32.max), "too many scalars to group")
        var size = 16
        while size < 2 * n { size <<= 1 }
        let mask = size - 1
        let shift = UInt64(64 - size.trailingZeroBitCount)
        var slots = [Int32](repeating: -1, count: size)
        var group = [Int32](repeating: 0, count: n)
        var distinct: [BN254.Fr] = []
        scalars.withUnsafeBufferPointer { k in
            slots.withUnsafeMutableBufferPointer { slots in
                for i in 0 ..< n {
                    let limbs = k[i].montgomeryLimbs
                    // Fibonacci hashing of the low limbs (Montgomery forms of small and of random
                    // values alike look uniform there).
                    var slot = Int(((limbs.0 ^ limbs.1 &* 0x9E37_79B9) &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
                    while true {
                        let g = slots[slot]
                        if g < 0 {
                            slots[slot] = Int32(distinct.count)
                            group[i] = Int32(distinct.count)
                            distinct.append(k[i])
                            break
                        }
                        if distinct[Int(g)] == k[i] {
                            group[i] = g
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        return (group, distinct)
    }

    /// `Σ scalars[i] · points[i]` as `Σ_v v · (Σ_{scalars[i] = v} points[i])`: the points of each
    /// distinct scalar are summed first (``BatchAffineAccumulator/keyedSums(_:keys:keyCount:threads:)``,
    /// about one affine addition per point), then one Pippenger MSM runs over the distinct
    /// scalars and those sums.
    ///
    /// Worth it when scalars repeat: a logUp inverse `1/(X − f)` takes one value per table row
    /// however many queries look the row up, so a witness with thousands of lookups into a table
    /// of a few hundred rows has thousands of full-width scalars but only hundreds of distinct
    /// ones. Pippenger would pay about 254/c additions for each, and its equal digits all land in
    /// one bucket, where batch-affine additions collide.
    /// - Parameters:
    ///   - group, distinct: from ``distinctScalars(_:)`` on the scalars.
    /// - Precondition: `points.count == group.count`; no point is at infinity.
    @inlinable
    public static func multiplyGroupingEqualScalars<C: CurveConfig>(
        points: [AffinePoint<C>], group: [Int32], distinct: [BN254.Fr], threads: Int = ActiveProcessors.count
    ) -> JacobianPoint<C> where C.ScalarField == BN254.Fr {
        precondition(points.count == group.count, "MSM needs as many scalars as points")
        let d = distinct.count
        if d == 0 { return .infinity }
        let sums = points.withUnsafeBufferPointer { p in
            BatchAffineAccumulator<C>.keyedSums(p, keys: group.map { $0 + 1 }, keyCount: d, threads: threads)
        }
        return multiScalarMultiply(points: sums, scalars: distinct, threads: threads)
    }
}
