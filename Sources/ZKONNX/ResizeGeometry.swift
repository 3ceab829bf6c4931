/// ONNX `Resize` (opsets 10–19) and `Upsample` (7, 9) as fixed taps: every output element is a
/// constant-weighted sum of input elements (`nearest`: one tap of weight 1; `linear`: 2 per
/// resized axis; `cubic`: 4 per resized axis, Keys' kernel with `cubic_coeff_a`, renormalised
/// without the outside taps under `exclude_outside`), or the `extrapolation_value` where
/// `tf_crop_and_resize` samples outside the input. The interpolation is separable: an element's
/// taps are the products of its per-axis taps.
///
/// Coordinates follow the operator specification (`half_pixel`, `half_pixel_symmetric`,
/// `pytorch_half_pixel`, `align_corners`, `asymmetric`, `tf_crop_and_resize`), computed in single
/// precision as onnxruntime does; `nearest_mode` `round_prefer_floor`, `round_prefer_ceil`,
/// `floor`, `ceil`; Resize-10 and Upsample read `asymmetric` coordinates and onnxruntime's
/// "simple" nearest pixel (truncation when enlarging, ceiling when shrinking). Opset 18's `axes`
/// and `keep_aspect_ratio_policy` are read; `antialias` is refused where it would change the
/// result (shrinking with `linear` or `cubic`).
public struct ResizeGeometry: Sendable {
    public let inputShape: [Int]
    public let outputShape: [Int]
    /// Per axis, per output coordinate: its `(input coordinate, weight)` taps, or `nil` outside
    /// the input (the output element is ``extrapolation``).
    public let taps: [[[(index: Int, weight: Double)]?]]
    public let extrapolation: Double

    enum Mode { case nearest, linear, cubic }

