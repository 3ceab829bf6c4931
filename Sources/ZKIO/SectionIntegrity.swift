/// How a ``SectionedFile`` protects its contents: the SHA-256 (FIPS 180-4) of some of its bytes,
/// recorded in the file and checked when it is read.
///
/// Every zkml format records a SHA-256; the current versions differ in what it covers (see
/// docs/formats.md), and readers keep reading them byte for byte, so the convention is part of a
/// format's version. A new format (or a new version of one) uses ``hashSection(type:covering:)``
/// with `covering: nil`: the last section holds the hash of every other payload.
public enum SectionIntegrity: Sendable, Equatable {
    /// No hash (iden3's `.r1cs`, `.wtns`, `.zkey`: their formats are not ours to change).
    case none
    /// Section `type`, written last, holds the SHA-256 of the payloads of the sections in
    /// `covering`, in that order (`nil`: every other section, in file order).
    case hashSection(type: UInt32, covering: [UInt32]?)
    /// The SHA-256 of every byte before it follows the last section (not a section itself).
    case trailingHash
}
