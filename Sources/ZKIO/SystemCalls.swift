#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)` under a name that does not collide with the method that calls it (`AtomicFile.write`).
enum SystemCalls {
    #if canImport(Glibc)
    static let write = Glibc.write
    #elseif canImport(Darwin)
    static let write = Darwin.write
    #endif
}