    /// The geometry of `node` on an input of `inputShape`; `operands` are the node's operands past X
    /// (roi, scales, sizes; constants).
    public init(_ node: Node, inputShape: [Int], operands: [Tensor<Double>?], opset: Int) throws {
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        func operand(_ i: Int) -> Tensor<Double>? { i < operands.count ? operands[i].flatMap { $0.count == 0 ? nil : $0 } : nil }
        let rank = inputShape.count
        let legacy = node.op == .upsample || opset < 11
        let mode: Mode
        switch (node.string("mode") ?? "nearest").lowercased() {
        case "nearest": mode = .nearest
        case "linear", "bilinear", "trilinear": mode = .linear
        case "cubic" where !legacy, "bicubic" where !legacy: mode = .cubic
        case let other: throw fail("mode '\(other)'")
        }
        let transform = legacy ? "asymmetric" : node.string("coordinate_transformation_mode") ?? "half_pixel"
        let nearestMode = legacy ? "simple" : node.string("nearest_mode") ?? "round_prefer_floor"
        let a = Float(node.float("cubic_coeff_a") ?? -0.75)
        let excludeOutside = (node.int("exclude_outside") ?? 0) != 0
        extrapolation = node.float("extrapolation_value") ?? 0

        // Scales and output sizes, over every axis.
        var scales = [Float](repeating: 1, count: rank)
        var sizes = inputShape
        let axes: [Int] = try (node.ints("axes") ?? Array(0 ..< rank)).map {
            let axis = $0 < 0 ? $0 + rank : $0
            guard (0 ..< rank).contains(axis) else { throw fail("axis \($0) out of range for rank \(rank)") }
            return axis
        }
        let given: Tensor<Double>? = node.op == .upsample && opset < 9
            ? node.floats("scales").map { Tensor(shape: [$0.count], scalars: $0) } : operand(legacy ? 0 : 1)
        let roi = legacy ? nil : operand(0)
        let sized = legacy ? nil : operand(2)
        if let sized {
            guard given == nil else { throw fail("both scales and sizes given") }
            guard sized.count == axes.count else { throw fail("\(sized.count) sizes for \(axes.count) axes") }
            let wanted = sized.scalars.map(FloatEvaluator.clampedInt)
            let policy = node.string("keep_aspect_ratio_policy") ?? "stretch"
            if policy == "stretch" {
                for (k, axis) in axes.enumerated() {
                    sizes[axis] = wanted[k]
                    scales[axis] = Float(wanted[k]) / Float(inputShape[axis])
                }
            } else {
                guard policy == "not_larger" || policy == "not_smaller" else { throw fail("keep_aspect_ratio_policy '\(policy)'") }
                let ratios = axes.enumerated().map { Float(wanted[$0.offset]) / Float(inputShape[$0.element]) }
                let scale = policy == "not_larger" ? ratios.min()! : ratios.max()!
                for axis in axes {
                    scales[axis] = scale
                    sizes[axis] = Int((scale * Float(inputShape[axis])).rounded())
                }
            }
        } else {
            guard let given, given.count == axes.count else { throw fail("needs scales for \(axes.count) axes (or sizes)") }
            for (k, axis) in axes.enumerated() {
                let scale = Float(given.scalars[k])
                guard scale > 0, scale.isFinite else { throw fail("scale \(scale) must be positive") }
                scales[axis] = scale
                // floor(input · scale), the roi aside (as onnxruntime sizes tf_crop_and_resize).
                sizes[axis] = Int((Float(inputShape[axis]) * scale).rounded(.down))
            }
        }
        guard sizes.allSatisfy({ $0 > 0 }), let count = Tensor<Double>.elementCount(sizes), count <= Graph.maximumElementCount else {
            throw fail("output shape \(sizes)")
        }
        if (node.int("antialias") ?? 0) != 0, mode != .nearest, scales.contains(where: { $0 < 1 }) {
            throw fail("antialias when shrinking (a scale-dependent filter)")
        }
        if transform == "tf_crop_and_resize" {
            guard let roi, roi.count == 2 * axes.count else { throw fail("tf_crop_and_resize needs an roi of \(2 * axes.count) values") }
        }
        self.inputShape = inputShape
        outputShape = sizes

        var taps: [[[(index: Int, weight: Double)]?]] = []
        for axis in 0 ..< rank {
            let (n, m, scale) = (inputShape[axis], sizes[axis], scales[axis])
            let k = axes.firstIndex(of: axis)
            let (start, end): (Float, Float) = roi.flatMap { roi in
                k.map { (Float(roi.scalars[$0]), Float(roi.scalars[axes.count + $0])) }
            } ?? (0, 1)
            var axisTaps: [[(index: Int, weight: Double)]?] = []
            for x in 0 ..< m {
                if k == nil || (n == m && scale == 1 && transform != "tf_crop_and_resize") {
                    axisTaps.append([(x, 1)])
                    continue
                }
                let xf = Float(x)
                let original: Float
                switch transform {
                case "half_pixel": original = (xf + 0.5) / scale - 0.5
                case "half_pixel_symmetric":
                    let adjustment = Float(m) / (scale * Float(n))
                    let center = Float(n) / 2
                    original = center * (1 - adjustment) + (xf + 0.5) / scale - 0.5
                case "pytorch_half_pixel": original = m > 1 ? (xf + 0.5) / scale - 0.5 : 0
                case "align_corners": original = m == 1 ? 0 : xf * Float(n - 1) / Float(m - 1)
                case "asymmetric": original = xf / scale
                case "tf_crop_and_resize":
                    original = m > 1 ? start * Float(n - 1) + xf * (end - start) * Float(n - 1) / Float(m - 1)
                        : 0.5 * (start + end) * Float(n - 1)
                    if original < 0 || original > Float(n - 1) {
                        axisTaps.append(nil)
                        continue
                    }
                default: throw fail("coordinate_transformation_mode '\(transform)'")
                }
                switch mode {
                case .nearest:
                    let index: Int
                    switch nearestMode {
                    case "round_prefer_floor": index = original == original.rounded(.down) + 0.5 ? Int(original.rounded(.down)) : Int(original.rounded())
                    case "round_prefer_ceil": index = Int(original.rounded())
                    case "floor": index = Int(original.rounded(.down))
                    case "ceil": index = Int(original.rounded(.up))
                    case "simple": index = scale < 1 ? Int(original.rounded(.up)) : Int(original)
                    default: throw fail("nearest_mode '\(nearestMode)'")
                    }
                    axisTaps.append([(Swift.min(Swift.max(index, 0), n - 1), 1)])
                case .linear, .cubic:
                    let base = original.rounded(.down)
                    let t = original - base
                    let coefficients: [Float] = mode == .linear ? [1 - t, t] : [
                        ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
                        ((a + 2) * t - (a + 3)) * t * t + 1,
                        ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1,
                        ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a,
                    ]
                    let first = Int(base) - (mode == .linear ? 0 : 1)
                    var weights: [Int: Double] = [:]
                    var total: Float = 0
                    for (j, c) in coefficients.enumerated() {
                        let position = first + j
                        if excludeOutside && (position < 0 || position >= n) { continue }
                        weights[Swift.min(Swift.max(position, 0), n - 1), default: 0] += Double(c)
                        total += c
                    }
                    if excludeOutside && total != 0 { for key in weights.keys { weights[key]! /= Double(total) } }
                    axisTaps.append(weights.keys.sorted().map { ($0, weights[$0]!) }.filter { $0.1 != 0 })
                }
            }
            taps.append(axisTaps)
        }
        self.taps = taps
    }

    /// Each output element's taps over the flat input (row-major), or `nil` when extrapolated.
    public var flatTaps: [[(index: Int, weight: Double)]?] {
        let rank = inputShape.count
        var strides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * inputShape[axis + 1] }
        var result: [[(index: Int, weight: Double)]?] = [[(0, 1)]]
        for axis in 0 ..< rank {
            var next: [[(index: Int, weight: Double)]?] = []
            next.reserveCapacity(result.count * outputShape[axis])
            for prefix in result {
                for coordinate in taps[axis] {
                    guard let prefix, let coordinate else { next.append(nil); continue }
                    next.append(prefix.flatMap { p in coordinate.map { (p.index + $0.index * strides[axis], p.weight * $0.weight) } })
                }
            }
            result = next
        }
        return result
    }

    /// The resized tensor.
    public func apply(_ x: Tensor<Double>) -> Tensor<Double> {
        Tensor(shape: outputShape, scalars: flatTaps.map { taps in
            taps.map { $0.reduce(0) { $0 + $1.weight * x.scalars[$1.index] } } ?? extrapolation
        })
    }
}
