import ZKONNX

extension Quantizer {
    /// Lowers one ONNX node to integer steps: one line per operator, the code in the file of its
    /// family (`Quantizer+Linear`, `+Arithmetic`, `+Activation`, `+Window`, `+Rearrange`).
    mutating func lower(_ node: Node) throws {
        guard let op = node.op else {
            throw QuantError.onnx(.unsupportedOperator(node: node.name, opType: node.opType, opset: graph.opset))
        }
        switch op {
        case .gemm: try lowerGemm(node)
        case .matMul: try lowerMatMul(node)
        case .conv: try lowerConv(node)
        case .convTranspose: try lowerConvTranspose(node)
        case .einsum: try lowerEinsum(node)
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseNot, .bitShift: try lowerBitwise(node)
        case .batchNormalization: try lowerBatchNormalization(node)
        case .add, .sub, .sum, .neg: try lowerLinearCombination(node)
        case .mul, .div: try lowerProduct(node)
        case .pow: try lowerPower(node)
        case .relu: try lowerRelu(node)
        case .leakyRelu: try lowerLeakyRelu(node)
        case .pRelu: try lowerPRelu(node)
        case .clip: try lowerClip(node)
        case .function: try lowerFunction(node, UnaryFunction(node)!)
        case .softmax, .logSoftmax: try lowerSoftmax(node)
        case let .logic(operation): try lowerLogic(node, operation)
        case .floor, .ceil: try lowerFloor(node)
        case .round: try lowerRound(node)
        case .oneHot: try lowerOneHot(node)
        case .gatherElements: try lowerGatherElements(node)
        case .topK: try lowerTopK(node)
        case .scaler, .linearRegressor: try lowerLinearML(node)
        case .linearClassifier: try lowerLinearClassifier(node)
        case .normalizer: try lowerNormalizer(node)
        case .resize, .upsample: try lowerResize(node)
        case .rnn, .gru, .lstm:
            // The resolved graph holds their time steps instead (RecurrentExpansion).
            throw unsupported(node, "a recurrent node left unexpanded")
        case .composite:
            // The resolved graph holds its expansion instead (CompositeExpansion).
            throw unsupported(node, "a composite node left unexpanded")
        case .sequence:
            // The resolved graph holds the tensors' operators instead (SequenceResolution).
            throw unsupported(node, "a sequence node left unresolved")
        case .max, .min: try lowerExtremum(node)
        case .mod: try lowerMod(node)
        case .hardmax: try lowerHardmax(node)
        case .gatherND: try lowerGatherND(node)
        case .scatterND: try lowerScatterND(node)
        case .scatterElements: try lowerScatterElements(node)
        case .layerNormalization, .instanceNormalization: try lowerNormalization(node)
        case let .window(operation): try lowerWindowed(node, operation)
        case .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .concat, .slice, .pad, .identity, .dropout, .cast,
             .gather, .expand, .tile, .trilu, .zipMap, .arrayFeatureExtractor, .depthToSpace, .spaceToDepth:
            try lowerRearrange(node)
        case .split:
            // One rearrangement per output: the Slice that output is.
            guard let x = node.input(0), let shape = graph.shapes[x] else { throw unsupported(node, "no input") }
            let slices = try FloatEvaluator.splitSlices(node, shape: shape, opset: graph.opset,
                                                        operands: node.inputs.map { $0.isEmpty ? nil : graph.constants[$0] })
            for slice in slices where !slice.outputs[0].isEmpty { try lowerRearrange(slice) }
        case .treeEnsembleClassifier, .treeEnsembleRegressor, .treeEnsemble: try lowerTreeEnsemble(node)
        case .nonZero:
            throw unsupported(node, "NonZero of a computed tensor (its output shape would depend on the data)")
        case .constant, .shape, .constantOfShape, .eyeLike, .range:
            // Always folded when their operands are constant; on an activation they have no
            // integer form.
            throw QuantError.onnx(.unsupportedOperator(node: node.name, opType: node.opType, opset: graph.opset))
        }
    }
}
