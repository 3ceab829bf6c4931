public import ZKCurves
public import ZKField

/// A Groth16 proof `(A, B, C)`: 256 bytes on the wire (EIP-196/197 encoding); with a commitment
/// round (a circuit with lookups) also the commitment `C₁`, 320 bytes (docs/groth16.md).
public struct Proof: Sendable, Equatable {
    public var a: BN254.G1Affine
    public var b: BN254.G2Affine
    public var c: BN254.G1Affine
    /// The commitment to the round-one wires, `nil` for plain Groth16.
    public var commitment: BN254.G1Affine?

    public init(a: BN254.G1Affine, b: BN254.G2Affine, c: BN254.G1Affine, commitment: BN254.G1Affine? = nil) {
        self.a = a
        self.b = b
        self.c = c
        self.commitment = commitment
    }

    /// `A ‖ B ‖ C [‖ C₁]` in EIP-196/197 byte order (G2 imaginary part first): 64 + 128 + 64
    /// (+ 64) bytes.
    public var bytes: [UInt8] {
        a.uncompressedBytes + b.uncompressedBytes + c.uncompressedBytes + (commitment?.uncompressedBytes ?? [])
    }

    /// Parses and validates the 256-byte (plain) or 320-byte (with commitment) encoding
    /// (on-curve and subgroup checks).
    public init(bytes: [UInt8]) throws(CurveError) {
        guard bytes.count == 256 || bytes.count == 320 else { throw .wrongLength(group: "proof", expected: 256, actual: bytes.count) }
        a = try BN254.G1Affine(uncompressed: bytes[0 ..< 64])
        b = try BN254.G2Affine(uncompressed: bytes[64 ..< 192])
        c = try BN254.G1Affine(uncompressed: bytes[192 ..< 256])
        commitment = bytes.count == 320 ? try BN254.G1Affine(uncompressed: bytes[256 ..< 320]) : nil
    }
}
