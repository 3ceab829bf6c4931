import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// A raw pointer handed to worker threads that each touch a disjoint range of it.
@usableFromInline
struct SendablePointer<T>: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<T>
    @inlinable init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// A read-only raw pointer shared with worker threads.
@usableFromInline
struct SendableConstPointer<T>: @unchecked Sendable {
    @usableFromInline let pointer: UnsafePointer<T>
    @inlinable init(_ pointer: UnsafePointer<T>) { self.pointer = pointer }
}

/// The number of processors this process may use.
public enum ProcessorCount {
    /// Active processors (at least 1).
    public static var active: Int {
        #if canImport(Glibc)
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        1
        #endif
    }
}
