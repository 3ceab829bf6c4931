#if canImport(Glibc)
import Glibc
#endif

/// The processor count, without Foundation.
@usableFromInline
enum ProcessInfoShim {
    @usableFromInline
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        1
        #endif
    }
}
