/// Little-endian byte output for zkml's sectioned binary files (circuits, witnesses, keys).
public struct BinaryWriter: Sendable {
    @usableFromInline var storage: [UInt8] = []

    /// The bytes written so far.
    @inlinable public var bytes: [UInt8] { storage }

    public init() {}

    @inlinable
    public mutating func reserve(_ count: Int) { storage.reserveCapacity(storage.count + count) }

    @inlinable
    public mutating func write(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { storage.append(contentsOf: $0) }
    }

    @inlinable
    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { storage.append(contentsOf: $0) }
    }

    @inlinable
    public mutating func write(_ value: UInt8) { storage.append(value) }

    @inlinable
    public mutating func write(bytes more: some Sequence<UInt8>) { storage.append(contentsOf: more) }

    /// A UTF-8 string prefixed by its byte length (u32).
    public mutating func write(_ text: String) {
        let utf8 = Array(text.utf8)
        write(UInt32(utf8.count))
        storage.append(contentsOf: utf8)
    }

    /// A section: type (u32), payload length (u64), payload.
    public mutating func writeSection(type: UInt32, payload: [UInt8]) {
        write(type)
        write(UInt64(payload.count))
        storage.append(contentsOf: payload)
    }
}
