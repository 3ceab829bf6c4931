/// The ONNX operators that reduce windows of their input (pools, reductions, `ArgMax`, `ArgMin`).
///
/// They share one geometry type (``Windows``) across every layer, so ``ONNXOperator`` groups them
/// in one case, ``ONNXOperator/window(_:)``: the code that turns a window into a number switches
/// over this enum alone, and a new windowed operator is a compile error until each layer says
/// which windows it reads and what it computes on them.
public enum WindowOperator: String, Sendable, Hashable, CaseIterable {
    case maxPool = "MaxPool"
    case averagePool = "AveragePool"
    case globalMaxPool = "GlobalMaxPool"
    case globalAveragePool = "GlobalAveragePool"
    case reduceSum = "ReduceSum"
    case reduceMean = "ReduceMean"
    case reduceMax = "ReduceMax"
    case reduceMin = "ReduceMin"
    case argMax = "ArgMax"
    case argMin = "ArgMin"
    case reduceL1 = "ReduceL1"
    case reduceL2 = "ReduceL2"
    case reduceLogSumExp = "ReduceLogSumExp"
    case reduceSumSquare = "ReduceSumSquare"
}
