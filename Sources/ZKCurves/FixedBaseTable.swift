public import ZKField

/// Precomputed multiples of one base point for many scalar multiplications by the same base
/// (Groth16 setup multiplies the generators by millions of scalars).
///
/// With windows of `c` bits, `table[w][d − 1] = d · 2^(c·w) · G` for `d = 1 ..< 2^c`, so `[k]G` is
/// one mixed addition per non-zero window digit and no doubling (the fixed-base comb of
/// Brickell–Gordon–McCurley–Wilson, in its simplest form).
public struct FixedBaseTable<C: CurveConfig>: Sendable where C.ScalarField == BN254.Fr {
    public let windowBits: Int
    public let windowCount: Int
    /// Row-major: window `w`, digit `d` at `w * (2^c − 1) + d − 1`.
    @usableFromInline let table: [AffinePoint<C>]

    /// The window width that minimises table construction plus `count` multiplications
    /// (`⌈254/c⌉ · (count + 2^c)` additions), capped at `maximum` bits to bound the table's memory
    /// and at ``cacheBoundWindowBits`` so that one window's table stays in cache.
    public static func windowBits(forMultiplications count: Int, maximum: Int = 16) -> Int {
        var best = 4, bestCost = Int.max
        for c in 4 ... max(4, min(maximum, 16, cacheBoundWindowBits)) {
            let cost = (BN254.Fr.modulusBitWidth + c - 1) / c * (count + (1 << c))
            if cost < bestCost { (best, bestCost) = (c, cost) }
        }
        return best
    }

    /// The widest window whose table (`2^c − 1` points) fits in 96 KB: 10 bits for G1, 9 for G2.
    ///
    /// ``multiplyAll(_:threads:)`` reads one window's table at random positions for a whole chunk
    /// of scalars; past the core's cache every read is a miss, and wider windows lost more to the
    /// misses than they saved in additions (cnn_digits setup: uncapped widths 0.46–0.48 s, 10 and
    /// 9 bits 0.36–0.45 s for about the same number of additions; LeNet-5 neutral with more additions).
    public static var cacheBoundWindowBits: Int {
        var c = 4
        while c < 16 && ((1 << (c + 1)) - 1) * MemoryLayout<AffinePoint<C>>.stride <= 96 << 10 { c += 1 }
        return c
    }

    /// Builds the table: `windowCount · (2^c − 1)` points. The window bases `2^(c·w)·G` come from
    /// `c` doublings each; then every window's multiples are mixed additions of its (affine) base,
    /// normalised with one batch inversion per window, windows in parallel on up to `threads`.
    /// - Precondition: `1 ≤ windowBits ≤ 16`.
    @inlinable
    public init(base: AffinePoint<C>, windowBits c: Int = 8, threads: Int = ActiveProcessors.count) {
        precondition((1...16).contains(c))
        windowBits = c
        let windowCount = (BN254.Fr.modulusBitWidth + c - 1) / c
        self.windowCount = windowCount
        let digits = (1 << c) - 1
        var bases: [JacobianPoint<C>] = []
        bases.reserveCapacity(windowCount)
        var windowBase = JacobianPoint(base)
        for _ in 0 ..< windowCount {
            bases.append(windowBase)
            for _ in 0 ..< c { windowBase = windowBase.doubled() }
        }
        let affineBases = JacobianPoint.batchNormalize(bases)
        let output = UnsafeMutableBufferPointer<AffinePoint<C>>.allocate(capacity: windowCount * digits)
        defer { output.deallocate() }
        let out = SendableBuffer(output)
        ParallelFor.run(count: windowCount, threads: threads) { w in
            var multiples: [JacobianPoint<C>] = []
            multiples.reserveCapacity(digits)
            var multiple = JacobianPoint(affineBases[w])
            for _ in 0 ..< digits {
                multiples.append(multiple)
                multiple += affineBases[w]
            }
            let normalized = JacobianPoint.batchNormalize(multiples)
            _ = UnsafeMutableBufferPointer(rebasing: out.buffer[w * digits ..< (w + 1) * digits]).initialize(from: normalized)
        }
        table = Array(output)
    }

    /// `[k]G`.
    ///
    /// `@inlinable` (like the rest of this type) so that Groth16 setup gets code specialised for
    /// its curve: unspecialised, every field operation went through a protocol witness and the
    /// modulus was fetched through generic metadata (perf: setup of a 3,164-constraint model
    /// spent over half its time that way).
    @inlinable
    public func multiply(_ k: BN254.Fr) -> JacobianPoint<C> {
        let limbs = k.canonicalLimbs4
        @inline(__always) func word(_ i: Int) -> UInt64 {
            switch i { case 0: limbs.0; case 1: limbs.1; case 2: limbs.2; default: limbs.3 }
        }
        let digits = (1 << windowBits) - 1
        var result = JacobianPoint<C>.infinity
        table.withUnsafeBufferPointer { table in
            for w in 0 ..< windowCount {
                let bit = w * windowBits
                let index = bit >> 6, shift = bit & 63
                var digit = word(index) >> UInt64(shift)
                if shift + windowBits > 64 && index + 1 < 4 { digit |= word(index + 1) << UInt64(64 - shift) }
                digit &= UInt64(digits)
                if digit != 0 { result += table[w * digits + Int(digit) - 1] }
            }
        }
        return result
    }

