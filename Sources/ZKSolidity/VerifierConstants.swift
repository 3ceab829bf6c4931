public import ZKConstraints
public import ZKCurves
public import ZKField
public import ZKGroth16

/// The numbers an emitted verifier contract embeds, as decimal strings, derived once from a
/// ``ZKGroth16/VerifyingKey``.
///
/// The Groth16 equation `e(A, B) = e(α, β) · e(L, γ) · e(C, δ)`, with `L = IC₀ + Σ sᵢ·ICᵢ`, is
/// checked by the contract as the product `e(A, B) · e(α, −β) · e(L, −γ) · e(C, −δ) = 1`, one call
/// to the EIP-197 pairing precompile. The three G2 points are negated here, at generation time,
/// so the contract negates nothing at run time. G2 words are in EIP-197 order: `x.im, x.re, y.im,
/// y.re` (imaginary part first — the opposite of snarkjs JSON). The point at infinity is `(0, 0)`
/// in G1 and four zero words in G2, as EIP-196/197 define it.
///
/// A key with a commitment round (``ZKGroth16/VerifyingKey/commitment``) adds `−δ₁` in G2 for a
/// fifth pair `e(C₁, −δ₁)`, one IC point per challenge, and the challenge hash's domain tag.
public struct VerifierConstants: Sendable, Equatable {
    /// The base field modulus `q` (every coordinate must be below it).
    public static let baseFieldModulus = BN254.FqConfig.modulusDecimal
    /// The scalar field modulus `r` (every public signal must be below it).
    public static let scalarFieldModulus = BN254.FrConfig.modulusDecimal
    /// ``ZKGroth16/CommitmentChallenge/domainTag``, `keccak256("zkml.groth16.commitment.v1")`, as
    /// `0x`-prefixed hex: the first word of every challenge hash.
    public static let domainTag = "0x" + CommitmentChallenge.domainTag.lowercaseHex

    /// The number of Groth16 public inputs `n`: the signals (the contract's `uint256[n]`), or
    /// the packed words with a packing.
    public let publicCount: Int
    /// How the signals are packed into the public inputs (``ZKGroth16/VerifyingKey/packing``),
    /// `nil` for one public input per signal.
    public let packing: PublicPacking?
    /// The number of public signals the contract's `verifyProof` takes: ``publicCount``, or the
    /// unpacked values with a packing.
    public var signalCount: Int { packing?.valueCount ?? publicCount }
    /// `α` in G1: `[x, y]`.
    public let alpha: [String]
    /// `−β` in G2, EIP-197 order: `[x.im, x.re, y.im, y.re]`.
    public let negatedBeta: [String]
    /// `−γ` in G2, EIP-197 order.
    public let negatedGamma: [String]
    /// `−δ` in G2, EIP-197 order.
    public let negatedDelta: [String]
    /// `IC₀ … ICₙ` in G1, each `[x, y]`.
    public let ic: [[String]]
    /// `−δ₁` in G2, EIP-197 order, for a key with a commitment round; `nil` for plain Groth16.
    public let negatedCommitmentDelta: [String]?
    /// The challenges' IC points (`IC_challenge`), each `[x, y]`; empty for plain Groth16.
    public let challengeIC: [[String]]
    /// The signed width each public signal must have (index `i` for signal `i`), `nil` where the
    /// key requires none (``ZKGroth16/VerifyingKey/signedRanges``); with a packing, each packed
    /// value's width (`nil` for a full field element, a digest).
    public let signalBits: [Int?]
    /// For each width in use, `(bits, 2^(bits−1), 2^bits)` in decimal, widths ascending: a signal
    /// `s < r` is in range iff `(s + 2^(bits−1)) mod r < 2^bits`.
    public let rangeConstants: [(bits: Int, half: String, width: String)]
    /// The SHA-256 of the circuit the key belongs to, lower-case hex, or `nil` when unknown.
    public let circuitHash: String?

