import ZKCircuits
import ZKField
import ZKONNX
import ZKQuant

extension ModelCircuit {
    /// `matMul`: one linear combination per output element (a product per term with hashed weights).
    func lowerMatMul<API: CompilerAPI>(weights: Tensor<Int64>, bias: [Int64]?,
                                       _ operands: [LoweredTensor<API.Signal>], parameters: [[API.Signal]],
                                       into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        let (k, n) = (weights.shape[0], weights.shape[1])
        let w = Self.fields(weights.scalars)
        let b = bias?.map(Self.field)
        let rows = x.values.count / k
        result.values.reserveCapacity(rows * n)
        var terms: [(API.Signal, BN254.Fr)] = []
        if let wires = parameters.first {
            // Hashed weights: one product per term, the bias wire added.
            let biasWires = parameters.count > 1 ? parameters[1] : nil
            for r in 0 ..< rows {
                for j in 0 ..< n {
                    terms = (0 ..< k).map { p in (api.mul(x.values[r * k + p], wires[p * n + j]), BN254.Fr.one) }
                    if let biasWires { terms.append((biasWires[j], .one)) }
                    result.values.append(api.linearCombination(terms, constant: .zero))
                }
            }
            return
        }
        for r in 0 ..< rows {
            for j in 0 ..< n {
                terms.removeAll(keepingCapacity: true)
                for p in 0 ..< k where weights.scalars[p * n + j] != 0 { terms.append((x.values[r * k + p], w[p * n + j])) }
                result.values.append(api.linearCombination(terms, constant: b?[j] ?? .zero))
            }
        }
    }

    /// `linearCombination`: free (one linear combination per element, broadcast).
    func lowerLinearCombination<API: CompilerAPI>(_ step: QuantizedStep, coefficients: [Int64], constant: Tensor<Int64>?,
                                                  _ operands: [LoweredTensor<API.Signal>], parameters: [[API.Signal]],
                                                  into result: inout LoweredTensor<API.Signal>, on api: API) {
        let count = step.outputShape.reduce(1, *)
        let indices = operands.map { Broadcast.sourceIndices(from: $0.shape, to: step.outputShape) }
        let c = coefficients.map(Self.field)
        let constantIndex = constant.map { Broadcast.sourceIndices(from: $0.shape, to: step.outputShape) }
        result.values = (0 ..< count).map { i in
            var terms = operands.indices.map { (operands[$0].values[indices[$0][i]], c[$0]) }
            if let wires = parameters.first {
                terms.append((wires[constantIndex![i]], .one))
                return api.linearCombination(terms, constant: .zero)
            }
            let offset = constant.map { Self.field($0.scalars[constantIndex![i]]) } ?? .zero
            return api.linearCombination(terms, constant: offset)
        }
    }

    /// `mulConstant`: free with constant parameters, one product per element with hashed ones.
    func lowerMulConstant<API: CompilerAPI>(_ step: QuantizedStep, multiplier: Tensor<Int64>, bias: Tensor<Int64>?,
                                            _ operands: [LoweredTensor<API.Signal>], parameters: [[API.Signal]],
                                            into result: inout LoweredTensor<API.Signal>, on api: API) {
        let count = step.outputShape.reduce(1, *)
        let x = operands[0]
        let ix = Broadcast.sourceIndices(from: x.shape, to: step.outputShape)
        let im = Broadcast.sourceIndices(from: multiplier.shape, to: step.outputShape)
        let ib = bias.map { Broadcast.sourceIndices(from: $0.shape, to: step.outputShape) }
        result.values = (0 ..< count).map { i in
            if let wires = parameters.first {
                var terms = [(api.mul(x.values[ix[i]], wires[im[i]]), BN254.Fr.one)]
                if parameters.count > 1 { terms.append((parameters[1][ib![i]], .one)) }
                return api.linearCombination(terms, constant: .zero)
            }
            let offset = bias.map { Self.field($0.scalars[ib![i]]) } ?? .zero
            return api.linearCombination([(x.values[ix[i]], Self.field(multiplier.scalars[im[i]]))], constant: offset)
        }
    }

    /// Convolution as one linear combination per output element (im2col offsets from the geometry).
    /// With hashed `parameters` (weight wires, then bias wires) every in-image term is a product.
    func conv<API: CompilerAPI>(_ x: [API.Signal], geometry: ConvGeometry, weights: [Int64], bias: [Int64]?,
                                parameters: [[API.Signal]], on api: API) -> [API.Signal] {
        let hashed = parameters.first
        let biasWires = parameters.count > 1 ? parameters[1] : nil
        let offsets = geometry.patchOffsets()
        let (positions, patch) = (geometry.outputPositions, geometry.patchLength)
        let plane = geometry.planeSize
        let perGroup = geometry.outputsPerGroup
        let w = Self.fields(weights)
        var out = [API.Signal](repeating: api.constant(BN254.Fr.zero), count: geometry.batch * geometry.outputChannels * positions)
        var terms: [(API.Signal, BN254.Fr)] = []
        terms.reserveCapacity(patch)
        for n in 0 ..< geometry.batch {
            for g in 0 ..< geometry.group {
                let base = (n * geometry.inputChannels + g * geometry.channelsPerGroup) * plane
                for m in 0 ..< perGroup {
                    let channel = g * perGroup + m
                    let b = hashed == nil ? bias.map { Self.field($0[channel]) } ?? .zero : .zero
                    for p in 0 ..< positions {
                        terms.removeAll(keepingCapacity: true)
                        if let hashed {
                            for e in 0 ..< patch where offsets[p * patch + e] >= 0 {
                                terms.append((api.mul(x[base + offsets[p * patch + e]], hashed[channel * patch + e]), .one))
                            }
                            if let biasWires { terms.append((biasWires[channel], .one)) }
                        }
                        for e in 0 ..< patch where hashed == nil {
                            let offset = offsets[p * patch + e]
                            let weight = weights[channel * patch + e]
                            if offset >= 0 && weight != 0 { terms.append((x[base + offset], w[channel * patch + e])) }
                        }
                        out[(n * geometry.outputChannels + channel) * positions + p] = api.linearCombination(terms, constant: b)
                    }
                }
            }
        }
        return out
    }
}
