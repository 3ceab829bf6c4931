extension Node {
    /// The bounds of a `Clip` node: the `min`/`max` attributes before opset 11, the first element
    /// of the optional second and third inputs from opset 11; an absent bound is ∓∞.
    ///
    /// The bounds are returned as given, so `lower > upper` is possible (onnxruntime accepts it):
    /// ONNX defines `Clip` as `min(max(x, lower), upper)` in that order, so every output is then
    /// `upper`, and each layer implements exactly that order.
    /// - Parameters:
    ///   - opset: the default-domain opset of the graph.
    ///   - lower: the value of input 1 (`min`), if present (opset ≥ 11).
    ///   - upper: the value of input 2 (`max`), if present (opset ≥ 11).
    /// - Returns: `(lower, upper)`.
    public func clipBounds(opset: Int, lower: Tensor<Double>?, upper: Tensor<Double>?) -> (lower: Double, upper: Double) {
        if opset < 11 { return (float("min") ?? -.infinity, float("max") ?? .infinity) }
        return (lower?.scalars.first ?? -.infinity, upper?.scalars.first ?? .infinity)
    }
}
