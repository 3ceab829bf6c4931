import Dispatch
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Resource limits for ONNX models: file size, tensor sizes and graph size.
///
/// Checked before allocation: the file size before it is read, every tensor's element count from
/// its dimensions before its data is decoded, every shape a node would produce before the node
/// is evaluated (`Graph.maximumElementCount`), and the node count before the graph is built. The
/// defaults are generous for every model zkml can prove (the largest in `Circuits/` and the shared
/// corpus has under 10^6 elements per tensor); the CLI changes them with `--max-model-size`,
/// `--max-tensor-elements` and `--max-nodes`.
public struct ONNXLimits: Sendable, Equatable {
    /// The largest `.onnx` file read, in bytes (default 2 GiB, protobuf's own limit).
    public var maxModelBytes: Int
    /// The most elements of any one tensor: initializers, inputs and every intermediate value
    /// (default 2^26).
    public var maxTensorElements: Int
    /// The most nodes in a graph (default 2^20).
    public var maxNodes: Int

    /// Limits with the documented defaults, or the given values.
    public init(maxModelBytes: Int = 2 << 30, maxTensorElements: Int = 1 << 26, maxNodes: Int = 1 << 20) {
        self.maxModelBytes = maxModelBytes
        self.maxTensorElements = maxTensorElements
        self.maxNodes = maxNodes
    }

    /// Limits for the current task only (tests use `ONNXLimits.$scoped.withValue(…) { … }` so that
    /// running suites in parallel never see each other's limits); `nil` defers to ``current``.
    @TaskLocal public static var scoped: ONNXLimits?

    private static let queue = DispatchQueue(label: "zkml.limits")
    nonisolated(unsafe) private static var stored = ONNXLimits()

    /// The process-wide limits (the CLI sets them once from its flags, before reading a model).
    public static var current: ONNXLimits {
        get { scoped ?? queue.sync { stored } }
        set { queue.sync { stored = newValue } }
    }
}
