public import ZKField

/// Little-endian byte output for zkml's sectioned binary files (circuits, witnesses, keys).
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    public mutating func write(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: UInt8) { bytes.append(value) }

    public mutating func write(bytes more: some Sequence<UInt8>) { bytes.append(contentsOf: more) }

    /// A UTF-8 string prefixed by its byte length (u32).
    public mutating func write(_ text: String) {
        let utf8 = Array(text.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A field element as 32 little-endian bytes of its canonical value.
    public mutating func write(_ element: BN254.Fr) {
        let l = element.canonicalLimbs4
        // One append of 32 bytes: four of 8 cost 47 ns per element (perf, writing a proving key).
        withUnsafeBytes(of: (l.0.littleEndian, l.1.littleEndian, l.2.littleEndian, l.3.littleEndian)) { bytes.append(contentsOf: $0) }
    }

    /// A base-field element as 32 little-endian bytes of its canonical value.
    public mutating func write(_ element: BN254.Fq) {
        let l = element.canonicalLimbs4
        withUnsafeBytes(of: (l.0.littleEndian, l.1.littleEndian, l.2.littleEndian, l.3.littleEndian)) { bytes.append(contentsOf: $0) }
    }

    /// A field element in a compact form: tag 0 + u64 for small values, tag 1 + u64 for small
    /// negatives (`r − v`), tag 2 + 32 bytes otherwise. Quantised weights are almost always small.
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

    /// A section: type (u32), payload length (u64), payload.
    public mutating func writeSection(type: UInt32, payload: [UInt8]) {
        write(type)
        write(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }
}
