/// Where each model input and output sits among a circuit's public signals.
///
/// Public signals are, in order: every public input tensor (graph-input order, row-major), then
/// every output tensor (graph-output order, row-major). Values are signed integers `q` in the
/// field (`r − |q|` for negatives) at the tensor's scale: real ≈ q·2^-scale.
public struct PublicLayout: Sendable, Equatable, Codable {
    /// One tensor's range of public signals.
    public struct Entry: Sendable, Equatable, Codable {
        public enum Role: String, Sendable, Codable { case input, output }
        public var role: Role
        public var name: String
        public var shape: [Int]
        public var scale: Int
        public var bits: Int
        /// Index of the tensor's first element among the public signals (0-based).
        public var offset: Int
        public var count: Int { shape.reduce(1, *) }

        public init(role: Role, name: String, shape: [Int], scale: Int, bits: Int, offset: Int) {
            self.role = role
            self.name = name
            self.shape = shape
            self.scale = scale
            self.bits = bits
            self.offset = offset
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The total number of public signals.
    public var count: Int { entries.last.map { $0.offset + $0.count } ?? 0 }
    /// The output entries, in graph-output order.
    public var outputs: [Entry] { entries.filter { $0.role == .output } }
    /// The public input entries (empty when inputs are private).
    public var inputs: [Entry] { entries.filter { $0.role == .input } }
}
