public import ZKCurves
public import ZKField
internal import ZKIO

/// The two encodings of points in snarkjs's files and transcripts.
///
/// - **LEM** (in `.ptau` and `.zkey` sections): each coordinate 32 bytes little-endian in
///   Montgomery form (`x·2²⁵⁶ mod q`), Fq2 real part first; the point at infinity all zeros.
/// - **Uncompressed** (what the transcripts hash; ffjavascript `toRprUncompressed`): each
///   coordinate's canonical value big-endian, an Fq2 element as the 64 big-endian bytes of
///   `c1 ‖ c0`; the point at infinity all zeros (snarkjs since wasmcurves 0.2.1, May 2023;
///   before, its first byte was the flag `0x40`: `legacyInfinity`).
public enum PointEncoding {
    /// `x` as 32 little-endian bytes of its Montgomery form.
    public static func lem(_ x: BN254.Fq, into out: inout [UInt8]) {
        let l = x.montgomeryLimbs
        for limb in [l.0, l.1, l.2, l.3] { for k in 0 ..< 8 { out.append(UInt8(truncatingIfNeeded: limb >> (8 * k))) } }
    }

    public static func lem(_ p: BN254.G1Affine, into out: inout [UInt8]) {
        if p.isInfinity { out += [UInt8](repeating: 0, count: 64); return }
        lem(p.x, into: &out)
        lem(p.y, into: &out)
    }

    public static func lem(_ p: BN254.G2Affine, into out: inout [UInt8]) {
        if p.isInfinity { out += [UInt8](repeating: 0, count: 128); return }
        for c in [p.x.c0, p.x.c1, p.y.c0, p.y.c1] { lem(c, into: &out) }
    }

    public static func uncompressed(_ p: BN254.G1Affine, legacyInfinity: Bool = false) -> [UInt8] {
        if p.isInfinity { return [legacyInfinity ? 0x40 : 0] + [UInt8](repeating: 0, count: 63) }
        return p.x.bigEndianBytes + p.y.bigEndianBytes
    }

    public static func uncompressed(_ p: BN254.G2Affine, legacyInfinity: Bool = false) -> [UInt8] {
        if p.isInfinity { return [legacyInfinity ? 0x40 : 0] + [UInt8](repeating: 0, count: 127) }
        return p.x.c1.bigEndianBytes + p.x.c0.bigEndianBytes + p.y.c1.bigEndianBytes + p.y.c0.bigEndianBytes
    }
}
