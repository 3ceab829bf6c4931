internal import ArgumentParser
internal import ZKQuant

/// The fixed-point flags shared by `compile`, `infer` and `inspect` (`@OptionGroup var
/// quantization: QuantizationOptions`), so that `infer` runs, and `inspect` counts, exactly the
/// arithmetic `compile` proves.
struct QuantizationOptions: ParsableArguments {
    @Option(help: "Signed bit width of every activation (each costs about this many constraints per range check).")
    var bits = QuantizationConfiguration().activationBits

    @Option(help: "Activation scale exponent when not calibrating (real ≈ q·2^-scale).")
    var scale = QuantizationConfiguration().defaultActivationScale

    @Option(help: "Signed bit width of the graph inputs, when narrower than --bits (inputs outside it are refused by name at prove time; narrower inputs pack more to a public input).")
    var inputBits: Int?

    @Option(help: "Scale exponent of the graph inputs, overriding calibration and --scale (0 keeps integer features such as pixel values exact).")
    var inputScale: Int?

    @Option(name: .long,
            help: "Values of named symbolic input dimensions, name=value[,name=value…] (repeatable; EZKL's --variables; e.g. batch_size=4 for 4 rows); any other symbolic dimension is 1.")
    var variables: [String] = []

    @Option(name: .long,
            help: "Shape of a graph input, name=4x3 (repeatable), where the model leaves a dimension symbolic (skl2onnx's unnamed batch: [None, 3]); fixed dimensions must match.")
    var inputShape: [String] = []

    /// `--input-shape` as name → shape (checked by ``validate()``).
    var inputShapes: [String: [Int]] { (try? parsedInputShapes()) ?? [:] }

    /// `--variables` as name → value (checked by ``validate()``).
    var dimensions: [String: Int] { (try? parsedDimensions()) ?? [:] }

    func validate() throws {
        _ = try parsedInputShapes()
        _ = try parsedDimensions()
    }

    func parsedInputShapes() throws -> [String: [Int]] {
        try Self.named(inputShape, flag: "--input-shape", form: "name=shape with dimensions of at least 1", example: "X=4x3", Self.shape)
    }

    func parsedDimensions() throws -> [String: Int] {
        try Self.named(variables.flatMap { $0.split(separator: ",").map(String.init) }, flag: "--variables",
                       form: "name=value with a value of at least 1", example: "batch_size=4") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
    }

    /// `name=value` items parsed by `value` (nil for a bad value), or a `ValidationError` naming `flag` and the item.
    static func named<T>(_ items: [String], flag: String, form: String, example: String,
                         _ value: (Substring) -> T?) throws -> [String: T] {
        var parsed: [String: T] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, let v = value(parts[1]) else {
                throw ValidationError("\(flag): '\(item)' is not \(form) (e.g. \(example))")
            }
            parsed[String(parts[0])] = v
        }
        return parsed
    }

    /// `4x3` as `[4, 3]`, nil unless every dimension is at least 1.
    static func shape(_ text: Substring) -> [Int]? {
        let dimensions = text.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard !dimensions.isEmpty, dimensions.allSatisfy({ ($0 ?? 0) >= 1 }) else { return nil }
        return dimensions.map { $0! }
    }

    /// The quantization knobs these flags set (the others at their defaults).
    var configuration: QuantizationConfiguration {
        var configuration = QuantizationConfiguration()
        configuration.activationBits = bits
        configuration.defaultActivationScale = scale
        configuration.inputBits = inputBits
        configuration.inputScale = inputScale
        if !dimensions.isEmpty { configuration.dimensions = dimensions }
        if !inputShapes.isEmpty { configuration.inputShapes = inputShapes }
        return configuration
    }
}
