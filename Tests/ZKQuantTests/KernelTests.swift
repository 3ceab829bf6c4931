import Testing
import ZKONNX
@testable import ZKQuant

/// The SIMD/threaded integer kernels against plain loops.
@Suite struct KernelTests {
    @Test(arguments: [(1, 7, 3), (5, 64, 32), (33, 17, 19), (600, 40, 24)])
    func matMulMatchesNaive(rows: Int, inner: Int, columns: Int) {
        var rng = SeededGenerator(seed: UInt64(rows * 1000 + inner * 10 + columns))
        let x = (0..<(rows * inner)).map { _ in Int64.random(in: -(1 << 20)...(1 << 20), using: &rng) }
        let w = (0..<(inner * columns)).map { _ in Int64.random(in: -(1 << 15)...(1 << 15), using: &rng) }
        let bias = (0..<columns).map { _ in Int64.random(in: -(1 << 30)...(1 << 30), using: &rng) }
        let fast = IntegerKernels.matMul(x, rows: rows, inner: inner, weights: w, columns: columns, bias: bias)
        for r in 0..<rows {
            for c in 0..<columns {
                var sum = bias[c]
                for k in 0..<inner { sum += x[r * inner + k] * w[k * columns + c] }
                #expect(fast[r * columns + c] == sum)
            }
        }
    }

    @Test(arguments: [(1, 4, 9, 6, 1, 3, 1, 1), (2, 4, 7, 4, 2, 3, 2, 2), (1, 3, 8, 3, 3, 3, 1, 2)])
    func convMatchesNaive(batch: Int, cin: Int, size: Int, cout: Int, group: Int, k: Int, stride: Int, dilation: Int) throws {
        var rng = SeededGenerator(seed: UInt64(cin * 100 + cout * 10 + group))
        let node = Node(name: "conv", opType: "Conv", inputs: ["x", "w"], outputs: ["y"], attributes: [
            "group": .int(group), "strides": .ints([stride, stride]), "dilations": .ints([dilation, dilation]),
            "pads": .ints([1, 2, 2, 1]),
        ])
        let geometry = try ConvGeometry(node: node, inputShape: [batch, cin, size, size], weightShape: [cout, cin / group, k, k])
        let x = (0..<(batch * cin * size * size)).map { _ in Int64.random(in: -1000...1000, using: &rng) }
        let w = (0..<(cout * cin / group * k * k)).map { _ in Int64.random(in: -1000...1000, using: &rng) }
        let bias = (0..<cout).map { _ in Int64.random(in: -1000...1000, using: &rng) }
        let fast = IntegerKernels.conv(x, geometry: geometry, weights: w, bias: bias)
        let reference = try FloatEvaluator.evaluate(node, operands: [
            Tensor(shape: [batch, cin, size, size], scalars: x.map(Double.init)),
            Tensor(shape: [cout, cin / group, k, k], scalars: w.map(Double.init)),
            Tensor(shape: [cout], scalars: bias.map(Double.init)),
        ], opset: 13)[0]
        #expect(fast.map(Double.init) == reference.scalars)
    }
}
