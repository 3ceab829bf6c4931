import ZKCircuits
import ZKField
import ZKQuant

typealias Fr = BN254.Fr

/// One gadget under test, with its parameters: how to apply it (generic, so the same code runs
/// on the builder and the evaluator), its exact constraint count, and its reference semantics.
enum GadgetCase: CustomStringConvertible, Sendable {
    case boolean
    case toBits(Int)
    case rangeCheck(Int)
    case signedRange(Int)
    case isZero
    case isZeroStrict
    case isEqual
    case select
    case lessThan(Int)
    case lessOrEqual(Int)
    case max(Int)
    case maxOf(Int, count: Int)
    case argMax(Int, count: Int, selectLast: Bool)
    case relu(Int)
    /// rescale then ReLU sharing the quotient's sign bit.
    case rescaleRelu(shift: Int, bits: Int)
    case leakyRelu(slope: Int64, shift: Int, bits: Int)
    case rescale(shift: Int, bits: Int)
    case divide(Int64, bits: Int)
    /// `⌊(2^(k+1) + x) / 2x⌋` for a positive `n`-bit `x`.
    case reciprocal(shift: Int, bits: Int)
    case clamp(lo: Int64?, hi: Int64?, bits: Int)
    /// A function table on an `n`-bit `x`: the covering segment's `output + slope·(x − start)`.
    case table(segments: [FunctionSegment], bits: Int)
    /// Softmax's shift: ``CircuitAPI/maximumMember(of:)`` of `count` values, then a table with no
    /// row above 0 (its inputs `n`-bit) on every `x_i − m`: the table's outputs.
    case shiftedTable(segments: [FunctionSegment], bits: Int, count: Int)
    /// ``CircuitAPI/thresholdTests(_:thresholds:bits:)``: `[x ≤ T_j]` for each threshold.
    case thresholds([Int64], bits: Int)
    /// ``CircuitAPI/oneHot(_:count:nonNegative:)``.
    case oneHot(Int, nonNegative: Bool)

    var description: String {
        switch self {
        case .boolean: "boolean"
        case let .toBits(n): "toBits(\(n))"
        case let .rangeCheck(n): "rangeCheck(\(n))"
        case let .signedRange(n): "signedRange(\(n))"
        case .isZero: "isZero"
        case .isZeroStrict: "isZeroStrict"
        case .isEqual: "isEqual"
        case .select: "select"
        case let .lessThan(n): "lessThan(\(n))"
        case let .lessOrEqual(n): "lessOrEqual(\(n))"
        case let .max(n): "max(\(n))"
        case let .maxOf(n, k): "maxOf(\(n), \(k))"
        case let .argMax(n, k, last): "argMax(\(n), \(k), last: \(last))"
        case let .relu(n): "relu(\(n))"
        case let .rescaleRelu(k, n): "rescaleRelu(k: \(k), bits: \(n))"
        case let .leakyRelu(a, k, n): "leakyRelu(a: \(a), k: \(k), bits: \(n))"
        case let .rescale(k, n): "rescale(k: \(k), bits: \(n))"
        case let .divide(d, n): "divide(d: \(d), bits: \(n))"
        case let .reciprocal(k, n): "reciprocal(k: \(k), bits: \(n))"
        case let .clamp(lo, hi, n): "clamp(\(lo.map(String.init) ?? "-"), \(hi.map(String.init) ?? "-"), bits: \(n))"
        case let .table(segments, n): "table(\(segments.count) rows from \(segments[0].start), bits: \(n))"
        case let .shiftedTable(segments, n, k): "shiftedTable(\(segments.count) rows, bits: \(n), count: \(k))"
        case let .thresholds(t, n): "thresholds(\(t), bits: \(n))"
        case let .oneHot(n, nonNegative): "oneHot(\(n)\(nonNegative ? ", non-negative" : ""))"
        }
    }

    /// Number of input signals.
    var arity: Int {
        switch self {
        case .isEqual, .lessThan, .lessOrEqual, .max: 2
        case .select: 3
        case let .maxOf(_, k), let .argMax(_, k, _), let .shiftedTable(_, _, k): k
        default: 1
        }
    }

    /// The documented constraint count with bit decompositions.
    var constraintCount: Int { constraintCount(.bits) }

