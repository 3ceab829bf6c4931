/// zkml's and iden3's sectioned binary container, written in one place:
///
/// ```
/// magic (4 bytes) | version u32 | section count u32 | sections…  [| trailing SHA-256]
/// section = type u32 | payload length u64 | payload
/// ```
/// all little-endian. What the hash covers is the format's ``SectionIntegrity``; a hash section
/// counts as a section, a trailing hash does not. ``SectionTable`` reads the container back.
public struct SectionedFile: Sendable {
    public let magic: [UInt8]
    public let version: UInt32
    /// The sections' types and payloads, in file order (without the hash).
    public let sections: [(type: UInt32, payload: [UInt8])]
    public let integrity: SectionIntegrity

    /// - Precondition: `magic` is 4 bytes.
    public init(magic: [UInt8], version: UInt32, sections: [(type: UInt32, payload: [UInt8])], integrity: SectionIntegrity) {
        precondition(magic.count == 4, "a container's magic is 4 bytes")
        self.magic = magic
        self.version = version
        self.sections = sections
        self.integrity = integrity
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        var writer = BinaryWriter()
        writer.reserve(sections.reduce(64) { $0 + $1.payload.count + 12 })
        let hashSection: (UInt32, [UInt8])?
        if case let .hashSection(type, covering) = integrity {
            var hasher = SHA256()
            for payload in Self.payloads(sections, covering) { payload.withUnsafeBytes { hasher.update(bytes: $0) } }
            hashSection = (type, hasher.finalize())
        } else {
            hashSection = nil
        }
        writer.write(bytes: Self.header(magic: magic, version: version, sectionCount: sections.count + (hashSection == nil ? 0 : 1)))
        for (type, payload) in sections { writer.writeSection(type: type, payload: payload) }
        if let (type, digest) = hashSection { writer.writeSection(type: type, payload: digest) }
        if integrity == .trailingHash {
            let digest = SHA256.hash(writer.bytes)
            writer.write(bytes: digest)
        }
        return writer.bytes
    }

    /// The first 12 bytes: magic, version, section count (for writers that stream the sections).
    public static func header(magic: [UInt8], version: UInt32, sectionCount: Int) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(bytes: magic)
        writer.write(version)
        writer.write(UInt32(sectionCount))
        return writer.bytes
    }

    /// A section's 12-byte frame: type and payload length (the payload follows).
    public static func frame(type: UInt32, length: Int) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(type)
        writer.write(UInt64(length))
        return writer.bytes
    }

    /// The payloads a hash section covers: those of the types in `covering`, in that order, or
    /// all of `sections` in file order.
    static func payloads<Payload>(_ sections: [(type: UInt32, payload: Payload)], _ covering: [UInt32]?) -> [Payload] {
        guard let covering else { return sections.map(\.payload) }
        return covering.compactMap { type in sections.first { $0.type == type }?.payload }
    }
}
