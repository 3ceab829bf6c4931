#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import ZKPipeline

/// zkml's version as a C string that lives as long as the process (`zkml_version`).
enum CVersion {
    nonisolated(unsafe) static let text: UnsafePointer<CChar> = UnsafePointer(strdup(Pipeline.version)!)
}
