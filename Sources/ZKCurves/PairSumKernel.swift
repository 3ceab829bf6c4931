public import CZKBatchAffine
public import ZKField

/// The CZKBatchAffine IFMA kernel for `C`'s points as the Swift paths call it: whether it runs,
/// a batch of accumulators, and one batch of pairwise sums (`zk_batch_begin_sums`, one
/// `inverseVariableTime()` here, `zk_batch_finish_sums`). Shared by setup's table building
/// (``FixedBaseTable``) and the prover's MSMs (``BatchAffineAccumulator``).
@usableFromInline
enum PairSumKernel<C: CurveConfig> {
    /// Whether the kernel runs for `C` with table entries of `entryStride` bytes (`(x, y)`
    /// pairs: 64 in G1, 128 in G2): BN254's G1 or G2 on a CPU with AVX-512 F, VL and IFMA,
    /// unless `ZKML_FIELD_KERNEL` is `portable` or `adx`.
    @inlinable
    static func isAvailable(entryStride: Int) -> Bool {
        guard zk_batch_affine_available() != 0 else { return false }
        if C.BaseField.self == BN254.Fq.self { return entryStride == 64 }
        if C.BaseField.self == BN254.Fq2.self { return entryStride == 128 }
        return false
    }

    /// A kernel batch of `count` accumulators at infinity.
    /// - Precondition: ``isAvailable(entryStride:)``.
    @inlinable
    static func makeBatch(count: Int) -> OpaquePointer {
        let batch = C.BaseField.self == BN254.Fq.self ? zk_g1_batch_create(Int64(count)) : zk_g2_batch_create(Int64(count))
        guard let batch else { fatalError("out of memory for a batch of \(count) accumulators") }
        return batch
    }

    /// `table[destination[i]] = table[left[i]] + table[right[i]]` for `i < count` (at most the
    /// batch's count), all read before any is written; `false`, with nothing written, when a
    /// pair of different entries has equal x (a doubling or a cancellation: the caller adds them).
    @inlinable
    static func addPairs(_ batch: OpaquePointer, table: UnsafeMutablePointer<UInt64>, left: UnsafePointer<Int64>,
                         right: UnsafePointer<Int64>, destination: UnsafePointer<Int64>, count: Int) -> Bool {
        var product: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let unequal = withUnsafeMutablePointer(to: &product) { p in
            p.withMemoryRebound(to: UInt64.self, capacity: 4) { zk_batch_begin_sums(batch, table, left, right, Int64(count), $0) }
        }
        if unequal != 0 { return false }
        var inverse = BN254.Fq(montgomeryLimbs: product).inverseVariableTime().montgomeryLimbs
        withUnsafePointer(to: &inverse) { p in
            p.withMemoryRebound(to: UInt64.self, capacity: 4) { zk_batch_finish_sums(batch, table, destination, $0) }
        }
        return true
    }
}
