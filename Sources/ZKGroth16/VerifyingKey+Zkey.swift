#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import ZKCurves
internal import ZKField
internal import ZKBigInt
internal import ZKIO

/// Reads the Groth16 verifying key out of a snarkjs `.zkey` file.
///
/// The file is an iden3 container: the magic `"zkey"`, a `u32` version, a `u32` section count,
/// then sections `(u32 type, u64 byte length, bytes)`, all little-endian. Two sections matter for
/// the verifying key:
/// - section 1 (`u32` protocol; 1 is Groth16),
/// - section 2, the Groth16 header: `n8q`, `q`, `n8r`, `r`, `nVars`, `nPublic`, `domainSize`
///   (each `u32`, the primes `n8` bytes), then α₁, β₁, β₂, γ₂, δ₁, δ₂,
/// - section 3, the `nPublic + 1` IC points (`gammaABCG1`).
///
/// Points are stored uncompressed with every coordinate a 32-byte little-endian integer in
/// Montgomery form (`x · 2^256 mod q`); an Fq2 element is stored real part first; the point at
/// infinity is all zero bytes. Every point read is validated (on the curve, in the subgroup).
public enum SnarkZkey {
    /// The verifying key in a snarkjs `.zkey` file.
    /// - Parameters:
    ///   - data: the whole file.
    ///   - path: the file name used in error messages.
    /// - Returns: the key, with an empty ``VerifyingKey/circuitHash`` (a zkey does not say which
    ///   zkml circuit it belongs to).
    /// - Throws: ``Groth16Error/malformedKey(path:detail:)`` naming the section or point that is
    ///   wrong: a bad magic, a protocol other than Groth16, a prime other than BN254's, a truncated
    ///   section, a coordinate `≥ q`, a point off the curve or outside the subgroup.
    public static func verifyingKey(from data: Data, path: String = "circuit.zkey") throws(Groth16Error) -> VerifyingKey {
        let reader = ZkeyReader(bytes: [UInt8](data), path: path)
        let sections = try reader.sections()
        guard let protocolSection = sections[1] else { throw reader.fail("missing section 1 (protocol)") }
        var header = reader.sub(protocolSection)
        let protocolID = try header.u32("protocol")
        guard protocolID == 1 else { throw reader.fail("protocol \(protocolID) is not Groth16 (1)") }

        guard let groth16Section = sections[2] else { throw reader.fail("missing section 2 (Groth16 header)") }
        var g = reader.sub(groth16Section)
        let n8q = try g.u32("n8q")
        guard n8q == 32 else { throw reader.fail("base field size n8q = \(n8q), BN254 needs 32") }
        let q = try g.bytes(32, "q")
        guard BigInt(littleEndian: q) == BN254.Fq.modulus else { throw reader.fail("the base field prime is not BN254's q") }
        let n8r = try g.u32("n8r")
        guard n8r == 32 else { throw reader.fail("scalar field size n8r = \(n8r), BN254 needs 32") }
        let r = try g.bytes(32, "r")
        guard BigInt(littleEndian: r) == BN254.Fr.modulus else { throw reader.fail("the scalar field prime is not BN254's r") }
        _ = try g.u32("nVars")
        let publicCount = Int(try g.u32("nPublic"))
        _ = try g.u32("domainSize")
        let alpha = try g.g1("alpha_1")
        _ = try g.g1("beta_1")
        let beta = try g.g2("beta_2")
        let gamma = try g.g2("gamma_2")
        _ = try g.g1("delta_1")
        let delta = try g.g2("delta_2")

        guard let icSection = sections[3] else { throw reader.fail("missing section 3 (IC)") }
        var icReader = reader.sub(icSection)
        var ic: [BN254.G1Affine] = []
        ic.reserveCapacity(publicCount + 1)
        for i in 0 ... publicCount { ic.append(try icReader.g1("IC[\(i)]")) }
        return VerifyingKey(alphaG1: alpha, betaG2: beta, gammaG2: gamma, deltaG2: delta, gammaABCG1: ic)
    }

    /// Reads the file at `path`.
    /// - Throws: ``Groth16Error/io(path:detail:)`` when it cannot be read, else as
    ///   ``verifyingKey(from:path:)``.
    public static func verifyingKey(contentsOf url: URL) throws(Groth16Error) -> VerifyingKey {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .io(path: url.path, detail: "cannot read the file")
        }
        return try verifyingKey(from: data, path: url.path)
    }
}
