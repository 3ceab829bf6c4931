public import ZKField

extension Poseidon {
    /// The digest of a quantized tensor: ``hash(vector:)`` of its signed integers, each mapped to
    /// the field as the circuits represent it (`q`, or `r − |q|` when negative; docs/quantization.md).
    /// - Parameter values: the tensor's integers in row-major order.
    public static func hash(integers values: [Int64]) -> BN254.Fr {
        hash(vector: values.map { BN254.Fr(Int($0)) })
    }

    /// Parses a digest written as decimal or `0x` hexadecimal text (as in snarkjs' public.json).
    /// - Throws: ``PoseidonError/invalidDigest(_:)`` when `text` is not a canonical field element.
    public static func digest(parsing text: String) throws(PoseidonError) -> BN254.Fr {
        let trimmed = Substring(text)
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
            let digits = trimmed.dropFirst(2)
            guard !digits.isEmpty, digits.count <= 64, digits.allSatisfy(\.isHexDigit) else { throw .invalidDigest(text) }
            let padded = String(repeating: "0", count: 64 - digits.count) + digits.lowercased()
            var limbs: [UInt64] = [0, 0, 0, 0]
            for (k, chunk) in stride(from: 0, to: 64, by: 16).enumerated() {
                let start = padded.index(padded.startIndex, offsetBy: chunk)
                limbs[3 - k] = UInt64(padded[start ..< padded.index(start, offsetBy: 16)], radix: 16)!
            }
            guard let value = BN254.Fr(canonicalLimbs: (limbs[0], limbs[1], limbs[2], limbs[3])) else { throw .invalidDigest(text) }
            return value
        }
        do { return try BN254.Fr(decimal: trimmed) } catch { throw .invalidDigest(text) }
    }
}
