import Testing
import ZKONNX
@testable import ZKQuant

/// ``FunctionTable``: rows disjoint and within budget; every covered input within the error bound
/// of the real function; every uncovered input outside the function's domain or output range;
/// and the shapes the doc comments promise (tails, holes, exact lines).
@Suite struct FunctionTableTests {
    static let functions: [UnaryFunction] = [
        .sigmoid, .tanh, .erf, .hardSigmoid(alpha: 0.2, beta: 0.5), .hardSigmoid(alpha: -0.3, beta: 0.4),
        .hardSigmoid(alpha: 0, beta: 0.7), .hardSwish, .exp, .log, .sqrt, .reciprocal, .power(-0.1), .power(1.5),
        .power(-2), .power(9), .softplus, .softsign, .elu(alpha: 1), .elu(alpha: 0.5), .celu(alpha: 2),
        .mish, .gelu(tanh: false), .gelu(tanh: true), .abs, .sign, .reciprocalSquareRoot(epsilon: 1e-5), .sin, .cos, .tan,
        .asin, .acos, .atan, .sinh, .cosh, .asinh, .acosh, .atanh,
    ]

    /// The rows' covered ranges are in order and do not meet.
    static func expectDisjoint(_ table: FunctionTable, _ label: String) {
        var previousEnd = Int64.min
        for (i, row) in table.rows.enumerated() {
            let (first, last): (Int64, Int64) = switch row.span {
            case .below: (Int64.min, row.start)
            case let .bucket(j): (row.start, row.start + (Int64(1) << j) - 1)
            case .above: (row.start, Int64.max)
            }
            #expect(i == 0 || first > previousEnd, "\(label): row \(i) overlaps the one before")
            if case .below = row.span { #expect(i == 0, "\(label): a lower tail after the first row") }
            if case .above = row.span { #expect(i == table.rows.count - 1, "\(label): an upper tail before the last row") }
            previousEnd = last
        }
    }

    /// Checks the value at `x` against `f`: within the bound where covered, and uncovered only
    /// where `f` is undefined or beyond the output width.
    static func expectAccurate(_ table: FunctionTable, at x: Int64, outputBits: Int, _ label: String) {
        let f = table.function
        let real = f(Double(x) * FixedPoint.power(-table.inputScale))
        let limit = FixedPoint.power(outputBits - 1) - 2
        if let y = table.value(at: x) {
            // Beyond the width only on a tail's line where f itself is (the step's range check
            // then refuses it).
            let fits = real.isFinite && (real * FixedPoint.power(table.outputScale)).magnitude <= limit
            #expect(y.magnitude < UInt64(1) << (outputBits - 1) || !fits, "\(label): output \(y) at \(x) beyond \(outputBits) bits")
            let error = (Double(y) * FixedPoint.power(-table.outputScale) - real).magnitude
            let bound = table.errorBound * max(1, real.magnitude) * (1 + 1e-9) + 1e-12
            #expect(error <= bound, "\(label): error \(error) > \(bound) at \(x)")
        } else {
            // Outside the domain (for Sin, Cos, Tan: the tabulated period) or beyond the width.
            let input = Double(x) * FixedPoint.power(-table.inputScale)
            let covered = f.domain.contains { $0.contains(input) }
            let fits = covered && real.isFinite && (real * FixedPoint.power(table.outputScale)).magnitude <= limit
            #expect(!fits, "\(label): no row for \(x), where f = \(real) fits")
        }
    }

    @Test("every input of 12-bit tables: covered ones within the bound, uncovered ones outside the domain",
          arguments: [(4, 4), (6, 6), (4, 8), (8, 4), (2, 6)])
    func exhaustive(scales: (input: Int, output: Int)) throws {
        for f in Self.functions {
            let label = "\(f) in 2^-\(scales.input) out 2^-\(scales.output)"
            let table: FunctionTable
            do {
                table = try FunctionTable(f, inputScale: scales.input, outputScale: scales.output, inputBits: 12, outputBits: 14)
            } catch {
                // Only a function that fits nowhere: x^9 at these scales still fits near 0.
                Issue.record("\(label): \(error)")
                continue
            }
            #expect(table.rows.count <= FunctionTable.maximumRows && !table.rows.isEmpty, "\(label)")
            Self.expectDisjoint(table, label)
            for x in -2048 ... Int64(2047) { Self.expectAccurate(table, at: x, outputBits: 14, label) }
        }
    }

    @Test("24-bit tables at the default scales: within budget, disjoint, accurate on 200,000 inputs spread over the range")
    func defaultScales() throws {
        var generator = SeededGenerator(seed: 31)
        for f in Self.functions {
            let table = try FunctionTable(f, inputScale: 12, outputScale: 12, inputBits: 24, outputBits: 24)
            Self.expectDisjoint(table, "\(f)")
            #expect(table.rows.count <= FunctionTable.maximumRows)
            // Dense near 0 (where the functions bend), then spread to the ends.
            for i in -100_000 ..< 100_000 {
                let x = i.magnitude < 50_000 ? Int64(i) : Int64.random(in: -(1 << 23) ..< (1 << 23), using: &generator)
                Self.expectAccurate(table, at: x, outputBits: 24, "\(f)")
            }
            // 1 % of the output's range where f is bounded by 1: the corpus target with room.
            if [.sigmoid, .tanh, .erf, .softsign].contains(f) { #expect(table.errorBound < 0.001, "\(f): \(table.summary)") }
        }
    }

    @Test("shapes: tails where f meets its line, holes outside the domain, exact lines for |x| and sign")
    func shapes() throws {
        let sigmoid = try FunctionTable(.sigmoid, inputScale: 12, outputScale: 12, inputBits: 24, outputBits: 24)
        #expect(sigmoid.rows.first?.span == .below && sigmoid.rows.last?.span == .above)
        #expect(sigmoid.rows.first?.output == 0 && sigmoid.rows.last?.output == 4096)
        #expect(sigmoid.summary == "Sigmoid: \(sigmoid.rows.count) rows, error ≤ \(sigmoid.summary.split(separator: "≤ ")[1])")
        #expect(sigmoid.value(at: -(1 << 23)) == 0 && sigmoid.value(at: (1 << 23) - 1) == 4096 && sigmoid.value(at: 0) == 2048)

        let abs = try FunctionTable(.abs, inputScale: 12, outputScale: 12, inputBits: 24, outputBits: 24)
        #expect(abs.rows == [FunctionTable.Row(start: 0, span: .below, output: 0, slope: -1),
                             FunctionTable.Row(start: 1, span: .above, output: 1, slope: 1)])
        let sign = try FunctionTable(.sign, inputScale: 12, outputScale: 12, inputBits: 24, outputBits: 24)
        #expect(sign.rows == [FunctionTable.Row(start: -1, span: .below, output: -4096, slope: 0),
                              FunctionTable.Row(start: 0, span: .bucket(log2Width: 0), output: 0, slope: 0),
                              FunctionTable.Row(start: 1, span: .above, output: 4096, slope: 0)])

