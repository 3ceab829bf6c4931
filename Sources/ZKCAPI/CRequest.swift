#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKCompiler
internal import ZKQuant
internal import ZKWorkflow

/// A call's JSON request object, read field by field: a missing, mistyped or unknown field is a
/// ``ZKWorkflow/WorkflowError`` naming it (`request field 'bits': expected an integer`), so a typo
/// in a Python keyword argument is an error, not a silently ignored setting.
struct CRequest {
    private let fields: [String: JSONValue]
    private var read: Set<String> = []

    /// Parses the request text (a JSON object; NULL or empty is `{}`).
    init(_ text: UnsafePointer<CChar>?) throws {
        guard let text, text.pointee != 0 else { fields = [:]; return }
        let bytes = Array(String(cString: text).utf8)
        let value: JSONValue
        do { value = try JSONValue.parse(bytes, maxDepth: 64) } catch {
            throw WorkflowError("request: not valid JSON (\(error))")
        }
        guard let object = value.objectValue else { throw WorkflowError("request: expected a JSON object") }
        fields = object
    }

    private mutating func value(_ key: String) -> JSONValue? {
        read.insert(key)
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    /// The field's value converted by `extract`, or an error saying what was `expected`.
    private mutating func typed<T>(_ key: String, _ expected: String, _ extract: (JSONValue) -> T?) throws -> T? {
        guard let value = value(key) else { return nil }
        guard let typed = extract(value) else { throw WorkflowError("request field '\(key)': expected \(expected)") }
        return typed
    }

    mutating func string(_ key: String) throws -> String? { try typed(key, "a string", \.stringValue) }

    mutating func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else { throw WorkflowError("request field '\(key)': missing") }
        return text
    }

    mutating func int(_ key: String) throws -> Int? { try typed(key, "an integer", \.intValue) }

    /// A boolean field (absent: false).
    mutating func bool(_ key: String) throws -> Bool {
        try typed(key, "true or false") { if case let .bool(flag) = $0 { flag } else { nil } } ?? false
    }

    /// A setting given as text (`"private"`, `"lookup:12"`), parsed by `parse`.
    mutating func setting<T>(_ key: String, expected: String, _ parse: (String) -> T?) throws -> T? {
        guard let text = try string(key) else { return nil }
        guard let setting = parse(text) else { throw WorkflowError("request field '\(key)': '\(text)' is not one of \(expected)") }
        return setting
    }

    /// EZKL rows given inline (`"input_data": [[…]]`), checked as an input file is.
    mutating func rows(_ key: String) throws -> [[Double]]? {
        guard let value = value(key) else { return nil }
        let document = JSONValue.object(["input_data": value]).rendered()
        return try EZKLJSON.inputRows(from: Data(document.utf8), file: fields["input_name"]?.stringValue ?? "request field '\(key)'")
    }

    /// The rows of `inline` or else of the file at `path`, with the name errors give them
    /// (`input_name` when the request has one: the caller's argument, `inputs`).
    mutating func rows(inline: String, path: String) throws -> (rows: [[Double]], name: String)? {
        let display = try string("input_name")
        if let rows = try rows(inline) {
            if fields[path] != nil && fields[path] != .null { throw WorkflowError("request: give '\(inline)' or '\(path)', not both") }
            return (rows, display ?? "request field '\(inline)'")
        }
        return try string(path).map { (try Workflow.inputRows($0), $0) }
    }

    /// The quantization and visibility settings of compile and inspect (`zkml compile`'s flags).
    mutating func compileOptions() throws -> Workflow.CompileOptions {
        var options = Workflow.CompileOptions()
        if let bits = try int("bits") { options.configuration.activationBits = bits }
        if let scale = try int("scale") { options.configuration.defaultActivationScale = scale }
        options.configuration.inputBits = try int("input_bits")
        options.configuration.inputScale = try int("input_scale")
        if let v = try setting("input_visibility", expected: "public, private, hashed", InputVisibility.init(rawValue:)) { options.inputVisibility = v }
        if let v = try setting("output_visibility", expected: "public, hashed", OutputVisibility.init(rawValue:)) { options.outputVisibility = v }
        if let v = try setting("param_visibility", expected: "fixed, hashed", ParameterVisibility.init(rawValue:)) { options.parameterVisibility = v }
        if let v = try setting("input_range_check", expected: "circuit, verifier", InputRangeCheck.init(rawValue:)) { options.inputRangeCheck = v }
        if let v = try setting("salt", expected: "all, none, or a list of inputs, outputs, parameters", DigestSalting.init(argument:)) { options.salting = v }
        if let v = try setting("range_checks", expected: "auto, bits, lookup:W[,t…]", RangeCheckSetting.init(text:)) { options.rangeChecks = v }
        if let layout = try setting("public_layout", expected: "auto, packed, plain", { ["auto", "packed", "plain"].contains($0) ? $0 : nil }) {
            options.publicPacking = layout == "auto" ? nil : PublicSignalPacking(rawValue: layout)
        }
        return options
    }

    /// Fails naming the first field no reader asked for.
    func checkAllRead() throws {
        if let unknown = fields.keys.sorted().first(where: { !read.contains($0) }) {
            throw WorkflowError("request field '\(unknown)': unknown for this call")
        }
    }
}
