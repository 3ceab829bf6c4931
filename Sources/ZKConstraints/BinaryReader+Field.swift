public import ZKField
public import ZKIO

/// Field elements in zkml's and iden3's files: 32 little-endian bytes of the canonical value, or
/// ``BinaryWriter``'s compact form.
extension BinaryReader {
    /// 32 little-endian bytes holding a canonical scalar-field element.
    @inlinable
    public mutating func readFr(_ what: @autoclosure () -> String) throws(FileError) -> BN254.Fr {
        let limbs = try readLimbs(what())
        guard let value = BN254.Fr(canonicalLimbs: limbs) else { throw failure("\(what()) is not below r") }
        return value
    }

    /// 32 little-endian bytes holding a canonical base-field element.
    @inlinable
    public mutating func readFq(_ what: @autoclosure () -> String) throws(FileError) -> BN254.Fq {
        let limbs = try readLimbs(what())
        guard let value = BN254.Fq(canonicalLimbs: limbs) else { throw failure("\(what()) is not below q") }
        return value
    }

    @inlinable
    mutating func readLimbs(_ what: @autoclosure () -> String) throws(FileError) -> Limbs4 {
        (try readUInt64(what()), try readUInt64(what()), try readUInt64(what()), try readUInt64(what()))
    }

    /// The inverse of `BinaryWriter.writeCompact`.
    @inlinable
    public mutating func readCompactFr(_ what: @autoclosure () -> String) throws(FileError) -> BN254.Fr {
        switch try readUInt8("\(what()) tag") {
        case 0: return Self.small(try readUInt64(what()))
        case 1: return -Self.small(try readUInt64(what()))
        case 2: return try readFr(what())
        case let tag: throw failure("\(what()) has unknown encoding tag \(tag)")
        }
    }

    /// `Fr(value)`, from a table for powers of two: most coefficients of an ML circuit are ±2^i
    /// (bit decompositions), and the table saves their Montgomery conversion (LeNet-5's circuit:
    /// 2.3 million coefficients read).
    @inlinable @inline(__always)
    static func small(_ value: UInt64) -> BN254.Fr {
        value != 0 && value & (value &- 1) == 0 ? BN254.powersOfTwo[value.trailingZeroBitCount] : BN254.Fr(value)
    }
}
