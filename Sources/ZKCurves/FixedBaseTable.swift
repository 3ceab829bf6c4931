public import ZKField
public import ZKIO

/// Precomputed multiples of one base point for many scalar multiplications by the same base
/// (Groth16 setup multiplies the generators by millions of scalars).
///
/// With windows of `c` bits, `table[w][d − 1] = d · 2^(c·w) · G` for `d = 1 … 2^(c−1)`, and `k`
/// written in signed digits `d_w ∈ (−2^(c−1), 2^(c−1)]` (`k = Σ d_w · 2^(c·w)`), `[k]G` is one
/// addition per non-zero digit, of a table point or its negation, and no doubling (the
/// fixed-base windowed method of Brickell–Gordon–McCurley–Wilson with signed digits: half the
/// table of unsigned digits for the same width, so one bit wider for the same cache footprint).
public struct FixedBaseTable<C: CurveConfig>: Sendable where C.ScalarField == BN254.Fr {
    public let windowBits: Int
    public let windowCount: Int
    /// Row-major: window `w`, digit `d` at `w · 2^(c−1) + d − 1`.
    @usableFromInline let storage: Storage

    /// One table entry: an affine point's coordinates without the infinity flag (no entry is the
    /// point at infinity), so a G1 entry is exactly one 64-byte cache line and a G2 entry two.
    /// With ``AffinePoint``'s 72-byte stride most lookups touched two lines.
    @usableFromInline
    struct Entry {
        @usableFromInline var x: C.BaseField
        @usableFromInline var y: C.BaseField
        @inlinable init(_ p: AffinePoint<C>) { (x, y) = (p.x, p.y) }
        @inlinable var point: AffinePoint<C> { AffinePoint(x: x, y: y) }
    }

    /// The entries, in one cache-line-aligned allocation shared by copies of the table.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Safety: written only by `init` (before the table is shared), read-only afterwards.
        @usableFromInline let entries: UnsafeMutablePointer<Entry>
        @usableFromInline let count: Int

