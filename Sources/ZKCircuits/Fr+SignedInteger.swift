public import ZKField

extension Fp where Config == BN254.FrConfig {
    /// The signed integer this element stands for in zkml's representation (`q ≥ 0` is `q`,
    /// `q < 0` is `r − |q|`), or `nil` when neither `self` nor `−self` is below `2^63`
    /// (`Int64.min` is accepted).
    @inlinable
    public var signedInt64: Int64? {
        let limbs = canonicalLimbs4
        if limbs.1 == 0 && limbs.2 == 0 && limbs.3 == 0 && limbs.0 <= UInt64(Int64.max) {
            return Int64(limbs.0)
        }
        let negated = (-self).canonicalLimbs4
        if negated.1 == 0 && negated.2 == 0 && negated.3 == 0 && negated.0 <= UInt64(Int64.max) + 1 {
            return negated.0 == UInt64(Int64.max) + 1 ? Int64.min : -Int64(negated.0)
        }
        return nil
    }

    /// Whether the canonical representative is below `2^bits` (`0 ≤ bits ≤ 256`).
    @inlinable
    public func fitsUnsigned(bits: Int) -> Bool {
        let limbs = canonicalLimbs4
        let words = [limbs.0, limbs.1, limbs.2, limbs.3]
        for (i, word) in words.enumerated() {
            let low = i * 64
            if bits >= low + 64 { continue }
            let keep = max(0, bits - low)
            if keep == 0 ? word != 0 : word >> UInt64(keep) != 0 { return false }
        }
        return true
    }

    /// Writes bits `first ..< first + outputs.count` of the canonical representative into
    /// `outputs` as the field elements 0 and 1 (little-endian). At most bit 255.
    @inlinable
    public func writeCanonicalBits(into outputs: inout [Self], from first: Int = 0) {
        precondition(first >= 0 && first + outputs.count <= 256)
        let limbs = canonicalLimbs4
        let words = [limbs.0, limbs.1, limbs.2, limbs.3]
        for i in outputs.indices {
            let bit = first + i
            outputs[i] = (words[bit >> 6] >> UInt64(bit & 63)) & 1 == 1 ? .one : .zero
        }
    }

    /// Bits `first ..< first + count` of the canonical representative as an integer (bits at
    /// 256 and above are zero), `0 ≤ count ≤ 64`.
    @inlinable
    public func canonicalBits(from first: Int, count: Int) -> UInt64 {
        precondition(first >= 0 && count >= 0 && count <= 64)
        guard count > 0, first < 256 else { return 0 }
        let limbs = canonicalLimbs4
        let words = [limbs.0, limbs.1, limbs.2, limbs.3]
        let word = first >> 6, shift = first & 63
        var value = words[word] >> UInt64(shift)
        if shift > 0 && word + 1 < 4 { value |= words[word + 1] << UInt64(64 - shift) }
        return count == 64 ? value : value & ((1 << UInt64(count)) - 1)
    }
}