    /// The documented constraint count in `mode`, logUp query constraints included, the shared
    /// range table not (RangeCheckMode's doc: a b-bit check with limbs of w bits costs
    /// `⌈b/w⌉ + (w ∤ b)` when that is below `b`; a signed n-bit check with its sign
    /// `1 + that of n − 1`). Written out here, independently of the library's cost functions.
    func constraintCount(_ mode: RangeCheckMode) -> Int {
        func bitLength(_ v: Int64) -> Int { 64 - v.leadingZeroBitCount }
        func limbs(_ b: Int) -> Int? {
            guard let w = mode.limbBits, b >= 2 else { return nil }
            // A partial top limb: one query in its own table when the mode has one, else two.
            let top = b - w * ((b + w - 1) / w - 1)
            let cost = (b + w - 1) / w + (top < w && !mode.partialTables.contains(top) ? 1 : 0)
            return cost < b ? cost : nil
        }
        func u(_ b: Int) -> Int { limbs(b) ?? b }
        func s(_ n: Int) -> Int { limbs(n - 1).map { 1 + $0 } ?? n }
        if case let .oneHot(n, nonNegative) = self { return nonNegative && n == 1 ? 1 : (nonNegative ? n : 2 * n) + 1 }
        if case let .thresholds(t, n) = self {
            // K + 1 booleans and two n-bit checks; one comparison for K = 1 when that is cheaper.
            let positional = t.count + 1 + 2 * u(n)
            return t.count == 1 ? Swift.min(s(n + 1), positional) : positional
        }
        switch mode {
        case .bits: break
        case .lookup:
            switch self {
            case .boolean, .toBits, .isZero, .isZeroStrict, .isEqual, .select: return constraintCount(.bits)
            case let .rangeCheck(n): return u(n)
            case let .signedRange(n): return s(n)
            case let .lessThan(n), let .lessOrEqual(n): return s(n + 1)
            case let .max(n): return s(n + 1) + 1
            case let .maxOf(n, k): return (k - 1) * (s(n + 1) + 1)
            case let .argMax(n, k, _): return k == 1 ? 0 : (k - 1) * (s(n + 1) + 2) - 1
            case let .relu(n): return s(n) + 1
            case let .rescaleRelu(k, n): return s(n) + (k == 0 ? 0 : u(k)) + 1
            case let .leakyRelu(_, k, n): return s(n) + 1 + u(n) + (k == 0 ? 0 : u(k))
            case let .rescale(k, n): return u(n) + (k == 0 ? 0 : u(k))
            case let .divide(d, n):
                if d == 1 { return u(n) }
                let m = bitLength(d - 1)
                return u(n) + (d & (d - 1) == 0 ? 1 : 2) * u(m)
            case let .clamp(lo, hi, n):
                if let lo, let hi, lo > hi { return 0 }
                return (lo == nil ? 0 : s(n + 1) + 1) + (hi == nil ? 0 : s(n + 1) + 1)
            case .table: return tableConstraints(mode)
            case let .shiftedTable(segments, n, k): return k - 1 + k * GadgetCase.table(segments: segments, bits: n).constraintCount(mode)
            case .thresholds, .oneHot: return 0
            case let .reciprocal(k, n): return 1 + u(k + 1) + 2 * u(n)
            }
        }
        switch self {
        case .boolean: return 1
        case let .toBits(n), let .rangeCheck(n), let .signedRange(n): return n
        case .isZero, .isEqual: return 2
        case .isZeroStrict: return 3
        case .select: return 1
        case let .lessThan(n), let .lessOrEqual(n): return n + 1
        case let .max(n): return n + 2
        case let .maxOf(n, k): return (k - 1) * (n + 2)
        case let .argMax(n, k, _): return k == 1 ? 0 : (k - 1) * (n + 3) - 1
        case let .relu(n): return n + 1
        case let .rescaleRelu(k, n): return n + k + 1
        case let .leakyRelu(_, k, n): return 2 * n + k + 1
        case let .rescale(k, n): return n + k
        case let .divide(d, n):
            if d == 1 { return n }
            let m = bitLength(d - 1)
            return d & (d - 1) == 0 ? n + m : n + 2 * m
        case let .clamp(lo, hi, n):
            if let lo, let hi, lo > hi { return 0 }   // the constant hi
            return (lo == nil ? 0 : n + 2) + (hi == nil ? 0 : n + 2)
        case .table: return tableConstraints(mode)
        case let .shiftedTable(segments, n, k): return k - 1 + k * GadgetCase.table(segments: segments, bits: n).constraintCount(mode)
        case .thresholds, .oneHot: return 0
        case let .reciprocal(k, n): return 1 + (k + 1) + 2 * n
        }
    }

