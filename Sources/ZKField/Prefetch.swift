public import CZKMontgomery

/// Software prefetch for loops that read tables at computed, scattered positions (the
/// fixed-base tables of Groth16 setup): asking for an entry a few iterations before it is
/// needed lets the memory system fetch it while the multiplications of earlier iterations run.
public enum Prefetch {
    /// Hints that the cache line at `address` will be read soon.
    @inlinable @inline(__always)
    public static func read(_ address: UnsafeRawPointer) { zk_prefetch(address) }
}
