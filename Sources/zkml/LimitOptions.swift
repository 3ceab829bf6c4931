internal import ArgumentParser
internal import ZKConstraints
internal import ZKGroth16
internal import ZKONNX
internal import ZKPipeline
internal import ZKQuant

/// The resource-limit flags shared by the commands that read files or run setup/prove
/// (`@OptionGroup var limits: LimitOptions`, then `limits.apply()` first in `run()`).
///
/// Every flag overrides one field of a module's limits value (`ONNXLimits`, `ConstraintLimits`,
/// `Groth16Limits`, `InputLimits`, `PipelineLimits`); an absent flag keeps the documented default.
/// Sizes take an optional binary suffix: `512K`, `300M`, `2G` (KiB, MiB, GiB).
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Memory setup/prove may use (default: the machine's physical memory).", valueName: "size"))
    var maxMemory: ByteSize?

    @Option(help: ArgumentHelp("Largest .onnx file read (default 2G).", valueName: "size"))
    var maxModelSize: ByteSize?

    @Option(help: ArgumentHelp("Most elements of one tensor, and of an input file (default 67108864 = 2^26).", valueName: "n"))
    var maxTensorElements: Int?

    @Option(help: ArgumentHelp("Most nodes in an ONNX graph (default 1048576).", valueName: "n"))
    var maxNodes: Int?

    @Option(help: ArgumentHelp("Most constraints in a circuit file (default 268435456 = 2^28).", valueName: "n"))
    var maxConstraints: Int?

    @Option(help: ArgumentHelp("Most wires in a circuit or witness file (default 536870912 = 2^29).", valueName: "n"))
    var maxWires: Int?

    @Option(help: ArgumentHelp("Largest circuit (.r1cs/.zkr1cs) or witness (.wtns) file read (default 64G).", valueName: "size"))
    var maxFileSize: ByteSize?

    @Option(help: ArgumentHelp("Largest pk.bin/vk.bin read (default 64G).", valueName: "size"))
    var maxKeySize: ByteSize?

    @Option(help: ArgumentHelp("Largest JSON document read: input, proof, public signals, verifying key (default 256M).", valueName: "size"))
    var maxJSONSize: ByteSize?

    @Option(help: ArgumentHelp("Deepest JSON nesting accepted (default 32).", valueName: "n"))
    var maxJSONDepth: Int?

    func validate() throws {
        for (name, value) in [("--max-tensor-elements", maxTensorElements), ("--max-nodes", maxNodes), ("--max-constraints", maxConstraints),
                              ("--max-wires", maxWires), ("--max-json-depth", maxJSONDepth)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
    }

    /// Installs the flags as the process-wide limits of every module.
    func apply() {
        var onnx = ONNXLimits.current
        if let maxModelSize { onnx.maxModelBytes = maxModelSize.bytes }
        if let maxTensorElements { onnx.maxTensorElements = maxTensorElements }
        if let maxNodes { onnx.maxNodes = maxNodes }
        ONNXLimits.current = onnx

        var constraints = ConstraintLimits.current
        if let maxConstraints { constraints.maxConstraints = maxConstraints }
        if let maxWires { constraints.maxWires = maxWires }
        if let maxFileSize { constraints.maxFileBytes = maxFileSize.bytes }
        ConstraintLimits.current = constraints

        var groth16 = Groth16Limits.current
        if let maxKeySize { groth16.maxKeyFileBytes = maxKeySize.bytes }
        if let maxJSONSize { groth16.maxJSONBytes = maxJSONSize.bytes }
        if let maxJSONDepth { groth16.maxJSONDepth = maxJSONDepth }
        Groth16Limits.current = groth16

        var input = InputLimits.current
        if let maxJSONSize { input.maxBytes = maxJSONSize.bytes }
        if let maxJSONDepth { input.maxDepth = maxJSONDepth }
        if let maxTensorElements { input.maxValues = maxTensorElements }
        InputLimits.current = input

        if let maxMemory { PipelineLimits.current = PipelineLimits(maxMemoryBytes: maxMemory.bytes) }
    }

    /// A byte count from the command line: digits with an optional `K`, `M` or `G` (binary units).
    struct ByteSize: ExpressibleByArgument {
        let bytes: Int

        init?(argument: String) {
            let text = argument.uppercased()
            let shifts: [Character: Int] = ["K": 10, "M": 20, "G": 30, "T": 40]
            var digits = Substring(text)
            var shift = 0
            if let last = text.last, let s = shifts[last] { shift = s; digits = digits.dropLast() }
            if digits.hasSuffix("I") || digits.hasSuffix("B") { return nil }
            guard let value = Double(digits), value > 0, value * Double(1 << shift) < Double(Int.max / 2) else { return nil }
            bytes = Int((value * Double(1 << shift)).rounded(.up))
        }
    }
}
