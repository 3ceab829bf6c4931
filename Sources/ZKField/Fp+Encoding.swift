public import ZKBigInt

extension Fp: PrimeField {
    public static var modulus: BigInt { BigInt(limbs: limbsArray(Config.modulus)) }

    @inlinable
    public static var modulusBitWidth: Int { Config.bitWidth }

    /// `value mod p`.
    @inlinable
    public init(_ value: UInt64) {
        // value < 2^64 < p: already canonical.
        self.init(montgomeryLimbs: Self.montgomeryMultiply((value, 0, 0, 0), Config.r2))
    }

    /// `value mod p`; a negative value maps to `p − |value|`.
    @inlinable
    public init(_ value: Int) {
        let magnitude = Self(UInt64(value.magnitude))
        self = value < 0 ? -magnitude : magnitude
    }

    public init(reducing value: BigInt) {
        let reduced = value.modulo(Self.modulus)
        let l = reduced.limbs(count: 4)
        self.init(canonicalLimbs: (l[0], l[1], l[2], l[3]))!
    }

    public init(canonical value: BigInt) throws(FieldError) {
        guard value.signum() >= 0, value.bitWidth <= 256 else { throw .notCanonical(value.description) }
        let l = value.limbs(count: 4)
        guard let element = Self(canonicalLimbs: (l[0], l[1], l[2], l[3])) else {
            throw .notCanonical(value.description)
        }
        self = element
    }

    public var bigInt: BigInt { BigInt(limbs: canonicalLimbs) }

    public var canonicalLimbs: [UInt64] { Self.limbsArray(canonicalLimbs4) }

    @usableFromInline
    static func limbsArray(_ l: Limbs4) -> [UInt64] { [l.0, l.1, l.2, l.3] }

    /// `self^exponent` for a non-negative integer exponent.
    public func power(bigInt exponent: BigInt) -> Self {
        precondition(exponent.signum() >= 0, "negative exponent")
        return power(limbs: exponent.limbs(count: max(1, (exponent.bitWidth + 63) / 64)))
    }
}

extension Fp {
    /// The 32-byte big-endian encoding of the canonical representative.
    public var bigEndianBytes: [UInt8] {
        littleEndianBytes.reversed()
    }

    /// The 32-byte little-endian encoding of the canonical representative.
    public var littleEndianBytes: [UInt8] {
        let l = canonicalLimbs4
        var out = [UInt8]()
        out.reserveCapacity(32)
        for limb in [l.0, l.1, l.2, l.3] {
            for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: limb >> UInt64(8 * i))) }
        }
        return out
    }

    /// Decodes 32 big-endian bytes.
    /// - Throws: ``FieldError/wrongLength(expected:actual:)``, or ``FieldError/notCanonical(_:)``
    ///   if the integer is `≥ p`.
    public init(bigEndianBytes bytes: some Collection<UInt8>) throws(FieldError) {
        try self.init(littleEndianBytes: Array(bytes).reversed())
    }

    /// Decodes 32 little-endian bytes.
    /// - Throws: ``FieldError/wrongLength(expected:actual:)``, or ``FieldError/notCanonical(_:)``
    ///   if the integer is `≥ p`.
    public init(littleEndianBytes bytes: some Collection<UInt8>) throws(FieldError) {
        let array = Array(bytes)
        guard array.count == 32 else { throw .wrongLength(expected: 32, actual: array.count) }
        var limbs = [UInt64](repeating: 0, count: 4)
        for (i, byte) in array.enumerated() { limbs[i / 8] |= UInt64(byte) << UInt64(8 * (i % 8)) }
        guard let element = Self(canonicalLimbs: (limbs[0], limbs[1], limbs[2], limbs[3])) else {
            throw .notCanonical(BigInt(littleEndian: array).description)
        }
        self = element
    }
}

extension Fp: FftField {
    @inlinable
    public static var twoAdicity: Int { Config.twoAdicity }

    @inlinable
    public static var twoAdicRootOfUnity: Self { Self(montgomeryLimbs: Config.twoAdicRootOfUnity) }

    @inlinable
    public static var multiplicativeGenerator: Self { Self(Config.multiplicativeGenerator) }
}

extension Fp: CustomDebugStringConvertible {
    public var debugDescription: String { "Fp(\(description))" }
}
