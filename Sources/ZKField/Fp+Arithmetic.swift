internal import CGMP
internal import ZKBigInt

extension Fp: AdditiveArithmetic {
    @inlinable @inline(__always)
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(montgomeryLimbs: addModulo(lhs.montgomeryLimbs, rhs.montgomeryLimbs))
    }

    @inlinable @inline(__always)
    public static func - (lhs: Self, rhs: Self) -> Self {
        Self(montgomeryLimbs: subtractModulo(lhs.montgomeryLimbs, rhs.montgomeryLimbs))
    }

    @inlinable @inline(__always)
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }

    @inlinable @inline(__always)
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
}

extension Fp: Field {
    @inlinable @inline(__always)
    public static func * (lhs: Self, rhs: Self) -> Self {
        Self(montgomeryLimbs: montgomeryMultiply(lhs.montgomeryLimbs, rhs.montgomeryLimbs))
    }

    @inlinable @inline(__always)
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }

    @inlinable @inline(__always)
    public static prefix func - (value: Self) -> Self {
        Self(montgomeryLimbs: subtractModulo((0, 0, 0, 0), value.montgomeryLimbs))
    }

    @inlinable @inline(__always)
    public func doubled() -> Self { self + self }

    @inlinable @inline(__always)
    public func squared() -> Self { self * self }

    /// The inverse by Fermat's little theorem, `a^(p−2)`, with a fixed 4-bit window.
    ///
    /// - Precondition: `self` is not zero.
    /// - Complexity: about 254 squarings and 64 multiplications.
    @inlinable
    public func inverse() -> Self {
        precondition(!isZero, "inverse of zero")
        let p = Config.modulus
        // p − 2: p is odd and > 2, so only the lowest limb changes.
        return power(limbs4: (p.0 &- 2, p.1, p.2, p.3))
    }

    /// The inverse by GMP's extended Euclidean algorithm (`mpn_gcdext`, Lehmer's method at this
    /// size), several times faster than ``inverse()`` but in time that depends on the value. For
    /// computations whose timing already depends on their data (the batch-affine MSM's shared
    /// inversions: Pippenger's bucket choice and zero-digit skips do too), never for toxic waste,
    /// keys being made or blinding factors.
    ///
    /// With `U = aR + p` (so `U ≥ V`, as GMP asks) and `V = p`, `mpn_gcdext` returns `S` with
    /// `1 = U·S + V·T`, i.e. `S ≡ (aR)⁻¹`, `|S| < p/2`; one Montgomery product with `R³` gives
    /// `a⁻¹R`, the Montgomery form of `a⁻¹`.
    /// - Precondition: `self` is not zero.
    public func inverseVariableTime() -> Self {
        precondition(!isZero, "inverse of zero")
        let p = Config.modulus, a = montgomeryLimbs
        // U = a + p < 2^255 (four limbs), V = p; one spare limb each (older GMPs wrote past the end).
        var u: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        var carry = false
        (u.0, carry) = a.0.addingReportingOverflow(p.0)
        (u.1, carry) = Self.addWithCarry(a.1, p.1, carry)
        (u.2, carry) = Self.addWithCarry(a.2, p.2, carry)
        (u.3, carry) = Self.addWithCarry(a.3, p.3, carry)
        var v: (UInt64, UInt64, UInt64, UInt64, UInt64) = (p.0, p.1, p.2, p.3, 0)
        var g: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        var s: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        var sCount = 0
        let gCount = withUnsafeMutableBytes(of: &u) { u in
            withUnsafeMutableBytes(of: &v) { v in
                withUnsafeMutableBytes(of: &g) { g in
                    withUnsafeMutableBytes(of: &s) { s in
                        __gmpn_gcdext(g.baseAddress!.assumingMemoryBound(to: mp_limb_t.self),
                                      s.baseAddress!.assumingMemoryBound(to: mp_limb_t.self), &sCount,
                                      u.baseAddress!.assumingMemoryBound(to: mp_limb_t.self), 4,
                                      v.baseAddress!.assumingMemoryBound(to: mp_limb_t.self), 4)
                    }
                }
            }
        }
        precondition(gCount == 1 && g.0 == 1, "the modulus is prime, so the gcd is 1")
        let magnitude: Limbs4 = (s.0, sCount.magnitude > 1 ? s.1 : 0, sCount.magnitude > 2 ? s.2 : 0, sCount.magnitude > 3 ? s.3 : 0)
        // S < 0: p − |S| (|S| < p/2, so no reduction is needed either way).
        let canonical = sCount < 0 ? Self.subtractModulo(p, magnitude) : magnitude
        return Self(montgomeryLimbs: Self.montgomeryMultiply(canonical, Config.r3))
    }

    @inline(__always)
    private static func addWithCarry(_ x: UInt64, _ y: UInt64, _ carry: Bool) -> (UInt64, Bool) {
        let (sum, overflow1) = x.addingReportingOverflow(y)
        let (total, overflow2) = sum.addingReportingOverflow(carry ? 1 : 0)
        return (total, overflow1 || overflow2)
    }

    /// `self^e` for a 256-bit exponent `e` (little-endian limbs), 4-bit fixed window.
    ///
    /// The window table holds concrete limb tuples (not `Self`), so it lives on the stack even
    /// where this generic code runs unspecialised: no heap allocation.
    @inlinable
    public func power(limbs4 e: Limbs4) -> Self {
        let zero: Limbs4 = (0, 0, 0, 0)
        var table: (Limbs4, Limbs4, Limbs4, Limbs4, Limbs4, Limbs4, Limbs4, Limbs4,
                    Limbs4, Limbs4, Limbs4, Limbs4, Limbs4, Limbs4, Limbs4, Limbs4) =
            (Config.r, montgomeryLimbs, zero, zero, zero, zero, zero, zero,
             zero, zero, zero, zero, zero, zero, zero, zero)
        return withUnsafeMutableBytes(of: &table) { raw -> Self in
            let t = raw.bindMemory(to: Limbs4.self)
            for i in 2..<16 { t[i] = Self.montgomeryMultiply(t[i - 1], montgomeryLimbs) }
            var result = Config.r
            var started = false
            for index in stride(from: 3, through: 0, by: -1) {
                let limb = index == 3 ? e.3 : index == 2 ? e.2 : index == 1 ? e.1 : e.0
                for nibble in stride(from: 60, through: 0, by: -4) {
                    if started {
                        for _ in 0..<4 { result = Self.montgomeryMultiply(result, result) }
                    }
                    let digit = Int((limb >> UInt64(nibble)) & 0xf)
                    if digit != 0 {
                        result = started ? Self.montgomeryMultiply(result, t[digit]) : t[digit]
                        started = true
                    }
                }
            }
            return Self(montgomeryLimbs: result)
        }
    }

    /// A square root, or `nil` for a non-residue.
    ///
    /// `a^((p+1)/4)` when `p ≡ 3 (mod 4)`; Tonelli–Shanks otherwise (Cohen, *A Course in
    /// Computational Algebraic Number Theory*, Algorithm 1.5.1).
    public func squareRoot() -> Self? {
        if isZero { return self }
        guard legendre == 1 else { return nil }
        let p = Self.modulus
        if p.modulo(4) == 3 {
            let root = power(bigInt: (p + 1) >> 2)
            return root.squared() == self ? root : nil
        }
        // p − 1 = 2^s · t with t odd.
        let s = Config.twoAdicity
        let t = (p - 1) >> s
        var z = Self(montgomeryLimbs: Config.twoAdicRootOfUnity)  // a primitive 2^s-th root
        var m = s
        var c = self.power(bigInt: t)                 // a^t
        var root = self.power(bigInt: (t + 1) >> 1)  // a^((t+1)/2)
        while !c.isOne {
            var i = 0
            var c2 = c
            while !c2.isOne { c2 = c2.squared(); i += 1 }
            guard i < m else { return nil }
            var b = z
            for _ in 0..<(m - i - 1) { b = b.squared() }
            m = i
            z = b.squared()
            c *= z
            root *= b
        }
        return root
    }

    /// Euler's criterion `a^((p−1)/2)`: 0, 1 or −1.
    public var legendre: Int {
        if isZero { return 0 }
        let symbol = power(bigInt: (Self.modulus - 1) >> 1)
        return symbol.isOne ? 1 : -1
    }

    /// A uniform element by rejection sampling of `bitWidth`-bit integers (expected < 1.4 draws
    /// for a 254-bit prime).
    @inlinable
    public static func random(using generator: inout some RandomNumberGenerator) -> Self {
        let topMask: UInt64 = Config.bitWidth % 64 == 0 ? ~0 : (1 << UInt64(Config.bitWidth % 64)) &- 1
        while true {
            let candidate: Limbs4 = (generator.next(), generator.next(), generator.next(), generator.next() & topMask)
            if let value = Self(canonicalLimbs: candidate) { return value }
        }
    }
}
