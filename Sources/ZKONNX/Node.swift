/// One operator application in a graph.
public struct Node: Sendable, Equatable {
    /// The node's name; decoding gives unnamed nodes the name `#<index>`.
    public var name: String
    /// The operator's name as written in the file, e.g. `Conv`.
    public let opType: String
    /// The operator domain; `""` is the default ONNX domain.
    public let domain: String
    /// The operator, matched once from `opType` and `domain`; `nil` when zkml does not support it.
    public let op: ONNXOperator?
    /// Input value names; `""` marks an omitted optional input.
    public var inputs: [String]
    /// Output value names.
    public var outputs: [String]
    /// Attributes by name.
    public var attributes: [String: Attribute]

    /// A node whose operator is matched from `opType` in `domain` (``op`` is `nil` when unsupported).
    public init(name: String, opType: String, domain: String = "", inputs: [String], outputs: [String],
                attributes: [String: Attribute] = [:]) {
        self.name = name
        self.opType = opType
        self.domain = domain
        self.op = ONNXOperator(opType: opType, domain: domain)
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
    }
}

extension Node {
    /// A node of a supported operator (in its domain).
    public init(name: String, op: ONNXOperator, inputs: [String], outputs: [String], attributes: [String: Attribute] = [:]) {
        self.init(name: name, opType: op.name, domain: op.domain, inputs: inputs, outputs: outputs, attributes: attributes)
    }

    /// The integer attribute `key`, if present.
    public func int(_ key: String) -> Int? {
        if case let .int(value)? = attributes[key] { return value }
        return nil
    }
    /// The float attribute `key` (an integer attribute is converted), if present.
    public func float(_ key: String) -> Double? {
        switch attributes[key] {
        case let .float(value)?: return value
        case let .int(value)?: return Double(value)
        default: return nil
        }
    }
    /// The integer-list attribute `key` (a single integer becomes a one-element list), if present.
    public func ints(_ key: String) -> [Int]? {
        switch attributes[key] {
        case let .ints(values)?: return values
        case let .int(value)?: return [value]
        default: return nil
        }
    }
    /// The float-list attribute `key`, if present.
    public func floats(_ key: String) -> [Double]? {
        if case let .floats(values)? = attributes[key] { return values }
        return nil
    }
    /// The string attribute `key`, if present.
    public func string(_ key: String) -> String? {
        if case let .string(value)? = attributes[key] { return value }
        return nil
    }
    /// The string-list attribute `key`, if present.
    public func strings(_ key: String) -> [String]? {
        if case let .strings(values)? = attributes[key] { return values }
        return nil
    }
    /// The `index`-th input name, or `nil` when absent or omitted.
    public func input(_ index: Int) -> String? {
        index < inputs.count && !inputs[index].isEmpty ? inputs[index] : nil
    }
}
