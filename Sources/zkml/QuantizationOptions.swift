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
    var inputShapes: [String: [Int]] {
        var shapes: [String: [Int]] = [:]
        for item in inputShape {
            let parts = item.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { shapes[String(parts[0])] = parts[1].split(separator: "x").compactMap { Int(String($0)) } }
        }
        return shapes
    }

    /// `--variables` as name → value (checked by ``validate()``).
    var dimensions: [String: Int] {
        var values: [String: Int] = [:]
        for item in variables.flatMap({ $0.split(separator: ",") }) {
            let parts = item.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Int(String(parts[1])) {
                values[String(parts[0])] = value
            }
        }
        return values
    }

    func validate() throws {
        for item in inputShape {
            let parts = item.split(separator: "=", maxSplits: 1)
            let dimensions = parts.count == 2 ? parts[1].split(separator: "x", omittingEmptySubsequences: false).map { Int(String($0)) } : []
            guard parts.count == 2, !String(parts[0]).isEmpty, !dimensions.isEmpty, dimensions.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw ValidationError("--input-shape: '\(item)' is not name=shape with dimensions of at least 1 (e.g. X=4x3)")
            }
        }
        for item in variables.flatMap({ $0.split(separator: ",") }) {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !String(parts[0]).isEmpty,
                  let value = Int(String(parts[1])), value >= 1 else {
                throw ValidationError("--variables: '\(item)' is not name=value with a value of at least 1 (e.g. batch_size=4)")
            }
        }
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