        // Exp: a lower tail at 0, no upper one; the domain ends where e^x leaves 24 bits at 2^-12.
        let exp = try FunctionTable(.exp, inputScale: 12, outputScale: 12, inputBits: 24, outputBits: 24)
        #expect(exp.rows.first?.span == .below && exp.rows.first?.output == 0)
        #expect(exp.value(at: 7 << 12) != nil && exp.value(at: 8 << 12) == nil)
        #expect(exp.domainDescription.hasPrefix("[-∞, 7.62"))
        // Log and Reciprocal: nothing at or below 0, resp. at 0.
        let log = try FunctionTable(.log, inputScale: 12, outputScale: 12, inputBits: 24, outputBits: 24)
        #expect(log.value(at: 0) == nil && log.value(at: -5) == nil && log.value(at: 1) != nil)
        let reciprocal = try FunctionTable(.reciprocal, inputScale: 12, outputScale: 12, inputBits: 24, outputBits: 24)
        #expect(reciprocal.value(at: 0) == nil && reciprocal.value(at: 1) == nil)
        for x: Int64 in [4096, -4096] {
            let y = try #require(reciprocal.value(at: x))
            #expect(Double((y - x.signum() * 4096).magnitude) <= reciprocal.tolerance / 2 + 0.5)
        }
        // Softplus follows x exactly beyond its upper tail's start.
        let softplus = try FunctionTable(.softplus, inputScale: 12, outputScale: 12, inputBits: 24, outputBits: 24)
        #expect(softplus.rows.last?.slope == 1 && softplus.value(at: 100 << 12) == 100 << 12)
    }

    @Test("a function defined on none of the inputs has no table")
    func unbuildable() {
        // 1/√x at 2^-40 exceeds 24 bits for every x below 2^34.
        #expect(throws: FunctionTable.Unbuildable.self) {
            try FunctionTable(.power(-0.5), inputScale: 12, outputScale: 40, inputBits: 24, outputBits: 24)
        }
    }
}