        @inlinable init(count: Int) {
            self.count = count
            entries = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Entry>.stride, alignment: 64)
                .bindMemory(to: Entry.self, capacity: count)
        }

        deinit { entries.deallocate() }
    }

    /// The number of `c`-bit signed-digit windows for scalars below r: the top window must hold
    /// the last carry, so `c · windows ≥ 254 + 1`.
    @inlinable
    public static func windowCount(bits c: Int) -> Int { (BN254.Fr.modulusBitWidth + c) / c }

    /// The window width that minimises table construction plus `count` multiplications
    /// (`windows · (count + 2^(c−1))` additions), capped at `maximum` bits to bound the table's
    /// memory and at ``cacheBoundWindowBits`` so that one window's table stays in cache.
    public static func windowBits(forMultiplications count: Int, maximum: Int = 16) -> Int {
        var best = 4, bestCost = Int.max
        for c in 4 ... max(4, min(maximum, 16, cacheBoundWindowBits)) {
            let cost = windowCount(bits: c) * (count + (1 << (c - 1)))
            if cost < bestCost { (best, bestCost) = (c, cost) }
        }
        return best
    }

    /// The widest window whose table (`2^(c−1)` points) fits in 2 MB: 16 bits for G1, 15 for G2.
    ///
    /// ``multiplyAll(_:threads:vector:)`` reads one window's table at random positions for a whole chunk
    /// of scalars. Before those reads were prefetched (see ``accumulate(_:into:)``), every read
    /// past the core's cache stalled and a 96 KB bound was best; with the prefetch, tables in L2
    /// and L3 cost little and the saved additions win (setup medians, alternating runs: cnn_digits
    /// 0.231 s with a 96 KB bound, 0.215 s with 2 MB; LeNet-5 3.58 s and 2.86 s). The bound
    /// still keeps a window's table well inside the last-level cache.
    public static var cacheBoundWindowBits: Int {
        var c = 4
        while c < 16 && (1 << c) * MemoryLayout<Entry>.stride <= tableBytesBound { c += 1 }
        return c
    }

    /// The size bound behind ``cacheBoundWindowBits``.
    public static var tableBytesBound: Int { 2 << 20 }

    /// Builds the table: `windowCount · 2^(c−1)` points. The window bases `2^(c·w)·G` come from
    /// `c` doublings each; every window's multiples are then built in batch-affine additions
    /// (``fillMultiples(of:count:into:)``), in groups of windows that share their inversions,
    /// the groups in parallel on up to `threads`.
    /// - Precondition: `1 ≤ windowBits ≤ 16`.
    @inlinable
    public init(base: AffinePoint<C>, windowBits c: Int = 8, threads: Int = ActiveProcessors.count) {
        precondition((1...16).contains(c))
        windowBits = c
        let windowCount = Self.windowCount(bits: c)
        self.windowCount = windowCount
        let half = 1 << (c - 1)
        var bases: [JacobianPoint<C>] = []
        bases.reserveCapacity(windowCount)
        var windowBase = JacobianPoint(base)
        for _ in 0 ..< windowCount {
            bases.append(windowBase)
            for _ in 0 ..< c { windowBase = windowBase.doubled() }
        }
        let affineBases = JacobianPoint.batchNormalize(bases)
        let storage = Storage(count: windowCount * half)
        let out = SendableBuffer(UnsafeMutableBufferPointer(start: storage.entries, count: storage.count))
        // Two groups per thread: one inversion per group and level instead of one per window
        // and level (a 13-bit G1 table: 24 inversions instead of 240), and groups small enough
        // to balance the threads.
        let groups = min(windowCount, 2 * max(1, threads))
        ParallelFor.run(count: groups, threads: threads) { g in
            let windows = g * windowCount / groups ..< (g + 1) * windowCount / groups
            affineBases.withUnsafeBufferPointer { bases in
                let group = UnsafeBufferPointer(rebasing: bases[windows])
                let destination = out.buffer.baseAddress! + windows.lowerBound * half
                if Self.usesVectorKernel {
                    Self.fillMultiplesVector(of: group, count: half, into: destination)
                } else {
                    Self.fillMultiples(of: group, count: half, into: destination)
                }
            }
        }
        self.storage = storage
    }

    /// `out[k·count + d − 1] = d · Pₖ` for `d = 1 … count` and every base `Pₖ`, by levels: with
    /// `1 … j` known, `j·P + e·P` for `e = 1 … min(j, count − j)` (the last, `e = j`, a doubling),
    /// for all bases at once, are one batch of affine additions sharing one inversion. About 6
    /// multiplications per entry, where a mixed Jacobian addition and the normalisation after it
    /// cost about 14.
    /// - Precondition: every `Pₖ` is finite and `count < r` (no sum meets the point at infinity).
    @inlinable
    static func fillMultiples(of bases: UnsafeBufferPointer<AffinePoint<C>>, count: Int, into out: UnsafeMutablePointer<Entry>) {
        let windows = bases.count
        if !placeBases(bases, count: count, into: out) { return }
        let capacity = windows * (count / 2 + 1)
        let norms = UnsafeMutablePointer<C.BaseField.NormField>.allocate(capacity: capacity)
        let prefix = UnsafeMutablePointer<C.BaseField.NormField>.allocate(capacity: capacity)
        let tangents = UnsafeMutablePointer<C.BaseField>.allocate(capacity: windows)
        defer { norms.deallocate(); prefix.deallocate(); tangents.deallocate() }
        var known = 1
        while known < count {
            let step = min(known, count - known)
            // The denominator of e·P + j·P in window k: x-difference, or 2y for the doubling e = j.
            @inline(__always) func denominator(_ window: UnsafeMutablePointer<Entry>, _ e: Int) -> C.BaseField {
                e == known ? window[known - 1].y.doubled() : window[e - 1].x - window[known - 1].x
            }
            var running = C.BaseField.NormField.one
            var slot = 0
            for k in 0 ..< windows {
                let window = out + k * count
                for e in 1 ... step {
                    let n = denominator(window, e).norm
                    norms[slot] = n
                    prefix[slot] = running
                    running *= n
                    slot += 1
                }
                // The numerator of the doubling's slope, 3x², for the last step of the level.
                let xSquared = window[known - 1].x.squared()
                tangents[k] = xSquared.doubled() + xSquared
            }
            var inverse = running.inverse()
            for k in stride(from: windows - 1, through: 0, by: -1) {
                let window = out + k * count
                let top = window[known - 1]
                for e in stride(from: step, through: 1, by: -1) {
                    slot -= 1
                    let normInverse = inverse * prefix[slot]
                    inverse *= norms[slot]
                    let q = window[e - 1]
                    let numerator = e == known ? tangents[k] : q.y - top.y
                    let lambda = numerator.timesAdjugate(of: denominator(window, e)).scaled(by: normInverse)
                    (window + known + e - 1).initialize(to: Entry(.sum(top.point, q.point, slope: lambda)))
                }
            }
            known += step
        }
    }

    /// Writes each base as the first entry (`d = 1`) of its window of `count` entries; returns
    /// whether there is anything left to fill (more than one entry and at least one window).
    @inlinable
    static func placeBases(_ bases: UnsafeBufferPointer<AffinePoint<C>>, count: Int, into out: UnsafeMutablePointer<Entry>) -> Bool {
        for k in 0 ..< bases.count {
            precondition(!bases[k].isInfinity)
            (out + k * count).initialize(to: Entry(bases[k]))
        }
        return count > 1 && bases.count > 0
    }

    /// The signed digits of a scalar (4 canonical limbs), window by window: `digit(w, carry:)`
    /// returns window `w`'s digit in `(−2^(c−1), 2^(c−1)]` and updates the carry into window `w + 1`.
    @usableFromInline
    struct Recoder {
        @usableFromInline let bits: Int
        @inlinable init(bits: Int) { self.bits = bits }

        @inlinable @inline(__always)
        func digit(_ limbs: UnsafePointer<UInt64>, window w: Int, carry: inout UInt64) -> Int {
            let bit = w * bits
            let word = bit >> 6, shift = bit & 63
            var value = limbs[word] >> UInt64(shift)
            if shift + bits > 64 && word + 1 < 4 { value |= limbs[word + 1] << UInt64(64 - shift) }
            value = (value & ((1 << UInt64(bits)) - 1)) + carry
            if value > 1 << UInt64(bits - 1) {
                carry = 1
                return Int(value) - (1 << bits)
            }
            carry = 0
            return Int(value)
        }
    }

    /// A chunk's scalars recoded window by window into table entries (``accumulate(_:at:into:vector:)``
    /// and its kernel twin): per scalar, `w · 2^(c−1) + d − 1` for a digit `d > 0` of window `w`,
    /// its complement `~(w · 2^(c−1) − d − 1)` for `d < 0` (add the negated entry), and `.min`
    /// for `d = 0`. Windows must be filled in order (the carries run from one to the next).
    @usableFromInline
    struct WindowEntries {
        @usableFromInline let limbs: UnsafeMutablePointer<UInt64>
        @usableFromInline let carries: UnsafeMutablePointer<UInt64>
        @usableFromInline let count: Int
        @usableFromInline let recoder: Recoder
        @usableFromInline let half: Int

        /// The canonical limbs of `k[indices[i]]` for every `i`; release with ``deallocate()``.
        @inlinable
        init(_ k: UnsafePointer<BN254.Fr>, at indices: UnsafeBufferPointer<Int>, windowBits: Int) {
            count = indices.count
            limbs = .allocate(capacity: 4 * count)
            carries = .allocate(capacity: count)
            for i in 0 ..< count {
                let l = k[indices[i]].canonicalLimbs4
                limbs[4 * i] = l.0; limbs[4 * i + 1] = l.1; limbs[4 * i + 2] = l.2; limbs[4 * i + 3] = l.3
            }
            carries.initialize(repeating: 0, count: count)
            recoder = Recoder(bits: windowBits)
            half = 1 << (windowBits - 1)
        }

        @inlinable
        func deallocate() { limbs.deallocate(); carries.deallocate() }

        /// Window `w`'s entry for every scalar.
        @inlinable
        func fill<I: FixedWidthInteger & SignedInteger>(window w: Int, into entries: UnsafeMutablePointer<I>) {
            for i in 0 ..< count {
                let d = recoder.digit(limbs + 4 * i, window: w, carry: &carries[i])
                entries[i] = d > 0 ? I(w * half + d - 1) : d < 0 ? I(~(w * half - d - 1)) : .min
            }
        }
    }

    /// `[k]G`.
    ///
    /// `@inlinable` (like the rest of this type) so that Groth16 setup gets code specialised for
    /// its curve: unspecialised, every field operation went through a protocol witness and the
    /// modulus was fetched through generic metadata (perf: setup of a 3,164-constraint model
    /// spent over half its time that way).
    @inlinable
    public func multiply(_ k: BN254.Fr) -> JacobianPoint<C> {
        let l = k.canonicalLimbs4
        let limbs = [l.0, l.1, l.2, l.3]
        let recoder = Recoder(bits: windowBits)
        let half = 1 << (windowBits - 1)
        var result = JacobianPoint<C>.infinity
        var carry: UInt64 = 0
        let table = storage.entries
        limbs.withUnsafeBufferPointer { limbs in
            for w in 0 ..< windowCount {
                let d = recoder.digit(limbs.baseAddress!, window: w, carry: &carry)
                if d > 0 { result += table[w * half + d - 1].point }
                if d < 0 { result += -table[w * half - d - 1].point }
            }
        }
        withExtendedLifetime(storage) {}
        return result
    }

    /// `[kᵢ]G` for every scalar, in affine form; zero scalars give the point at infinity.
    ///
    /// Batch-affine: the non-zero scalars are taken in chunks of at most ``chunkSize``
    /// accumulators kept in affine form; window by window, every accumulator adds its table point
    /// and the chunk's additions share one inversion (Montgomery's trick), about 5 multiplications
    /// and a squaring per addition against 7 and 4 for a mixed Jacobian addition, and no
    /// normalisation at the end. Chunks run on up to `threads` threads.
    ///
    /// Zero scalars are left out before the chunks are cut (a Groth16 query can be mostly zeros:
    /// B's G1 points where they differ from A's), and the chunks are cut to equal sizes in a
    /// multiple of `threads`: with 2,048 scalars each, a G2 query of 15,155 came to 7.4 chunks of
    /// about 15 ms, and one core idled for most of one chunk at the end.
    ///
    /// `vector` chooses the 8-lane IFMA kernel (default: wherever it can run,
    /// ``usesVectorKernel``); `false` runs the Swift additions (to compare, as `zkml bench curve` does).
    /// - Precondition: `vector` implies ``usesVectorKernel``.
    @inlinable
    public func multiplyAll(_ scalars: [BN254.Fr], threads: Int = ActiveProcessors.count,
                            vector: Bool = Self.usesVectorKernel) -> [AffinePoint<C>] {
        precondition(!vector || Self.usesVectorKernel, "the IFMA kernel cannot run for this curve or CPU")
        let n = scalars.count
        if n == 0 { return [] }
        let nonZero = scalars.indices.filter { !scalars[$0].isZero }
        let (chunks, chunk) = Self.chunks(count: nonZero.count, threads: threads)
        // Written in place: a separate buffer copied into the array doubled the largest query for
        // a moment (LeNet-5's B query in G2: 35 MB).
        return [AffinePoint<C>](unsafeUninitializedCapacity: n) { output, initialized in
            output.initialize(repeating: .infinity)
            let out = SendableBuffer(output)
            ParallelFor.run(count: chunks, threads: threads) { t in
                let lower = t * chunk, upper = min(nonZero.count, lower + chunk)
                scalars.withUnsafeBufferPointer { k in
                    nonZero.withUnsafeBufferPointer { indices in
                        self.accumulate(k.baseAddress!, at: UnsafeBufferPointer(rebasing: indices[lower ..< upper]),
                                        into: out.buffer.baseAddress!, vector: vector)
                    }
                }
            }
            initialized = n
        }
    }

    /// The most accumulators per chunk of ``multiplyAll(_:threads:vector:)``: one inversion per chunk and
    /// window. 2,048 against 1,024: LeNet-5 setup 2.70 against 2.86 s (medians of three
    /// alternating runs), cnn_digits within the noise.
    public static var chunkSize: Int { 2048 }

    /// How ``multiplyAll(_:threads:vector:)`` cuts `count` scalars: chunks of at most ``chunkSize``, as
    /// few as a multiple of `threads` allows, all of one size but a shorter last one (with very
    /// few scalars, fewer chunks than planned: 5 scalars for 4 threads make 3 chunks of 2).
    /// - Returns: the number of chunks and their size (both 0 for no scalars).
    public static func chunks(count: Int, threads: Int) -> (count: Int, size: Int) {
        if count == 0 { return (0, 0) }
        let workers = max(1, threads)
        let least = (count + chunkSize - 1) / chunkSize
        let planned = (least + workers - 1) / workers * workers
        let size = (count + planned - 1) / planned
        return ((count + size - 1) / size, size)
    }

    /// `out[j] = [k[j]]G` for every index `j` in `indices` (non-zero scalars), one shared
    /// inversion per window; in the IFMA kernel when `vector` (``usesVectorKernel``).
    @inlinable
    func accumulate(_ k: UnsafePointer<BN254.Fr>, at indices: UnsafeBufferPointer<Int>,
                    into destination: UnsafeMutablePointer<AffinePoint<C>>, vector: Bool = Self.usesVectorKernel) {
        if vector { return accumulateVector(k, at: indices, into: destination) }
        let count = indices.count
        let digits = WindowEntries(k, at: indices, windowBits: windowBits)
        // The chunk's accumulators, contiguous: written back to `destination` at the end.
        let out = UnsafeMutablePointer<AffinePoint<C>>.allocate(capacity: count)
        let entries = UnsafeMutablePointer<Int>.allocate(capacity: count)
        let pending = UnsafeMutablePointer<Int>.allocate(capacity: count)
        // Norms of the x-differences (in Fq for G2 too: ``NormedField``) and their running products.
        let denominators = UnsafeMutablePointer<C.BaseField.NormField>.allocate(capacity: count)
        let prefix = UnsafeMutablePointer<C.BaseField.NormField>.allocate(capacity: count)
        defer {
            digits.deallocate(); out.deallocate(); entries.deallocate(); pending.deallocate()
            denominators.deallocate(); prefix.deallocate()
        }
        out.initialize(repeating: .infinity, count: count)
        let table = storage.entries
        // How many scalars ahead the forward pass asks for its table entry: the lookups are
        // scattered over the window's table, and without the hint the load of an entry's x stalled
        // the loop (perf annotate: 31 % of G1 setup's samples on that one load).
        let ahead = 8
        let linesPerEntry = (MemoryLayout<Entry>.stride + 63) / 64
        @inline(__always) func fetch(_ entry: Int) {
            guard entry != .min else { return }
            let address = UnsafeRawPointer(table + (entry >= 0 ? entry : ~entry))
            for line in 0 ..< linesPerEntry { Prefetch.read(address + 64 * line) }
        }
        for w in 0 ..< windowCount {
            digits.fill(window: w, into: entries)
            for i in 0 ..< min(ahead, count) { fetch(entries[i]) }
            // Forward pass: schedule the additions, running product of the denominators.
            var scheduled = 0
            var running = C.BaseField.NormField.one
            for i in 0 ..< count {
                if i + ahead < count { fetch(entries[i + ahead]) }
                let entry = entries[i]
                if entry == .min { continue }
                let q = table[entry >= 0 ? entry : ~entry]
                if out[i].isInfinity { out[i] = entry >= 0 ? q.point : -q.point; continue }
                if out[i].x == q.x {
                    // A doubling or a cancellation (not met with random scalars): directly.
                    out[i] = (JacobianPoint(out[i]) + (entry >= 0 ? q.point : -q.point)).affine
                    continue
                }
                let denominator = (q.x - out[i].x).norm
                pending[scheduled] = i
                denominators[scheduled] = denominator
                prefix[scheduled] = running
                running *= denominator
                scheduled += 1
            }
            if scheduled == 0 { continue }
            // Backward pass: one inversion, then each λ = (±q.y − a.y)/(q.x − a.x)
            //   = (±q.y − a.y) · adj(q.x − a.x) / N(q.x − a.x).
            var inverse = running.inverse()
            for s in stride(from: scheduled - 1, through: 0, by: -1) {
                let i = pending[s]
                let entry = entries[i]
                var q = table[entry >= 0 ? entry : ~entry].point
                if entry < 0 { q = -q }
                let normInverse = inverse * prefix[s]
                inverse *= denominators[s]
                let lambda = (q.y - out[i].y).timesAdjugate(of: q.x - out[i].x).scaled(by: normInverse)
                out[i] = .sum(out[i], q, slope: lambda)
            }
        }
        for i in 0 ..< count { destination[indices[i]] = out[i] }
        withExtendedLifetime(storage) {}
    }
}

/// A buffer written by worker threads at disjoint indices.
@usableFromInline
struct SendableBuffer<Element>: @unchecked Sendable {
    // Safety: each index is written by exactly one task; read after all tasks finished.
    @usableFromInline let buffer: UnsafeMutableBufferPointer<Element>
    @inlinable init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
