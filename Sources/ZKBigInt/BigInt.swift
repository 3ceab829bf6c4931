internal import CGMP

/// An arbitrary-precision signed integer backed by GMP's `mpz_t`, with value semantics.
///
/// `BigInt` serves parsing and printing, constants, setup-time arithmetic and the test oracle for
/// the fixed-width fields. It allocates on every operation and must never appear in a
/// per-element hot loop; use `ZKField`'s fixed-width types there.
///
/// Copies share one GMP integer until one of them is mutated (copy-on-write).
public struct BigInt: Sendable {
    @usableFromInline
    internal var storage: Storage

    internal init(storage: Storage) {
        self.storage = storage
    }

    /// Zero.
    public init() {
        storage = Storage()
    }

    /// The integer `value`.
    public init(_ value: Int) {
        storage = Storage()
        __gmpz_set_si(storage.pointer, value)
    }

    /// The integer `value`.
    public init(_ value: UInt64) {
        storage = Storage()
        __gmpz_set_ui(storage.pointer, UInt(value))
    }

    /// The integer whose little-endian 64-bit limbs are `limbs` (non-negative).
    public init(limbs: some Collection<UInt64>) {
        storage = Storage()
        let array = Array(limbs)
        guard !array.isEmpty else { return }
        array.withUnsafeBufferPointer { buffer in
            // order −1: least significant word first; endian 0: native word order.
            __gmpz_import(storage.pointer, buffer.count, -1, 8, 0, 0, buffer.baseAddress)
        }
    }

    /// Ensures this value owns its GMP integer before a mutation.
    @inline(__always)
    internal mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(copying: storage)
        }
    }

    /// Runs `body` with a fresh result and wraps it.
    @inline(__always)
    internal static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInt {
        let result = Storage()
        body(result.pointer)
        return BigInt(storage: result)
    }
}

extension BigInt {
    /// The owner of one GMP integer: initialised on creation, cleared on release.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Safety: a Storage is mutated only through a uniquely referenced BigInt (copy-on-write),
        // so no two threads ever write, or read and write, the same instance.
        let pointer: UnsafeMutablePointer<__mpz_struct>

        init() {
            pointer = .allocate(capacity: 1)
            __gmpz_init(pointer)
        }

        init(copying other: Storage) {
            pointer = .allocate(capacity: 1)
            __gmpz_init_set(pointer, other.pointer)
        }

        deinit {
            __gmpz_clear(pointer)
            pointer.deallocate()
        }
    }
}
