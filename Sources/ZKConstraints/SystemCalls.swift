#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `read(2)` and `write(2)` under names that do not collide with the methods that call them
/// (`FileBytes.read`, `AtomicFile.write`).
enum SystemCalls {
    #if canImport(Glibc)
    static let read = Glibc.read
    static let write = Glibc.write
    #elseif canImport(Darwin)
    static let read = Darwin.read
    static let write = Darwin.write
    #endif
}