    /// A table's cost: t's n-bit check, the product `t = s·e`, the query (`β·s`, `β²·y`, the
    /// inverse), and with slopes the fourth column's `β³·λ` and the product `λ·e`.
    func tableConstraints(_ mode: RangeCheckMode) -> Int {
        guard case let .table(segments, n) = self else { return 0 }
        let sloped = segments.contains { $0.slope != 0 }
        return GadgetCase.rangeCheck(n).constraintCount(mode) + 1 + 3 + (sloped ? 2 : 0)
    }

    /// Runs the gadget on `inputs`; returns its output signals.
    func apply<API: CircuitAPI>(_ api: API, _ x: [API.Signal]) -> [API.Signal] {
        switch self {
        case .boolean: api.assertBoolean(x[0]); return []
        case let .toBits(n): return api.toBits(x[0], count: n)
        case let .rangeCheck(n): api.rangeCheck(x[0], bits: n); return []
        case let .signedRange(n): return [api.signedRangeCheck(x[0], bits: n)]
        case .isZero: return [api.isZero(x[0])]
        case .isZeroStrict: return [api.isZero(x[0], pinsInverse: true)]
        case .isEqual: return [api.isEqual(x[0], x[1])]
        case .select: return [api.select(x[0], x[1], x[2])]
        case let .lessThan(n): return [api.lessThan(x[0], x[1], bits: n)]
        case let .lessOrEqual(n): return [api.lessOrEqual(x[0], x[1], bits: n)]
        case let .max(n): return [api.max(x[0], x[1], bits: n)]
        case let .maxOf(n, _): return [api.max(of: x, bits: n)]
        case let .argMax(n, _, last): return [api.argMax(x, bits: n, selectLast: last)]
        case let .relu(n): return [api.relu(x[0], bits: n)]
        case let .rescaleRelu(k, n):
            let (q, sign) = api.rescaleWithSign(x[0], shift: k, bits: n)
            return [q, api.relu(q, isNonNegative: sign)]
        case let .leakyRelu(a, k, n): return [api.leakyRelu(x[0], slope: a, shift: k, bits: n)]
        case let .rescale(k, n): return [api.rescale(x[0], shift: k, bits: n)]
        case let .divide(d, n): return [api.divide(x[0], by: d, bits: n)]
        case let .reciprocal(k, n): return [api.reciprocal(x[0], shift: k, bits: n)]
        case let .clamp(lo, hi, n): return [api.clamp(x[0], lo: lo, hi: hi, bits: n)]
        case let .table(segments, n):
            let id = api.register(.function(name: "test function", segments: segments, inputBits: n))
            return [api.tableFunction(x[0], table: id, segments: segments, inputBits: n)]
        case let .shiftedTable(segments, n, _):
            let id = api.register(.function(name: "test function", segments: segments, inputBits: n))
            let m = api.maximumMember(of: x)
            return x.map { api.tableFunction(api.sub($0, m), table: id, segments: segments, inputBits: n) }
        case let .thresholds(t, n): return api.thresholdTests(x[0], thresholds: t, bits: n)
        case let .oneHot(n, nonNegative): return api.oneHot(x[0], count: n, nonNegative: nonNegative)
        }
    }

