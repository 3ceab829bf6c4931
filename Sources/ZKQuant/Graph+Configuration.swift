import ZKONNX

extension Graph {
    /// The graph resolved with `configuration`'s input shapes and named dimensions
    /// (``QuantizationConfiguration/inputShapes``, ``QuantizationConfiguration/dimensions``), as
    /// compile, infer, inspect and prove all resolve it.
    public func resolved(for configuration: QuantizationConfiguration) throws -> ResolvedGraph {
        try resolved(inputShapes: configuration.inputShapes ?? [:], dimensions: configuration.dimensions ?? [:])
    }

    /// ``partiallyResolved(inputShapes:dimensions:)`` with `configuration`'s shapes.
    public func partiallyResolved(for configuration: QuantizationConfiguration) throws -> ResolvedGraph {
        try partiallyResolved(inputShapes: configuration.inputShapes ?? [:], dimensions: configuration.dimensions ?? [:])
    }
}
