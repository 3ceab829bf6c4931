extension ONNXOperator {
    /// How the operator is arithmetised once quantized.
    public var kind: OperatorSupport.Kind {
        switch self {
        case .gemm, .matMul, .conv, .convTranspose, .batchNormalization, .add, .sub, .sum, .neg: .linear
        case .mul, .div, .pow, .relu, .leakyRelu, .pRelu, .clip, .function, .softmax, .logSoftmax, .layerNormalization,
             .instanceNormalization: .nonLinear
        case .floor, .ceil, .round, .oneHot, .gatherElements, .topK: .nonLinear
        case .max, .min, .mod, .hardmax, .gatherND, .scatterND, .scatterElements, .linearClassifier, .normalizer: .nonLinear
        case .rnn, .gru, .lstm: .nonLinear
        // Linear when one operand is a constant; a product of activations otherwise.
        case .einsum: .nonLinear
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitShift: .nonLinear
        case .bitwiseNot: .linear
        case .resize, .upsample: .linear
        case .eyeLike, .range, .nonZero: .constant
        case .logic(.not): .linear
        case .logic: .nonLinear
        case let .window(operation):
            switch operation {
            case .reduceSum: .linear
            case .maxPool, .averagePool, .globalMaxPool, .globalAveragePool, .reduceMean, .reduceMax, .reduceMin, .argMax, .argMin,
                 .reduceL1, .reduceL2, .reduceLogSumExp, .reduceSumSquare:
                .nonLinear
            }
        case .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .concat, .slice, .pad, .identity, .dropout, .cast,
             .gather, .expand, .tile, .trilu, .split, .zipMap, .arrayFeatureExtractor, .depthToSpace, .spaceToDepth: .wiring
        case .constant, .shape, .constantOfShape: .constant
        case .scaler, .linearRegressor: .linear
        case .treeEnsembleClassifier, .treeEnsembleRegressor, .treeEnsemble: .nonLinear
        // What its expansion's operators cost.
        case .composite(.mean), .composite(.dequantizeLinear): .linear
        case .composite(.featureVectorizer): .wiring
        case .composite(.cumSum): .linear
        case .composite(.isNaN), .composite(.isInf), .composite(.size): .constant
        case .composite(.castLike): .wiring
        case .composite(.matMulInteger), .composite(.convInteger): .linear
        case .composite: .nonLinear
        // A computed SequenceAt position is a GatherElements; the others name tensors.
        case .sequence(.sequenceLength): .constant
        case .sequence(.sequenceAt): .nonLinear
        case .sequence: .wiring
        }
    }
}
