/// Whether a circuit's public values are packed several to a Groth16 public input.
///
/// A Groth16 verifier pays one ECMUL and one ECADD (6,150 gas on the EVM) per public input,
/// while a quantized input or output needs 8–40 bits of the field's 254. Packed, the values
/// travel in words of up to 253 bits (``ZKConstraints/PublicPacking``): the circuit holds every
/// value in a private wire, range-checks it to its width and makes the words public (one linear
/// constraint each); the verifying key records the packing, and zkml's verifiers take the
/// unpacked values, check each width and pack them — or take the words directly.
public enum PublicSignalPacking: String, Sendable, Equatable, Codable, CaseIterable {
    /// One public input per signal: `public.json` is what snarkjs verifies against the key.
    case plain
    /// Values packed into words (`zkml compile`'s default when it saves public inputs). Needs the
    /// input range checks in the circuit (``InputRangeCheck/circuit``).
    case packed
}
