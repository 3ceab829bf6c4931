internal import CGMP

extension BigInt {
    /// The non-negative integer whose big-endian bytes are `bytes` (empty → 0).
    public init(bigEndian bytes: some Collection<UInt8>) {
        storage = Storage()
        let array = Array(bytes)
        guard !array.isEmpty else { return }
        array.withUnsafeBufferPointer {
            __gmpz_import(storage.pointer, $0.count, 1, 1, 1, 0, $0.baseAddress)
        }
    }

    /// The non-negative integer whose little-endian bytes are `bytes` (empty → 0).
    public init(littleEndian bytes: some Collection<UInt8>) {
        self.init(bigEndian: bytes.reversed())
    }

    /// The magnitude as exactly `count` big-endian bytes.
    /// - Throws: ``BigIntError/doesNotFit(byteCount:)`` if negative or too large.
    public func bigEndianBytes(count: Int) throws(BigIntError) -> [UInt8] {
        guard signum() >= 0, bitWidth <= count * 8 else { throw .doesNotFit(byteCount: count) }
        var out = [UInt8](repeating: 0, count: count)
        let used = (bitWidth + 7) / 8
        guard used > 0 else { return out }
        var written = 0
        out.withUnsafeMutableBufferPointer { buffer in
            _ = __gmpz_export(buffer.baseAddress! + (count - used), &written, 1, 1, 1, 0, storage.pointer)
        }
        assert(written == used)
        return out
    }

    /// The magnitude as exactly `count` little-endian bytes.
    /// - Throws: ``BigIntError/doesNotFit(byteCount:)`` if negative or too large.
    public func littleEndianBytes(count: Int) throws(BigIntError) -> [UInt8] {
        try bigEndianBytes(count: count).reversed()
    }

    /// The magnitude's 64-bit limbs, least significant first, padded or checked to `count`.
    ///
    /// - Precondition: the magnitude fits in `count` limbs.
    public func limbs(count: Int) -> [UInt64] {
        precondition(magnitude.bitWidth <= count * 64, "value does not fit in \(count) limbs")
        return (0..<count).map { zk_mpz_limb(storage.pointer, $0) }
    }

    /// Whether the value fits in 64 unsigned bits; then its value.
    public var uint64Value: UInt64? {
        guard signum() >= 0, bitWidth <= 64 else { return nil }
        return zk_mpz_limb(storage.pointer, 0)
    }

    /// The value as an `Int`, if it fits.
    public var intValue: Int? {
        guard __gmpz_fits_slong_p(storage.pointer) != 0 else { return nil }
        return __gmpz_get_si(storage.pointer)
    }
}
