import Dispatch
import ZKONNX

/// The integer kernels of each ``QuantizedOperation``. Accumulation is 64-bit; the quantizer
/// guarantees every intermediate stays below 2^60 in magnitude, so wrapping arithmetic never wraps.
public enum IntegerKernels {
    /// Applies one step to its operand tensors and returns the output's scalars.
    public static func apply(_ step: QuantizedStep, _ operands: [Tensor<Int64>]) -> [Int64] {
        let count = step.outputShape.reduce(1, *)
        switch step.operation {
        case let .matMul(weights, bias):
            let (k, n) = (weights.shape[0], weights.shape[1])
            return matMul(operands[0].scalars, rows: operands[0].count / k, inner: k, weights: weights.scalars, columns: n, bias: bias)
        case let .conv(geometry, weights, bias):
            return conv(operands[0].scalars, geometry: geometry, weights: weights.scalars, bias: bias)
        case let .linearCombination(coefficients, constant):
            var out = [Int64](repeating: 0, count: count)
            for (tensor, coefficient) in zip(operands, coefficients) {
                let index = Broadcast.sourceIndices(from: tensor.shape, to: step.outputShape)
                for i in 0..<count { out[i] &+= coefficient &* tensor.scalars[index[i]] }
            }
            if let constant {
                let index = Broadcast.sourceIndices(from: constant.shape, to: step.outputShape)
                for i in 0..<count { out[i] &+= constant.scalars[index[i]] }
            }
            return out
        case let .mulConstant(multiplier, bias):
            let x = operands[0]
            let ix = Broadcast.sourceIndices(from: x.shape, to: step.outputShape)
            let im = Broadcast.sourceIndices(from: multiplier.shape, to: step.outputShape)
            var out = (0..<count).map { x.scalars[ix[$0]] &* multiplier.scalars[im[$0]] }
            if let bias {
                let ib = Broadcast.sourceIndices(from: bias.shape, to: step.outputShape)
                for i in 0..<count { out[i] &+= bias.scalars[ib[i]] }
            }
            return out
        case let .batchMatMul(geometry):
            return geometry.contract(operands[0].scalars, operands[1].scalars, zero: Int64(0), multiply: { $0 &* $1 }, add: { $0 &+ $1 })
        case .mul:
            let (a, b) = (operands[0], operands[1])
            let ia = Broadcast.sourceIndices(from: a.shape, to: step.outputShape)
            let ib = Broadcast.sourceIndices(from: b.shape, to: step.outputShape)
            return (0..<count).map { a.scalars[ia[$0]] &* b.scalars[ib[$0]] }
        case let .rescale(shift):
            return operands[0].scalars.map { FixedPoint.rescale($0, shift: shift) }
        case let .divide(divisors):
            let x = operands[0].scalars
            return divisors.count == 1 ? x.map { FixedPoint.divide($0, by: divisors[0]) }
                : (0..<count).map { FixedPoint.divide(x[$0], by: divisors[$0]) }
        case .relu:
            return operands[0].scalars.map { max($0, 0) }
        case let .leakyRelu(slopes, shift):
            let x = operands[0]
            let index = Broadcast.sourceIndices(from: slopes.shape, to: x.shape)
            return (0..<count).map { i in
                let v = x.scalars[i]
                return v >= 0 ? v : FixedPoint.rescale(v &* slopes.scalars[index[i]], shift: shift)
            }
        case let .clip(lower, upper):
            return operands[0].scalars.map { min(max($0, lower), upper) }
        case let .table(table):
            // 0 outside the domain: QuantizedInference checks the inputs first.
            return operands[0].scalars.map { table.value(at: $0) ?? 0 }
        case let .test(test):
            return operands[0].scalars.map { test($0) ? 1 : 0 }
        case let .reciprocal(k):
            // 0 for x ≤ 0: QuantizedInference checks the inputs first.
            return operands[0].scalars.map { $0 > 0 ? ((Int64(1) << (k + 1)) + $0) / (2 * $0) : 0 }
        case let .rearrange(sources, constants):
            let flat = operands.count == 1 ? operands[0].scalars : operands.flatMap(\.scalars)
            return sources.map { $0 >= 0 ? flat[$0] : constants[-1 - $0] }
        case let .windowSum(windows):
            let x = operands[0].scalars
            return (0..<windows.count).map { o in windows.window(o).reduce(Int64(0)) { $0 &+ x[$1] } }
        case let .windowMax(windows):
            let x = operands[0].scalars
            return (0..<windows.count).map { o in windows.window(o).reduce(Int64.min) { max($0, x[$1]) } }
        case let .subtractWindowMax(windows):
            let x = operands[0].scalars
            var y = x
            for o in 0 ..< windows.count {
                let window = windows.window(o)
                let largest = window.reduce(Int64.min) { max($0, x[$1]) }
                for i in window { y[i] = x[i] &- largest }
            }
            return y
        case let .bitwise(operation, constant, _):
            let a = operands[0], b = constant ?? operands[1]
            let ia = Broadcast.sourceIndices(from: a.shape, to: step.outputShape)
            let ib = Broadcast.sourceIndices(from: b.shape, to: step.outputShape)
            return (0 ..< count).map { operation.apply(a.scalars[ia[$0]], b.scalars[ib[$0]]) }
        case let .shiftLeft(shifts, width, _):
            let x = operands[0]
            let ix = Broadcast.sourceIndices(from: x.shape, to: step.outputShape)
            let iss = Broadcast.sourceIndices(from: shifts.shape, to: step.outputShape)
            return (0 ..< count).map { i in
                let s = Int(shifts.scalars[iss[i]])
                guard s < width else { return 0 }
                let kept = width - s >= 63 ? x.scalars[ix[i]] : x.scalars[ix[i]] & ((Int64(1) << (width - s)) - 1)
                return kept << s
            }
        case let .oneHot(depth):
            // All 0 outside [−depth, depth): QuantizedInference checks the indices first.
            return operands[0].scalars.flatMap { x in (0 ..< depth).map { x == Int64($0) || x == Int64($0 - depth) ? 1 : 0 } }
        case let .treeEnsemble(forest):
            let x = operands[0].scalars
            let width = forest.featureCount
            return (0 ..< x.count / max(width, 1)).flatMap { forest.columns(for: x[$0 * width ..< ($0 + 1) * width]) }
        case let .argMax(windows, selectLast):
            let x = operands[0].scalars
            return (0..<windows.count).map { o in
                Int64(FloatEvaluator.argMax(windows.window(o).map { x[$0] }, selectLast: selectLast))
            }
        }
    }

