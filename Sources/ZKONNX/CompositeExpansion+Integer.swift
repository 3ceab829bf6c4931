/// The integer and quantized linear operators of ONNX's QOperator format (``CompositeOperator``):
/// MatMulInteger and ConvInteger as the integer product of the centred operands, QLinearMatMul and
/// QLinearConv as DequantizeLinear, the float product and QuantizeLinear (both expanded in turn).
extension CompositeExpansion {
    mutating func expandIntegerLinear(_ node: Node, _ operation: CompositeOperator, output: String, shape: (String) -> [Int]?,
                                      fail: (String) -> ONNXError) throws {
        let int32: [String: Attribute] = ["to": .int(ElementType.int32.rawValue)]
        /// `x − zero point` in `int32`; a 1-D zero point lies along `axis` of `x` (reshaped to broadcast there).
        func centred(_ x: String, _ zeroPoint: String?, axis: Int) throws -> String {
            let value = emit("Cast", [x], attributes: int32)
            guard let zeroPoint else { return value }
            guard let xShape = shape(x), let pointShape = shape(zeroPoint) else { throw fail("needs inputs of static shape") }
            var point = zeroPoint
            let count = pointShape.reduce(1, *)
            if count > 1 {
                let along = axis < 0 ? axis + xShape.count : axis
                guard pointShape.count == 1, (0 ..< xShape.count).contains(along), xShape[along] == count else {
                    throw fail("zero point of shape \(pointShape) for an input of shape \(xShape) (a scalar or one per \(axis == 0 ? "output channel" : axis == -1 ? "column" : "row"))")
                }
                let target = [count] + Array(repeating: 1, count: xShape.count - along - 1)
                point = emit("Reshape", [zeroPoint, index([target.count], target)])
            }
            return emit("Sub", [value, emit("Cast", [point], attributes: int32)])
        }
        /// The `i`-th input, required.
        func input(_ i: Int, _ role: String) throws -> String {
            guard let name = node.input(i) else { throw fail("needs its \(role) input") }
            return name
        }
        /// DequantizeLinear of inputs `i`, `i + 1`, `i + 2` with `axis` for a 1-D scale.
        func dequantized(_ i: Int, axis: Int) throws -> String {
            emit("DequantizeLinear", [try input(i, "quantized"), try input(i + 1, "scale"), try input(i + 2, "zero point")],
                 attributes: ["axis": .int(axis)])
        }
        /// `Cast(Min(Max(value, 0), 255))` to uint8 (the value already rounded).
        func saturatedBounds(_ value: String, _ uint8: [String: Attribute]) -> String {
            emit("Cast", [emit("Min", [emit("Max", [value, constant([], [0], .float)]), constant([], [255], .float)])], attributes: uint8)
        }
        switch operation {
        case .matMulInteger:
            let a = try input(0, "A"), b = try input(1, "B")
            guard let rank = shape(a)?.count, rank >= 2 else { throw fail("needs an A of rank 2 or more") }
            finish("MatMul", [try centred(a, node.input(2), axis: -2), try centred(b, node.input(3), axis: -1)], output)
        case .convInteger:
            let x = try input(0, "x"), w = try input(1, "w")
            if let point = node.input(2), let pointShape = shape(point), pointShape.reduce(1, *) != 1 {
                throw fail("x_zero_point of shape \(pointShape) (a scalar)")
            }
            finish("Conv", [try centred(x, node.input(2), axis: 0), try centred(w, node.input(3), axis: 0)], output, attributes: node.attributes)
        case .qLinearMatMul:
            let product = emit("MatMul", [try dequantized(0, axis: -2), try dequantized(3, axis: -1)])
            finish("QuantizeLinear", [product, try input(6, "y_scale"), try input(7, "y_zero_point")], output, attributes: ["axis": .int(-2)])
        case .qLinearConv:
            var operands = [try dequantized(0, axis: 1), try dequantized(3, axis: 0)]
            if let bias = node.input(8) {
                // B is int32 at scale x_scale·w_scale (per output channel with a per-channel w_scale).
                operands.append(emit("Mul", [emit("Cast", [bias], attributes: ["to": .int(ElementType.float.rawValue)]),
                                             emit("Mul", [try input(1, "x_scale"), try input(4, "w_scale")])]))
            }
            let convolved = emit("Conv", operands, attributes: node.attributes)
            finish("QuantizeLinear", [convolved, try input(6, "y_scale"), try input(7, "y_zero_point")], output)
        case .dynamicQuantizeLinear:
            let x = try input(0, "x")
            // No axes: every axis, in every opset's form of ReduceMin/ReduceMax.
            let all: [String: Attribute] = ["keepdims": .int(0)]
            let zero = constant([], [0], .float)
            let low = emit("Min", [emit("ReduceMin", [x], attributes: all), zero])
            let high = emit("Max", [emit("ReduceMax", [x], attributes: all), zero])
            let range = emit("Sub", [high, low])
            let scale = emit("Div", [range, constant([], [255], .float)])
            // x / scale as x · (255 / range): the reciprocal's table reads the range, not the
            // scale 255 times smaller, which would fall below its domain for most activations.
            let inverse = emit("Div", [constant([], [255], .float), range])
            let uint8: [String: Attribute] = ["to": .int(ElementType.uint8.rawValue)]
            // Round is ONNX's: halves to even, as DynamicQuantizeLinear specifies.
            let point = saturatedBounds(emit("Round", [emit("Mul", [emit("Neg", [low]), inverse])]), uint8)
            let quantized = emit("Add", [emit("Round", [emit("Mul", [x, inverse])]),
                                         emit("Cast", [point], attributes: ["to": .int(ElementType.float.rawValue)])])
            let outputs = node.outputs + Array(repeating: "", count: max(0, 3 - node.outputs.count))
            let results = [saturatedBounds(quantized, uint8), scale, point]
            for (name, value) in zip(outputs, results) where !name.isEmpty {
                nodes.append(Node(name: "\(prefix)>\(name)", opType: "Identity", inputs: [value], outputs: [name]))
            }
        default:
            preconditionFailure("\(operation) is not an integer linear operator")
        }
    }
}
