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

    /// The quantization knobs these flags set (the others at their defaults).
    var configuration: QuantizationConfiguration {
        var configuration = QuantizationConfiguration()
        configuration.activationBits = bits
        configuration.defaultActivationScale = scale
        configuration.inputBits = inputBits
        configuration.inputScale = inputScale
        return configuration
    }
}