    /// `[kᵢ]G` for every scalar, in affine form; zero scalars give the point at infinity.
    ///
    /// Batch-affine: the scalars are taken in chunks of 1,024 accumulators kept in affine form;
    /// window by window, every accumulator adds its table point and the chunk's additions share
    /// one inversion (Montgomery's trick), about 5 multiplications and a squaring per addition
    /// against 7 and 4 for a mixed Jacobian addition, and no normalisation at the end. Chunks run
    /// on up to `threads` threads.
    @inlinable
    public func multiplyAll(_ scalars: [BN254.Fr], threads: Int = ActiveProcessors.count) -> [AffinePoint<C>] {
        let n = scalars.count
        if n == 0 { return [] }
        let chunk = 1 << 10
        let chunks = (n + chunk - 1) / chunk
        let output = UnsafeMutableBufferPointer<AffinePoint<C>>.allocate(capacity: n)
        output.initialize(repeating: .infinity)
        defer { output.deallocate() }
        let out = SendableBuffer(output)
        ParallelFor.run(count: chunks, threads: threads) { t in
            let lower = t * chunk, upper = min(n, lower + chunk)
            scalars.withUnsafeBufferPointer { k in
                self.accumulate(UnsafeBufferPointer(rebasing: k[lower ..< upper]),
                                into: UnsafeMutableBufferPointer(rebasing: out.buffer[lower ..< upper]))
            }
        }
        return Array(output)
    }

    /// `out[i] = [k[i]]G` (`out` starts at infinity), one shared inversion per window.
    @inlinable
    func accumulate(_ k: UnsafeBufferPointer<BN254.Fr>, into out: UnsafeMutableBufferPointer<AffinePoint<C>>) {
        let count = k.count
        let limbs = UnsafeMutablePointer<UInt64>.allocate(capacity: 4 * count)
        let pending = UnsafeMutablePointer<Int>.allocate(capacity: count)
        let addends = UnsafeMutablePointer<Int>.allocate(capacity: count)   // table indices, not copies
        let denominators = UnsafeMutablePointer<C.BaseField>.allocate(capacity: count)
        let prefix = UnsafeMutablePointer<C.BaseField>.allocate(capacity: count)
        defer {
            limbs.deallocate(); pending.deallocate(); addends.deallocate()
            denominators.deallocate(); prefix.deallocate()
        }
        for i in 0 ..< count {
            let l = k[i].canonicalLimbs4
            limbs[4 * i] = l.0; limbs[4 * i + 1] = l.1; limbs[4 * i + 2] = l.2; limbs[4 * i + 3] = l.3
        }
        let digits = (1 << windowBits) - 1
        table.withUnsafeBufferPointer { table in
            for w in 0 ..< windowCount {
                let bit = w * windowBits
                let index = bit >> 6, shift = bit & 63
                let spills = shift + windowBits > 64 && index + 1 < 4
                // Forward pass: schedule the additions, running product of the denominators.
                var scheduled = 0
                var running = C.BaseField.one
                for i in 0 ..< count {
                    var digit = limbs[4 * i + index] >> UInt64(shift)
                    if spills { digit |= limbs[4 * i + index + 1] << UInt64(64 - shift) }
                    digit &= UInt64(digits)
                    if digit == 0 { continue }
                    let index = w * digits + Int(digit) - 1
                    if out[i].isInfinity { out[i] = table[index]; continue }
                    if out[i].x == table[index].x {
                        // A doubling or a cancellation (not met with random scalars): directly.
                        out[i] = (JacobianPoint(out[i]) + table[index]).affine
                        continue
                    }
                    let denominator = table[index].x - out[i].x
                    pending[scheduled] = i
                    addends[scheduled] = index
                    denominators[scheduled] = denominator
                    prefix[scheduled] = running
                    running *= denominator
                    scheduled += 1
                }
                if scheduled == 0 { continue }
                // Backward pass: one inversion, then each λ = (q.y − a.y)/(q.x − a.x).
                var inverse = running.inverse()
                for s in stride(from: scheduled - 1, through: 0, by: -1) {
                    let i = pending[s], index = addends[s]
                    let denominatorInverse = inverse * prefix[s]
                    inverse *= denominators[s]
                    let lambda = (table[index].y - out[i].y) * denominatorInverse
                    out[i] = .sum(out[i], table[index], slope: lambda)
                }
            }
        }
    }
}

/// A buffer written by worker threads at disjoint indices.
@usableFromInline
struct SendableBuffer<Element>: @unchecked Sendable {
    // Safety: each index is written by exactly one task; read after all tasks finished.
    @usableFromInline let buffer: UnsafeMutableBufferPointer<Element>
    @inlinable init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
