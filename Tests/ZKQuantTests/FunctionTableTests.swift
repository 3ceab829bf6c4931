import Testing
import ZKONNX
@testable import ZKQuant

/// ``FunctionTable``: the clamp loses nothing (the table is the rounded function everywhere), the
/// table stays within its row budget at the finest scale that allows, and the error against the
/// real function over its whole domain is what the doc comment says.
@Suite struct FunctionTableTests {
    static let functions: [UnaryFunction] = [
        .sigmoid, .tanh, .erf, .hardSigmoid(alpha: 0.2, beta: 0.5), .hardSigmoid(alpha: -0.3, beta: 0.4),
        .hardSigmoid(alpha: 0, beta: 0.7),
    ]

    @Test("the clamped table equals round(f(x·2^-t)·2^s) for every input, at and far beyond its rows",
          arguments: [(12, 12), (16, 12), (8, 8), (12, 16), (3, 12)])
    func clampIsExact(scales: (input: Int, output: Int)) throws {
        for f in Self.functions {
            let table = try #require(FunctionTable(f, maximumInputScale: scales.input, outputScale: scales.output), "\(f)")
            #expect(table.inputScale <= scales.input)
            #expect(table.outputs.count <= FunctionTable.maximumRows)
            // The finest scale: one step finer would not fit (unless already at the input's scale).
            if table.inputScale < scales.input, table.outputs.count > 1 {
                let finer = try #require(FunctionTable(f, maximumInputScale: table.inputScale + 1, outputScale: scales.output))
                #expect(finer.inputScale == table.inputScale || finer.outputs.count > table.outputs.count)
            }
            let factor = FixedPoint.power(-table.inputScale)
            var probes: [Int64] = [table.lower - (1 << 22), table.lower - 1000, table.upper + 1000, table.upper + (1 << 22)]
            probes += (table.lower - 50 ... table.lower + 50).map { $0 }
            probes += (table.upper - 50 ... table.upper + 50).map { $0 }
            probes += stride(from: table.lower, through: table.upper, by: max(1, table.outputs.count / 200)).map { $0 }
            for x in probes {
                let exact = try #require(FixedPoint.quantize(f(Double(x) * factor), scale: scales.output))
                #expect(table.value(at: x) == exact, "\(f) at \(x) (scale \(table.inputScale))")
            }
        }
    }

    @Test("error against f on a dense grid over ±20, after rescaling a scale-12 input: within the bound and 1 %")
    func accuracy() throws {
        for f in Self.functions {
            let table = try #require(FunctionTable(f, maximumInputScale: 12, outputScale: 12))
            let shift = 12 - table.inputScale
            let bound = table.errorBound(inputScale: 12) + 1e-12
            var worst = 0.0
            for i in -20_000 ... 20_000 {
                let real = Double(i) / 1000
                let x = try #require(FixedPoint.quantize(real, scale: 12))
                let y = Double(table.value(at: FixedPoint.rescale(x, shift: shift))) * FixedPoint.power(-12)
                // The input's own quantization (2^-13 at scale 12) moves f by up to |f′|·2^-13 too.
                let error = abs(y - f(real)) - f.maximumSlope * FixedPoint.power(-13)
                worst = max(worst, error)
            }
            #expect(worst <= bound, "\(f): \(worst) > \(bound) (input scale \(table.inputScale), \(table.outputs.count) rows)")
            #expect(worst <= 0.01, "\(f): \(worst) above 1 % of the output range")
        }
    }

    @Test("sigmoid at the default scales: 2^-6 input steps over ±9.01, 1,155 rows")
    func sigmoidShape() throws {
        let table = try #require(FunctionTable(.sigmoid, maximumInputScale: 12, outputScale: 12))
        #expect(table.inputScale == 6 && table.outputs.count == 1_155)
        #expect(table.outputs.first == 0 && table.outputs.last == 4096)
        #expect(table.lower == -table.upper || table.lower == -table.upper - 1)
        #expect(table.outputs == table.outputs.sorted())
        #expect(table.summary(inputScale: 12) == "Sigmoid: input 2^-6, 1155 rows, error ≤ 0.0021")
    }
}