    /// - Throws: ``SolidityError/noPublicSignals`` for a key with no public input.
    public init(key: VerifyingKey) throws(SolidityError) {
        guard key.publicCount > 0 else { throw .noPublicSignals }
        publicCount = key.publicCount
        alpha = Self.words(key.alphaG1)
        negatedBeta = Self.words(-key.betaG2)
        negatedGamma = Self.words(-key.gammaG2)
        negatedDelta = Self.words(-key.deltaG2)
        ic = key.gammaABCG1.map(Self.words)
        negatedCommitmentDelta = key.commitment.map { Self.words(-$0.deltaG2) }
        challengeIC = key.commitment?.challengeG1.map(Self.words) ?? []
        circuitHash = key.circuitHash.isEmpty ? nil : key.circuitHash.lowercaseHex
        packing = key.packing
        var bits = [Int?](repeating: nil, count: key.signalCount)
        var constants: [Int: (String, String)] = [:]
        for range in key.signedRanges {
            for i in range.indices where i < bits.count { bits[i] = range.bits }
            constants[range.bits] = (range.half.description, range.width.description)
        }
        for (i, width) in (key.packing?.widths ?? []).enumerated() where width > 0 {
            bits[i] = width
            constants[width] = (PublicPacking.half(bits: width).description, BN254.powersOfTwo[width].description)
        }
        signalBits = bits
        rangeConstants = constants.keys.sorted().map { ($0, constants[$0]!.0, constants[$0]!.1) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.publicCount == rhs.publicCount && lhs.alpha == rhs.alpha && lhs.negatedBeta == rhs.negatedBeta
            && lhs.negatedGamma == rhs.negatedGamma && lhs.negatedDelta == rhs.negatedDelta && lhs.ic == rhs.ic
            && lhs.circuitHash == rhs.circuitHash && lhs.signalBits == rhs.signalBits
            && lhs.negatedCommitmentDelta == rhs.negatedCommitmentDelta && lhs.challengeIC == rhs.challengeIC
            && lhs.packing == rhs.packing
    }

    /// The number of challenges the contract derives (0 for plain Groth16).
    public var challengeCount: Int { challengeIC.count }
    /// Whether the proof carries a commitment `C₁` (a key with a commitment round).
    public var hasCommitment: Bool { negatedCommitmentDelta != nil }
    /// The number of pairs of the pairing check: 4, or 5 with a commitment round.
    public var pairCount: Int { hasCommitment ? 5 : 4 }
    /// The gas the contracts forward to the pairing precompile: EIP-1108's 45,000 + 34,000 per pair.
    public var pairingGas: Int { 45_000 + 34_000 * pairCount }

    /// EIP-170's limit on a contract's runtime code (24,576 bytes); EIP-3860's on init code
    /// (49,152) is twice that and never the binding one for a verifier (its constructor is empty).
    public static let runtimeCodeLimit = 24_576

    /// An upper estimate of the runtime bytecode of the verifier in `language`, from sizes
    /// measured with solc 0.8.28 (optimizer on, 200 runs) and vyper 0.4.3 (docs/evm.md,
    /// `scripts/evm_packed_gas.py`). Solidity, plain: about 1,240 bytes at one public input and 115
    /// per further one (the unrolled ECMUL/ECADD step and its two IC constants); packed: about
    /// 1,800 bytes, 82 per word (one call of the `step` function) and a loop per group of words of
    /// one shape; a commitment round 410 and 155 per further challenge. Vyper: about 155 per input
    /// and 420 per packed run. Every term is rounded up, so the estimate lies 5–35 % above what
    /// the compilers make.
    public func estimatedRuntimeBytes(language: VerifierLanguage) -> Int {
        let commitment = hasCommitment ? 420 + 160 * challengeCount : 0
        switch (language, packing) {
        case (.solidity, nil):
            return 1_300 + 130 * publicCount + commitment
        case let (.solidity, packing?):
            let loops = packing.wordGroups.reduce(0) { $0 + 100 + 120 * packing.runs(inWord: $1.lowerBound).count }
            return 1_800 + 90 * publicCount + commitment + loops
        case (.vyper, let packing):
            let runs = packing.map { packing in packing.words.indices.reduce(0) { $0 + packing.runs(inWord: $1).count } } ?? 0
            return 1_800 + 160 * publicCount + (hasCommitment ? 700 + 200 * challengeCount : 0) + (packing == nil ? 0 : 600 + 300 * runs)
        }
    }

    /// A G1 point as EIP-196 words `[x, y]`, `["0", "0"]` for infinity.
    public static func words(_ point: BN254.G1Affine) -> [String] {
        point.isInfinity ? ["0", "0"] : [point.x.description, point.y.description]
    }

    /// A G2 point as EIP-197 words `[x.im, x.re, y.im, y.re]`, four `"0"` for infinity.
    public static func words(_ point: BN254.G2Affine) -> [String] {
        if point.isInfinity { return ["0", "0", "0", "0"] }
        return [point.x.c1.description, point.x.c0.description, point.y.c1.description, point.y.c0.description]
    }

    /// ``signalBits`` cut into maximal runs of consecutive signals with the same width (`nil`
    /// included), in signal order: a contract checks a run of signed ranges with one loop.
    public var signalRuns: [(range: Range<Int>, bits: Int?)] {
        var runs: [(range: Range<Int>, bits: Int?)] = []
        var start = 0
        for i in 1 ... signalBits.count where i == signalBits.count || signalBits[i] != signalBits[start] {
            runs.append((start ..< i, signalBits[start]))
            start = i
        }
        return runs
    }

    /// One line saying which circuit the key belongs to, for the contracts' NatSpec.
    public var circuitLine: String {
        if let circuitHash { return "circuit SHA-256 \(circuitHash)" }
        return "circuit hash unknown (key imported from snarkjs)"
    }
}

extension Array where Element == UInt8 {
    /// Lower-case hexadecimal, no prefix.
    var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
