public import ZKField
import ZKPoseidon
public import ZKQuant

/// The parameter tensors of a quantized model under ``ParameterVisibility/hashed``, in the order
/// the circuit allocates them, and their Poseidon commitment.
///
/// **Which tensors.** Per step in model order: `matMul` weights then bias, `conv` weights then
/// bias, `mulConstant` multiplier then bias, `linearCombination` constant. Structural constants
/// stay public circuit constants: rescale shifts and divisors, clip bounds, LeakyReLU slopes,
/// padding values of rearrangements, and every tensor's scale exponent.
///
/// **Widths.** Weights and multipliers: `weightBits` signed bits (the quantizer guarantees it).
/// Biases and additive constants, quantized at the accumulator's scale:
/// ``biasBits(_:)`` = `min(62, weightBits + activationBits)` signed bits; a model whose bias does
/// not fit is refused at compile time, naming the node.
///
/// **Commitment.** Each parameter `q` of width `b` is offset to `u = q + 2^(b−1) ∈ [0, 2^b)`;
/// each tensor's `u` values are packed little-endian, `k = ⌊250 / b⌋` per field element
/// (`p = Σ_j u_j · 2^(b·j)`, injective because every `u_j` is range-checked); the commitment is
/// `Poseidon.hash(vector:)` of all packed elements in order (ZKPoseidon's sponge). Packing is
/// linear, so the commitment costs ≈ 612 / (16·k) constraints per parameter (≈ 2.6 at 16 bits).
public struct ModelParameters: Sendable {
    /// One parameter tensor.
    public struct Entry: Sendable, Equatable {
        /// The ONNX node of the step.
        public var node: String
        /// `weights`, `bias`, `multiplier` or `constant`.
        public var role: String
        public var values: [Int64]
        /// Signed width each value is range-checked to.
        public var bits: Int
    }

    /// The tensors in allocation order.
    public let tensors: [Entry]

    /// The parameters of `model`, in allocation order.
    public init(model: QuantizedModel) {
        var tensors: [Entry] = []
        for step in model.steps { tensors += Self.tensors(of: step, configuration: model.configuration) }
        self.tensors = tensors
    }

    /// The parameter tensors of one step (empty for structural steps).
    static func tensors(of step: QuantizedStep, configuration: QuantizationConfiguration) -> [Entry] {
        let (w, b) = (configuration.weightBits, biasBits(configuration))
        func tensor(_ role: String, _ values: [Int64], _ bits: Int) -> Entry { Entry(node: step.node, role: role, values: values, bits: bits) }
        switch step.operation {
        case let .matMul(weights, bias), let .conv(_, weights, bias):
            return [tensor("weights", weights.scalars, w)] + (bias.map { [tensor("bias", $0, b)] } ?? [])
        case let .mulConstant(multiplier, bias):
            return [tensor("multiplier", multiplier.scalars, w)] + (bias.map { [tensor("bias", $0.scalars, b)] } ?? [])
        case let .linearCombination(_, constant):
            return constant.map { [tensor("constant", $0.scalars, b)] } ?? []
        case .mul, .batchMatMul, .rescale, .divide, .reciprocal, .test, .oneHot, .relu, .leakyRelu, .clip, .rearrange, .windowSum, .windowMax, .subtractWindowMax, .argMax:
            return []
        case .table:
            // The function's table is public: it is the ONNX operator, not a weight.
            return []
        case .treeEnsemble:
            // Thresholds and leaves are circuit constants; `ModelCircuit` refuses hashed parameters for them.
            return []
        case .bitwise, .shiftLeft:
            // Masks and shift amounts are the operator's structure (their bits shape the gadget), public like a table.
            return []
        }
    }

    /// The signed width of biases and additive constants: `min(62, weightBits + activationBits)`.
    public static func biasBits(_ configuration: QuantizationConfiguration) -> Int {
        min(62, configuration.weightBits + configuration.activationBits)
    }

    /// Parameters per packed field element at width `bits`.
    static func packing(bits: Int) -> Int { 250 / bits }

    /// The number of parameters.
    public var count: Int { tensors.reduce(0) { $0 + $1.values.count } }

    /// The number of packed field elements the commitment hashes.
    public var packedCount: Int {
        tensors.reduce(0) { $0 + ($1.values.count + Self.packing(bits: $1.bits) - 1) / Self.packing(bits: $1.bits) }
    }

    /// The first value that does not fit its width, as a message naming the node.
    public func firstOverflow() -> (node: String, reason: String)? {
        for tensor in tensors {
            let limit = Int64(1) << (tensor.bits - 1)
            if let index = tensor.values.firstIndex(where: { $0 < -limit || $0 >= limit }) {
                return (tensor.node, "\(tensor.role)[\(index)] = \(tensor.values[index]) does not fit the \(tensor.bits)-bit width "
                        + "of hashed parameters (lower --scale or the weights' magnitude)")
            }
        }
        return nil
    }

    /// The commitment: `Poseidon.hash(vector:)` of the packed parameters (see the type's doc),
    /// or with a salt `Poseidon.hash(vector:salt:)` (``DigestSalting/parameters``).
    /// - Parameter salt: the compiled model's parameter salt, below 2^248; `nil` for an unsalted
    ///   commitment that anyone holding the weights can recompute.
    public func commitment(salt: BN254.Fr? = nil) -> BN254.Fr {
        var packed: [BN254.Fr] = []
        for tensor in tensors {
            let k = Self.packing(bits: tensor.bits)
            let offset = BN254.Fr(Int(Int64(1) << (tensor.bits - 1)))
            let step = Self.power(tensor.bits)
            var start = 0
            while start < tensor.values.count {
                var element = BN254.Fr.zero
                var weight = BN254.Fr.one
                for value in tensor.values[start ..< min(start + k, tensor.values.count)] {
                    element += (BN254.Fr(Int(value)) + offset) * weight
                    weight *= step
                }
                packed.append(element)
                start += k
            }
        }
        return salt.map { Poseidon.hash(vector: packed, salt: $0) } ?? Poseidon.hash(vector: packed)
    }

    /// `2^bits` in the field.
    static func power(_ bits: Int) -> BN254.Fr {
        var result = BN254.Fr.one
        for _ in 0 ..< bits { result += result }
        return result
    }
}
