public import ZKField
public import ZKIO

/// Field elements in zkml's and iden3's files (read back by ``BinaryReader``'s field extension).
extension BinaryWriter {
    /// A field element as 32 little-endian bytes of its canonical value.
    @inlinable
    public mutating func write(_ element: BN254.Fr) {
        let l = element.canonicalLimbs4
        // One append of 32 bytes: four of 8 cost 47 ns per element (perf, writing a proving key).
        withUnsafeBytes(of: (l.0.littleEndian, l.1.littleEndian, l.2.littleEndian, l.3.littleEndian)) { write(bytes: $0) }
    }

    /// A base-field element as 32 little-endian bytes of its canonical value.
    @inlinable
    public mutating func write(_ element: BN254.Fq) {
        let l = element.canonicalLimbs4
        withUnsafeBytes(of: (l.0.littleEndian, l.1.littleEndian, l.2.littleEndian, l.3.littleEndian)) { write(bytes: $0) }
    }

    /// A field element in a compact form: tag 0 + u64 for small values, tag 1 + u64 for small
    /// negatives (`r − v`), tag 2 + 32 bytes otherwise. Quantised weights are almost always small.
    @inlinable
    public mutating func writeCompact(_ element: BN254.Fr) {
        let limbs = element.canonicalLimbs4
        if limbs.1 == 0 && limbs.2 == 0 && limbs.3 == 0 {
            write(UInt8(0)); write(limbs.0); return
        }
        let negated = (-element).canonicalLimbs4
        if negated.1 == 0 && negated.2 == 0 && negated.3 == 0 {
            write(UInt8(1)); write(negated.0); return
        }
        write(UInt8(2)); write(element)
    }
}
