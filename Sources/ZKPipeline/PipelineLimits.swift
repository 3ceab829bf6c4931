import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The pipeline's resource limit: the memory that setup and proving may use (see
/// ``ResourceEstimate``). `nil` means the machine's physical memory. The CLI sets it with
/// `--max-memory GB` (raise it to try anyway on a machine with swap, lower it to keep room for
/// other work).
public struct PipelineLimits: Sendable, Equatable {
    /// The most memory setup or proving may be estimated to need, in bytes; `nil` for the
    /// machine's physical memory.
    public var maxMemoryBytes: Int?

    public init(maxMemoryBytes: Int? = nil) {
        self.maxMemoryBytes = maxMemoryBytes
    }

    /// Limits for the current task only (tests use `PipelineLimits.$scoped.withValue(…) { … }` so that
    /// running suites in parallel never see each other's limits); `nil` defers to ``current``.
    @TaskLocal public static var scoped: PipelineLimits?

    private static let queue = DispatchQueue(label: "zkml.limits")
    nonisolated(unsafe) private static var stored = PipelineLimits()

    /// The process-wide limits (the CLI sets them once from its flags).
    public static var current: PipelineLimits {
        get { scoped ?? queue.sync { stored } }
        set { queue.sync { stored = newValue } }
    }

    /// The machine's physical memory in bytes.
    public static var physicalMemory: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory) }
}