    /// `[rows, inner] × [inner, columns] (+ bias)` with SIMD over the columns and threads over the
    /// rows when the product is large.
    /// - Complexity: O(rows · inner · columns).
    public static func matMul(_ x: [Int64], rows: Int, inner: Int, weights: [Int64], columns: Int, bias: [Int64]?) -> [Int64] {
        var out = [Int64](repeating: 0, count: rows * columns)
        if let bias { for r in 0..<rows { for j in 0..<columns { out[r * columns + j] = bias[j] } } }
        out.withUnsafeMutableBufferPointer { outBuffer in
            x.withUnsafeBufferPointer { xBuffer in
                weights.withUnsafeBufferPointer { wBuffer in
                    nonisolated(unsafe) let o = outBuffer.baseAddress!
                    nonisolated(unsafe) let xp = xBuffer.baseAddress!
                    nonisolated(unsafe) let wp = wBuffer.baseAddress!
                    let body: @Sendable (Int) -> Void = { r in
                        let row = o + r * columns
                        for p in 0..<inner {
                            let a = xp[r * inner + p]
                            if a == 0 { continue }
                            let w = wp + p * columns
                            let av = SIMD8<Int64>(repeating: a)
                            var j = 0
                            while j + 8 <= columns {
                                let wv = UnsafeRawPointer(w + j).loadUnaligned(as: SIMD8<Int64>.self)
                                let acc = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Int64>.self)
                                UnsafeMutableRawPointer(row + j).storeBytes(of: acc &+ av &* wv, as: SIMD8<Int64>.self)
                                j += 8
                            }
                            while j < columns {
                                row[j] &+= a &* w[j]
                                j += 1
                            }
                        }
                    }
                    if rows > 1 && rows * inner * columns >= 1 << 18 {
                        DispatchQueue.concurrentPerform(iterations: rows, execute: body)
                    } else {
                        for r in 0..<rows { body(r) }
                    }
                }
            }
        }
        return out
    }

    /// Convolution (any number of spatial axes) by im2col and ``matMul(_:rows:inner:weights:columns:bias:)`` per image and group.
    public static func conv(_ x: [Int64], geometry: ConvGeometry, weights: [Int64], bias: [Int64]?) -> [Int64] {
        let offsets = geometry.patchOffsets()
        let (positions, patch) = (geometry.outputPositions, geometry.patchLength)
        let plane = geometry.planeSize
        let perGroup = geometry.outputsPerGroup
        var out = [Int64](repeating: 0, count: geometry.batch * geometry.outputChannels * positions)
        for g in 0..<geometry.group {
            // Weights of this group as [patch, perGroup].
            var w = [Int64](repeating: 0, count: patch * perGroup)
            for m in 0..<perGroup { for e in 0..<patch { w[e * perGroup + m] = weights[(g * perGroup + m) * patch + e] } }
            let groupBias = bias.map { Array($0[(g * perGroup)..<((g + 1) * perGroup)]) }
            for n in 0..<geometry.batch {
                let base = (n * geometry.inputChannels + g * geometry.channelsPerGroup) * plane
                var columns = [Int64](repeating: 0, count: positions * patch)
                for i in 0..<(positions * patch) where offsets[i] >= 0 { columns[i] = x[base + offsets[i]] }
                let product = matMul(columns, rows: positions, inner: patch, weights: w, columns: perGroup, bias: groupBias)
                for m in 0..<perGroup {
                    let target = (n * geometry.outputChannels + g * perGroup + m) * positions
                    for p in 0..<positions { out[target + p] = product[p * perGroup + m] }
                }
            }
        }
        return out
    }
}
