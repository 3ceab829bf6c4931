internal import ZKField

/// A rank-1 constraint system over BN254's scalar field: the neutral layer between circuit
/// front ends (the builder, the ONNX compiler, circom files) and the Groth16 back end.
///
/// Wires are numbered `0` (the constant one), `1 ... publicCount` (public inputs, in the order
/// the verifier receives them), then `challengeCount` challenge wires, then the private witness:
/// first its `committedCount` round-one wires, then the rest. Each constraint may carry an origin
/// label (the gadget or ONNX node that emitted it) used in error messages; labels do not take
/// part in the circuit's identity (`contentHash`).
///
/// **Commitment round** (docs/groth16.md, "Lookups"). A system with `challengeCount > 0` is proved
/// in two rounds: the prover commits to the round-one wires, and each challenge wire must hold a
/// Fiat–Shamir challenge the verifier derives from that commitment and the public inputs; the
/// remaining private wires (logUp inverses, say) are computed after. The verifier treats the
/// challenge wires like public inputs it computes itself. Circuits without lookups (every circom
/// `.r1cs`) have `challengeCount == 0` and `committedCount == 0`: plain Groth16.
public struct R1CS: Sendable, Equatable {
    /// Number of public inputs (not counting the constant one).
    public let publicCount: Int
    /// Number of challenge wires, `publicCount + 1 ... publicCount + challengeCount`.
    public let challengeCount: Int
    /// Number of private witness values.
    public let privateCount: Int
    /// Number of private wires committed in round one (the first `committedCount` private wires);
    /// 0 when `challengeCount == 0`.
    public let committedCount: Int
    public private(set) var a: SparseMatrix
    public private(set) var b: SparseMatrix
    public private(set) var c: SparseMatrix
    /// Distinct origin labels; `labelIndices` points into it.
    public private(set) var labels: [String]
    /// Per constraint, an index into `labels` or `R1CS.noLabel`.
    public private(set) var labelIndices: [UInt32]
    private var labelLookup: [String: UInt32]

    /// Marks a constraint without an origin label.
    public static let noLabel = UInt32.max

    /// An empty system with the given numbers of public and private wires (and, for a circuit
    /// with a commitment round, of challenges and round-one wires).
    /// - Precondition: `challengeCount == 0` exactly when `committedCount == 0`.
    public init(publicCount: Int, privateCount: Int, challengeCount: Int = 0, committedCount: Int = 0) {
        precondition(publicCount >= 0 && privateCount >= 0 && challengeCount >= 0 && committedCount >= 0)
        precondition(committedCount <= privateCount && (challengeCount == 0) == (committedCount == 0),
                     "a commitment round needs both challenges and committed wires")
        precondition(1 + publicCount + challengeCount + privateCount <= Int(UInt32.max), "too many wires")
        self.publicCount = publicCount
        self.challengeCount = challengeCount
        self.privateCount = privateCount
        self.committedCount = committedCount
        a = SparseMatrix()
        b = SparseMatrix()
        c = SparseMatrix()
        labels = []
        labelIndices = []
        labelLookup = [:]
    }

    /// `1 + publicCount + challengeCount + privateCount`: the length of a full assignment.
    public var variableCount: Int { 1 + publicCount + challengeCount + privateCount }
    /// The wires the verifier supplies (public inputs and challenges): `publicCount + challengeCount`.
    public var instanceCount: Int { publicCount + challengeCount }
    /// Whether the system is proved with a commitment round (``challengeCount`` > 0).
    public var hasCommitmentRound: Bool { challengeCount > 0 }
    /// The round-one private wires, `instanceCount + 1 ..< instanceCount + 1 + committedCount`.
    public var committedWires: Range<Int> { instanceCount + 1 ..< instanceCount + 1 + committedCount }
    public var constraintCount: Int { labelIndices.count }

    /// Appends a constraint.
    /// - Precondition: every wire is below `variableCount`.
    public mutating func append(_ constraint: Constraint, label: String? = nil) {
        for lc in [constraint.a, constraint.b, constraint.c] {
            if let last = lc.terms.last {
                precondition(Int(last.variable.index) < variableCount,
                             "wire \(last.variable.index) out of range (\(variableCount) wires)")
            }
        }
        a.append(constraint.a)
        b.append(constraint.b)
        c.append(constraint.c)
        labelIndices.append(labelIndex(for: label))
    }

    /// Reserves room for `count` more constraints.
    public mutating func reserveCapacity(constraints count: Int) {
        labelIndices.reserveCapacity(labelIndices.count + count)
        for matrix in [\R1CS.a, \R1CS.b, \R1CS.c] as [WritableKeyPath<R1CS, SparseMatrix>] {
            self[keyPath: matrix].reserve(rows: count, entries: count * 2)
        }
    }

    /// Constraint `i`.
    public func constraint(at i: Int) -> Constraint {
        Constraint(a: a.row(i), b: b.row(i), c: c.row(i))
    }

    /// The origin label of constraint `i`, if any.
    public func label(at i: Int) -> String? {
        let index = labelIndices[i]
        return index == Self.noLabel ? nil : labels[Int(index)]
    }

    private mutating func labelIndex(for label: String?) -> UInt32 {
        guard let label else { return Self.noLabel }
        if let index = labelLookup[label] { return index }
        let index = UInt32(labels.count)
        labels.append(label)
        labelLookup[label] = index
        return index
    }

    /// Assembles a system from already-built parts (the file readers use this).
    /// - Precondition: the three matrices have the same number of rows as `labelIndices`.
    init(publicCount: Int, privateCount: Int, challengeCount: Int = 0, committedCount: Int = 0,
         a: SparseMatrix, b: SparseMatrix, c: SparseMatrix, labels: [String], labelIndices: [UInt32]) {
        precondition(a.rowCount == labelIndices.count && b.rowCount == labelIndices.count
                     && c.rowCount == labelIndices.count)
        self.publicCount = publicCount
        self.challengeCount = challengeCount
        self.privateCount = privateCount
        self.committedCount = committedCount
        self.a = a
        self.b = b
        self.c = c
        self.labels = labels
        self.labelIndices = labelIndices
        labelLookup = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, UInt32($0)) })
    }

    public static func == (lhs: R1CS, rhs: R1CS) -> Bool {
        lhs.publicCount == rhs.publicCount && lhs.privateCount == rhs.privateCount
            && lhs.challengeCount == rhs.challengeCount && lhs.committedCount == rhs.committedCount
            && lhs.a == rhs.a && lhs.b == rhs.b && lhs.c == rhs.c
            && lhs.labels == rhs.labels && lhs.labelIndices == rhs.labelIndices
    }
}