    /// The expected outputs, from ZKQuant's kernels where they exist, or `nil` when no witness
    /// may exist (the input is outside what the gadget enforces).
    func reference(_ x: [Int64]) -> [Int64]? {
        func signed(_ v: Int64, _ n: Int) -> Bool { v >= -(Int64(1) << (n - 1)) && v < Int64(1) << (n - 1) }
        func difference(_ a: Int64, _ b: Int64, _ n: Int) -> Bool { a - b >= -(Int64(1) << n) && a - b < Int64(1) << n }
        switch self {
        case .boolean: return x[0] == 0 || x[0] == 1 ? [] : nil
        case let .toBits(n):
            guard x[0] >= 0 && x[0] < Int64(1) << n else { return nil }
            return (0..<n).map { (x[0] >> Int64($0)) & 1 }
        case let .rangeCheck(n): return x[0] >= 0 && x[0] < Int64(1) << n ? [] : nil
        case let .signedRange(n): return signed(x[0], n) ? [x[0] >= 0 ? 1 : 0] : nil
        case .isZero, .isZeroStrict: return [x[0] == 0 ? 1 : 0]
        case .isEqual: return [x[0] == x[1] ? 1 : 0]
        case .select: return [x[0] == 1 ? x[1] : x[2]]
        case let .lessThan(n): return difference(x[0], x[1], n) ? [x[0] < x[1] ? 1 : 0] : nil
        case let .lessOrEqual(n): return difference(x[1], x[0], n) ? [x[0] <= x[1] ? 1 : 0] : nil
        case let .max(n): return difference(x[0], x[1], n) ? [Swift.max(x[0], x[1])] : nil
        case let .maxOf(n, _):
            var best = x[0]
            for v in x.dropFirst() {
                guard difference(best, v, n) else { return nil }
                best = Swift.max(best, v)
            }
            return [best]
        case let .argMax(n, _, last):
            var (best, index) = (x[0], 0)
            for (i, v) in x.enumerated().dropFirst() {
                guard difference(best, v, n) else { return nil }
                if last ? v >= best : v > best { (best, index) = (v, i) }
            }
            return [Int64(index)]
        case let .relu(n): return signed(x[0], n) ? [Swift.max(x[0], 0)] : nil
        case let .rescaleRelu(k, n):
            let q = FixedPoint.rescale(x[0], shift: k)
            return signed(q, n) ? [q, Swift.max(q, 0)] : nil
        case let .leakyRelu(a, k, n):
            guard signed(x[0], n) else { return nil }
            // IntegerKernels.apply(.leakyRelu): v >= 0 ? v : FixedPoint.rescale(v * slope, shift)
            let y = x[0] >= 0 ? x[0] : FixedPoint.rescale(x[0] * a, shift: k)
            return signed(y, n) ? [y] : nil
        case let .rescale(k, n):
            let q = FixedPoint.rescale(x[0], shift: k)
            return signed(q, n) ? [q] : nil
        case let .divide(d, n):
            let q = FixedPoint.divide(x[0], by: d)
            return signed(q, n) ? [q] : nil
        case let .clamp(lo, hi, n):
            // ONNX Clip with min > max (onnxruntime): max(x, lo) ≥ lo > hi, so hi everywhere.
            if let lo, let hi, lo > hi { return [hi] }
            var y = x[0]
            if let lo { guard difference(y, lo, n) else { return nil }; y = Swift.max(y, lo) }
            if let hi { guard difference(hi, y, n) else { return nil }; y = Swift.min(y, hi) }
            return [y]
        case let .reciprocal(k, n):
            // x > 0 with the remainder ρ and 2x − 1 − ρ within n bits (else no witness; a
            // positive x beyond n bits may still have one, with the exact quotient).
            guard x[0] > 0 else { return nil }
            let y = ((Int64(1) << (k + 1)) + x[0]) / (2 * x[0])
            let rho = (Int64(1) << (k + 1)) + x[0] - 2 * y * x[0]
            guard rho < Int64(1) << n, 2 * x[0] - 1 - rho < Int64(1) << n, y < Int64(1) << (k + 1) else { return nil }
            return [y]
        case let .table(segments, n):
            // A segment covering x with t = s·(x − start) in [0, 2^n) (else no witness; beyond n
            // bits a tail may still reach x).
            guard let segment = segments.first(where: { $0.covers(x[0]) }),
                  case let t = segment.selector(inputBits: n) * (x[0] - segment.start), t >= 0, t < Int64(1) << n else { return nil }
            return [segment.output + segment.slope * (x[0] - segment.start)]
        case let .shiftedTable(segments, n, _):
            // Every x − max covered by a row (the rows cover nothing above 0).
            let m = x.max()!
            var outputs: [Int64] = []
            for v in x {
                guard let y = GadgetCase.table(segments: segments, bits: n).reference([v - m]) else { return nil }
                outputs.append(y[0])
            }
            return outputs
        case let .thresholds(t, n):
            // The intervals cover exactly the signed n-bit range (the inputs tested with one
            // threshold stay inside it: there the gadget is a comparison, sound up to 2^n).
            return signed(x[0], n) ? t.map { x[0] <= $0 ? 1 : 0 } : nil
        case let .oneHot(n, nonNegative):
            // An index in [0, n) (or [−n, n), counting from the end when negative), else no witness.
            guard x[0] < Int64(n), x[0] >= (nonNegative ? 0 : -Int64(n)) else { return nil }
            return (0 ..< n).map { x[0] == Int64($0) || x[0] == Int64($0 - n) ? 1 : 0 }
        }
    }

    /// Hints whose outputs are legitimately free for these inputs (the output stays unique).
    func freeHints(_ x: [Int64]) -> Set<Int> {
        switch self {
        case .isZero: x[0] == 0 ? [0] : []
        case .isEqual: x[0] == x[1] ? [0] : []
        default: []
        }
    }
}
