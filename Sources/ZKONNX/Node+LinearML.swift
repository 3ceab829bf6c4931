extension Node {
    /// An `ai.onnx.ml` Scaler's `scale` and `offset`, one per feature (a single value is repeated).
    public func scalerParameters(features: Int) throws(ONNXError) -> (scale: [Double], offset: [Double]) {
        func perFeature(_ key: String, _ fallback: Double) throws(ONNXError) -> [Double] {
            let values = floats(key) ?? [fallback]
            if values.count == 1 { return Array(repeating: values[0], count: features) }
            guard values.count == features else {
                throw .invalidNode(node: name, opType: opType, reason: "\(key) has \(values.count) values for \(features) features")
            }
            return values
        }
        return (try perFeature("scale", 1), try perFeature("offset", 0))
    }

    /// An `ai.onnx.ml` LinearRegressor as `[features, targets]` weights (the transposed
    /// `coefficients`) and its intercepts; `post_transform` must be NONE.
    public func linearRegressor(features: Int) throws(ONNXError) -> (weights: Tensor<Double>, intercepts: [Double]) {
        let targets = int("targets") ?? 1
        let coefficients = floats("coefficients") ?? []
        guard targets >= 1, coefficients.count == targets * features else {
            throw .invalidNode(node: name, opType: opType, reason: "\(coefficients.count) coefficients for \(targets) targets × \(features) features")
        }
        if let transform = string("post_transform"), transform != "NONE" {
            throw .unsupportedAttribute(node: name, opType: opType, reason: "post_transform \(transform) (NONE is read)")
        }
        let intercepts = floats("intercepts") ?? Array(repeating: 0, count: targets)
        guard intercepts.count == targets else {
            throw .invalidNode(node: name, opType: opType, reason: "\(intercepts.count) intercepts for \(targets) targets")
        }
        let weights = (0 ..< features * targets).map { i in coefficients[(i % targets) * features + i / targets] }
        return (Tensor(shape: [features, targets], scalars: weights), intercepts)
    }
}
