public import ZKConstraints
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How much memory Groth16 setup and proving of a circuit will need, estimated from its size
/// before any work starts, so that a circuit too large for the machine is refused with a message
/// ("this circuit needs ~N GB for setup, the machine has M GB") instead of being killed by the OS.
///
/// The model is linear in the NTT domain size n (constraints plus public inputs plus one, rounded
/// up to a power of two), the wire count and the circuit's non-zero terms:
/// `64 MiB + 600·n + 600·wires + 100·terms` for setup, `64 MiB + 500·n + 500·wires + 100·terms`
/// for proving. The coefficients upper-bound the peaks measured on every `Circuits/` model and
/// the 2^20-constraint benchmark circuit (release build, `/usr/bin/time -v`; table in
/// docs/security.md, "Resource limits"), by 1.0–2.2×. They are for refusing hopeless work
/// before it starts, not for sizing machines exactly.
public struct ResourceEstimate: Sendable, Equatable {
    /// The work whose memory is estimated.
    public enum Phase: String, Sendable {
        case setup, prove
    }

    /// Constraints, wires and non-zero matrix terms of the circuit.
    public var constraints: Int
    public var variables: Int
    public var nonZeroTerms: Int
    /// The NTT domain size (a power of two ≥ constraints + public inputs + 1).
    public var domainSize: Int

    /// Fixed overhead of a zkml process (runtime, tables, buffers), bytes.
    static let baseBytes = 64 << 20
    /// Bytes per non-zero term of A, B, C (the circuit as read, its column copies and the file
    /// bytes it came from).
    static let bytesPerTerm = 100
    /// Setup: bytes per domain point (hQuery, Lagrange values) and per wire (aQuery, bG1Query,
    /// bG2Query, lQuery, QAP values, the serialised key).
    static let setupBytesPerDomainPoint = 600
    static let setupBytesPerVariable = 600
    /// Prove: bytes per domain point (three NTT buffers, hQuery) and per wire (the key's
    /// queries, the witness).
    static let proveBytesPerDomainPoint = 500
    static let proveBytesPerVariable = 500

    /// Bytes per stored non-zero term while a circuit is built (its rows, their copies into the
    /// R1CS and the bits-mode build that counts range checks): the peaks of `zkml compile` on
    /// LeNet-5 (151 MB for 645,748 terms) and gpt_tiny (341 MB for 1,351,326) less the fixed
    /// overhead are 155 and 205 bytes a term (release build, `/usr/bin/time -v`, 2026-12-07).
    static let buildBytesPerTerm = 250

    /// The most non-zero terms a circuit build may store within `limits` (``ModelCircuit/termLimit``).
    public static func buildTermLimit(limits: PipelineLimits = .current) -> Int {
        let available = limits.maxMemoryBytes ?? PipelineLimits.physicalMemory
        return max(0, available - baseBytes) / buildBytesPerTerm
    }

    /// The estimate for `system`.
    public init(_ system: R1CS) {
        let minimum = system.constraintCount + system.instanceCount + 1
        var domain = 1
        while domain < minimum { domain <<= 1 }
        self.init(constraints: system.constraintCount, variables: system.variableCount,
                  nonZeroTerms: system.a.entryCount + system.b.entryCount + system.c.entryCount, domainSize: domain)
    }

    /// The estimate for a circuit of the given size.
    public init(constraints: Int, variables: Int, nonZeroTerms: Int, domainSize: Int) {
        self.constraints = constraints
        self.variables = variables
        self.nonZeroTerms = nonZeroTerms
        self.domainSize = domainSize
    }

    /// The estimated peak resident memory of `phase`, in bytes.
    public func bytes(for phase: Phase) -> Int {
        let circuit = Self.baseBytes + nonZeroTerms * Self.bytesPerTerm
        switch phase {
        case .setup: return circuit + domainSize * Self.setupBytesPerDomainPoint + variables * Self.setupBytesPerVariable
        case .prove: return circuit + domainSize * Self.proveBytesPerDomainPoint + variables * Self.proveBytesPerVariable
        }
    }

    /// Throws unless `phase` fits in `PipelineLimits.current`'s memory budget (by default the
    /// machine's physical memory).
    /// - Throws: ``ResourceError/insufficientMemory(phase:constraints:needed:available:fromFlag:)``.
    public func check(_ phase: Phase, limits: PipelineLimits = .current) throws(ResourceError) {
        let available = limits.maxMemoryBytes ?? PipelineLimits.physicalMemory
        let needed = bytes(for: phase)
        guard needed <= available else {
            throw .insufficientMemory(phase: phase.rawValue, constraints: constraints, needed: needed, available: available,
                                      fromFlag: limits.maxMemoryBytes != nil)
        }
    }
}
