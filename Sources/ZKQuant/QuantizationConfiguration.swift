/// The knobs of the fixed-point scheme (see docs/quantization.md).
public struct QuantizationConfiguration: Sendable, Equatable, Codable {
    /// Signed bit width of every activation (default 24: ±8.4 million, so ±2048 at scale 12).
    public var activationBits: Int
    /// Scale exponent `s` (real ≈ q·2^-s) of every activation when no calibration data is given.
    public var defaultActivationScale: Int
    /// Upper bound on a calibrated activation scale.
    public var maxActivationScale: Int
    /// Calibration keeps `max|x| · 2^s · headroom < 2^(bits−1)`; 2 leaves one bit of margin.
    public var calibrationHeadroom: Double
    /// Signed bit width of a quantized weight or constant multiplier.
    public var weightBits: Int
    /// Upper bound on a constant's scale exponent (limits the rescale shift).
    public var maxWeightScale: Int
    /// Signed bit width of the graph inputs, when narrower than ``activationBits``: the range the
    /// inference accepts and the circuit checks, and the width a packed public input takes
    /// (docs/evm.md). `nil` (default): ``activationBits``.
    public var inputBits: Int?
    /// Scale exponent of the graph inputs, overriding calibration and ``defaultActivationScale``
    /// (integer features such as pixel values 0…255 are exact at scale 0). `nil` (default): as
    /// any activation.
    public var inputScale: Int?
    /// Values of the graph inputs' named symbolic dimensions (EZKL's `variables`, e.g.
    /// `batch_size = 4`: the circuit then takes 4 rows); any other symbolic dimension is 1.
    /// `nil` (default): all 1.
    public var dimensions: [String: Int]?
    /// Shapes of graph inputs by name, overriding their declared shapes where those are symbolic
    /// (an unnamed batch dimension, as skl2onnx exports `[None, 3]`); fixed dimensions must match.
    /// `nil` (default): the declared shapes.
    public var inputShapes: [String: [Int]]?

    public init(activationBits: Int = 24, defaultActivationScale: Int = 12, maxActivationScale: Int = 16,
                calibrationHeadroom: Double = 2, weightBits: Int = 16, maxWeightScale: Int = 16) {
        self.activationBits = activationBits
        self.defaultActivationScale = defaultActivationScale
        self.maxActivationScale = maxActivationScale
        self.calibrationHeadroom = calibrationHeadroom
        self.weightBits = weightBits
        self.maxWeightScale = maxWeightScale
    }

    /// Checks the ranges the exact 64-bit inference relies on.
    public func validate() throws {
        guard (2...32).contains(activationBits) else { throw QuantError.invalidConfiguration("activationBits must be in 2...32") }
        guard (2...32).contains(weightBits) else { throw QuantError.invalidConfiguration("weightBits must be in 2...32") }
        guard (-16...30).contains(defaultActivationScale), (-16...30).contains(maxActivationScale),
              (0...30).contains(maxWeightScale) else { throw QuantError.invalidConfiguration("scales must be in -16...30") }
        guard calibrationHeadroom >= 1 else { throw QuantError.invalidConfiguration("calibrationHeadroom must be ≥ 1") }
        if let inputBits, !(2...activationBits).contains(inputBits) {
            throw QuantError.invalidConfiguration("inputBits must be in 2...\(activationBits) (the activation width)")
        }
        if let inputScale, !(-16...30).contains(inputScale) { throw QuantError.invalidConfiguration("inputScale must be in -16...30") }
        if let (name, value) = dimensions?.first(where: { $0.value < 1 || $0.key.isEmpty }) {
            throw QuantError.invalidConfiguration("dimension '\(name)' = \(value): a named dimension of at least 1")
        }
        if let (name, shape) = inputShapes?.first(where: { $0.value.isEmpty || $0.value.contains { $0 < 1 } }) {
            throw QuantError.invalidConfiguration("input shape \(name) = \(shape): dimensions of at least 1")
        }
    }
}
