public import ZKField

extension JacobianPoint {
    /// `[k]P` for a scalar given as little-endian 64-bit limbs (any size; not reduced).
    ///
    /// Left-to-right double-and-add with a signed 4-bit window (wNAF-like recoding not needed at
    /// this size): about `bits` doublings and `bits/4` additions. Not constant-time.
    @inlinable
    public func multiplied(byLimbs k: [UInt64]) -> Self {
        if isInfinity { return self }
        // Precompute P, 2P, …, 15P.
        var table = [Self](repeating: .infinity, count: 16)
        table[1] = self
        for i in 2..<16 { table[i] = table[i - 1] + self }
        var result = Self.infinity
        var started = false
        for limb in k.reversed() {
            for nibble in stride(from: 60, through: 0, by: -4) {
                if started { result = result.doubled().doubled().doubled().doubled() }
                let digit = Int((limb >> UInt64(nibble)) & 0xf)
                if digit != 0 {
                    result = started ? result + table[digit] : table[digit]
                    started = true
                }
            }
        }
        return result
    }

    /// `[k]P` for a scalar-field element (its canonical integer).
    @inlinable
    public func multiplied(by k: C.ScalarField) -> Self {
        multiplied(byLimbs: k.canonicalLimbs)
    }

    /// `[k]P` by plain right-to-left double-and-add (the test oracle for the windowed methods).
    public func multipliedByDoubleAndAdd(byLimbs k: [UInt64]) -> Self {
        var result = Self.infinity
        var addend = self
        for limb in k {
            for bit in 0..<64 {
                if (limb >> UInt64(bit)) & 1 == 1 { result += addend }
                addend = addend.doubled()
            }
        }
        return result
    }

    @inlinable
    public static func * (k: C.ScalarField, p: Self) -> Self { p.multiplied(by: k) }
    @inlinable
    public static func * (p: Self, k: C.ScalarField) -> Self { p.multiplied(by: k) }
}

extension AffinePoint {
    /// `[k]P`.
    @inlinable
    public static func * (k: C.ScalarField, p: Self) -> JacobianPoint<C> { JacobianPoint(p).multiplied(by: k) }
}

extension JacobianPoint {
    /// Converts many points to affine with one field inversion (Montgomery's trick).
    /// - Complexity: one inversion and about 6 multiplications per point.
    @inlinable
    public static func batchNormalize(_ points: [Self]) -> [AffinePoint<C>] {
        var prefix = [C.BaseField](repeating: .one, count: points.count)
        var running = C.BaseField.one
        for (i, p) in points.enumerated() {
            prefix[i] = running
            if !p.isInfinity { running *= p.z }
        }
        var inverse = running.isZero ? running : running.inverse()
        var result = [AffinePoint<C>](repeating: .infinity, count: points.count)
        for i in stride(from: points.count - 1, through: 0, by: -1) {
            let p = points[i]
            if p.isInfinity { continue }
            let zInverse = inverse * prefix[i]
            inverse *= p.z
            let zInverse2 = zInverse.squared()
            result[i] = AffinePoint(x: p.x * zInverse2, y: p.y * zInverse2 * zInverse)
        }
        return result
    }
}
