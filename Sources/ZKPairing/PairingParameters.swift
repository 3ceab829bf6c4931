public import ZKField

extension BN254 {
    /// The parameters of the BN254 optimal ate pairing.
    ///
    /// BN254 is the Barreto–Naehrig curve with `x = 4965661367192848881`:
    /// `p = 36x⁴ + 36x³ + 24x² + 6x + 1`, `r = 36x⁴ + 36x³ + 18x² + 6x + 1`. The optimal ate
    /// pairing (F. Vercauteren, "Optimal pairings", IEEE Trans. Inf. Theory 56(1), 2010, §IV.A)
    /// runs its Miller loop on `6x + 2` and finishes with the lines through `π(Q)` and `−π²(Q)`.
    public enum PairingParameters {
        /// The BN parameter `x` (positive for BN254, so the Miller loop needs no final conjugation).
        public static let x: UInt64 = 4_965_661_367_192_848_881

        /// `x` in non-adjacent form, least significant digit first (digits in {−1, 0, 1}).
        public static let xNAF: [Int8] = nonAdjacentForm(UInt128(x))

        /// `6x + 2` (65 bits) in non-adjacent form, least significant digit first.
        public static let ateLoopNAF: [Int8] = nonAdjacentForm(6 * UInt128(x) + 2)

        /// The non-adjacent form of `n`, least significant digit first: every non-zero digit is
        /// followed by a zero, the most significant digit is 1.
        public static func nonAdjacentForm(_ n: UInt128) -> [Int8] {
            var digits: [Int8] = []
            var value = n
            while value != 0 {
                if value & 1 == 1 {
                    let digit: Int8 = value & 3 == 1 ? 1 : -1
                    value = digit == 1 ? value - 1 : value + 1
                    digits.append(digit)
                } else {
                    digits.append(0)
                }
                value >>= 1
            }
            return digits
        }
    }
}
