#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import ZKCurves
public import ZKField
internal import ZKPairing
internal import ZKBigInt
internal import ZKConstraints
internal import ZKIO
internal import ZKText

/// The snarkjs JSON files: `proof.json`, `verification_key.json`, `public.json`.
///
/// Writing follows snarkjs's field order and layout; reading accepts any JSON with the required
/// fields, validates every point (on the curve, in the subgroup, coordinates below q) and names
/// the offending field in errors.
///
/// A proof or key with a commitment round (lookups; docs/formats.md, "Commitment round") is
/// written with `"protocol": "groth16_commit"` and `"zkml_format": 1`, so snarkjs refuses it
/// instead of misreading it: the proof adds `pi_commitment` (C₁), the key `vk_commitment_delta_2`
/// (δ₁), `IC_challenge` (one point per challenge) and `zkml_challenge` (the hash and its domain
/// tag, ``CommitmentChallenge``). Plain proofs and keys are byte-for-byte snarkjs's layout.
public enum SnarkJSON {
    /// The `protocol` of a proof or key with a commitment round.
    public static let commitmentProtocol = "groth16_commit"
    /// The version of the commitment-round JSON layout (`zkml_format`).
    public static let commitmentFormat = 1

    // MARK: proof.json

    public static func render(_ proof: Proof) -> String {
        var fields: [(String, JSONNode)] = [
            ("pi_a", .strings(proof.a.snarkjsJSON)),
            ("pi_b", .array(proof.b.snarkjsJSON.map(JSONNode.strings))),
            ("pi_c", .strings(proof.c.snarkjsJSON)),
        ]
        if let commitment = proof.commitment {
            fields += [("pi_commitment", .strings(commitment.snarkjsJSON)), ("protocol", .string(commitmentProtocol)),
                       ("zkml_format", .integer(commitmentFormat))]
        } else {
            fields.append(("protocol", .string("groth16")))
        }
        fields.append(("curve", .string("bn128")))
        return JSONNode.object(fields).rendered()
    }

    public static func proof(from data: Data, path: String = "proof.json") throws(Groth16Error) -> Proof {
        let object = try jsonObject(data, path: path)
        let hasCommitment = try expectGroth16(object, path: path)
        return Proof(a: try g1(object, "pi_a", path: path),
                     b: try g2(object, "pi_b", path: path),
                     c: try g1(object, "pi_c", path: path),
                     commitment: hasCommitment ? try g1(object, "pi_commitment", path: path) : nil)
    }

    // MARK: verification_key.json

    public static func render(_ key: VerifyingKey) -> String {
        var fields: [(String, JSONNode)] = [("protocol", .string(key.commitment == nil ? "groth16" : commitmentProtocol))]
        if key.commitment != nil { fields.append(("zkml_format", .integer(commitmentFormat))) }
        fields += [
            ("curve", .string("bn128")),
            ("nPublic", .integer(key.publicCount)),
            ("vk_alpha_1", .strings(key.alphaG1.snarkjsJSON)),
            ("vk_beta_2", .array(key.betaG2.snarkjsJSON.map(JSONNode.strings))),
            ("vk_gamma_2", .array(key.gammaG2.snarkjsJSON.map(JSONNode.strings))),
            ("vk_delta_2", .array(key.deltaG2.snarkjsJSON.map(JSONNode.strings))),
            ("vk_alphabeta_12", snarkjsAlphaBeta(key)),
            ("IC", .array(key.gammaABCG1.map { .strings($0.snarkjsJSON) })),
        ]
        if let commitment = key.commitment {
            fields += [
                ("vk_commitment_delta_2", .array(commitment.deltaG2.snarkjsJSON.map(JSONNode.strings))),
                ("IC_challenge", .array(commitment.challengeG1.map { .strings($0.snarkjsJSON) })),
                ("zkml_challenge", .object([("hash", .string("keccak256")),
                                            ("domain_tag", .string("0x" + CommitmentChallenge.domainTag.hexString))])),
            ]
        }
        if !key.circuitHash.isEmpty { fields.append(("zkml_circuit_sha256", .string(key.circuitHash.hexString))) }
        if !key.signedRanges.isEmpty {
            // [offset, count, bits] per range; snarkjs ignores the field and so does not enforce it.
            fields.append(("zkml_public_signal_ranges", .array(key.signedRanges.map {
                .array([.integer($0.offset), .integer($0.count), .integer($0.bits)])
            })))
        }
        if let packing = key.packing {
            // The unpacked signals' widths, as [count, bits] runs; the words follow from them.
            fields.append(("zkml_public_packing", .object([
                ("version", .integer(PublicPacking.version)), ("word_bits", .integer(PublicPacking.wordBits)),
                ("values", .integer(packing.valueCount)),
                ("runs", .array(packing.runs.map { .array([.integer($0.count), .integer($0.bits)]) })),
            ])))
        }
        return JSONNode.object(fields).rendered()
    }

    /// `zkml_public_packing`, when present: the packing of `publicCount` words.
    static func packing(_ object: [String: JSONValue], publicCount: Int, path: String) throws(Groth16Error) -> PublicPacking? {
        guard let value = object["zkml_public_packing"] else { return nil }
        let field = "zkml_public_packing"
        guard let packing = value.objectValue else { throw .invalidJSON(path: path, detail: "\(field) must be an object") }
        guard packing["version"]?.intValue == PublicPacking.version else {
            throw .invalidJSON(path: path, detail: "\(field).version must be \(PublicPacking.version) (this build's packing layout)")
        }
        guard packing["word_bits"]?.intValue == PublicPacking.wordBits else {
            throw .invalidJSON(path: path, detail: "\(field).word_bits must be \(PublicPacking.wordBits)")
        }
        guard let values = packing["values"]?.intValue, values >= 1 else {
            throw .invalidJSON(path: path, detail: "\(field).values must be a positive integer")
        }
        guard let items = packing["runs"]?.arrayValue, items.count <= values else {
            throw .invalidJSON(path: path, detail: "\(field).runs must be an array of at most \(values) [count, bits] pairs")
        }
        var runs: [(count: Int, bits: Int)] = []
        for (i, item) in items.enumerated() {
            guard let pair = item.arrayValue, pair.count == 2, let count = pair[0].intValue, let bits = pair[1].intValue, count <= values else {
                throw .invalidJSON(path: path, detail: "\(field).runs[\(i)] must be [count, bits], count at most \(values)")
            }
            runs.append((count, bits))
        }
        // Counts ≥ 1, widths 0…248, and the words they give against nPublic.
        if let problem = PublicPacking.validate(runs: runs, valueCount: values, wordCount: publicCount) {
            throw .invalidJSON(path: path, detail: "\(field): \(problem)")
        }
        return PublicPacking(runs: runs)
    }

    public static func verifyingKey(from data: Data, path: String = "verification_key.json") throws(Groth16Error) -> VerifyingKey {
        let object = try jsonObject(data, path: path)
        let hasCommitment = try expectGroth16(object, path: path)
        guard let icArray = object["IC"]?.arrayValue, !icArray.isEmpty else {
            throw .invalidJSON(path: path, detail: "IC must be a non-empty array of G1 points")
        }
        var ic: [BN254.G1Affine] = []
        for (i, item) in icArray.enumerated() { ic.append(try g1Value(item, "IC[\(i)]", path: path)) }
        if let n = object["nPublic"] {
            guard let count = n.intValue, count == ic.count - 1 else {
                throw .invalidJSON(path: path, detail: "nPublic (\(n.rendered())) must equal the number of IC points minus one (\(ic.count - 1))")
            }
        }
        var hash: [UInt8] = []
        if let text = object["zkml_circuit_sha256"]?.stringValue {
            guard let decoded = hexBytes(text), decoded.count == 32 else {
                throw .invalidJSON(path: path, detail: "zkml_circuit_sha256 must be 64 hex digits")
            }
            hash = decoded
        }
        let packing = try packing(object, publicCount: ic.count - 1, path: path)
        var ranges: [PublicSignalRange] = []
        if let list = object["zkml_public_signal_ranges"] {
            guard let items = list.arrayValue else {
                throw .invalidJSON(path: path, detail: "zkml_public_signal_ranges must be an array of [offset, count, bits]")
            }
            for (i, item) in items.enumerated() {
                guard let triple = item.arrayValue, triple.count == 3, let offset = triple[0].intValue, let count = triple[1].intValue,
                      let bits = triple[2].intValue, offset >= 0, count >= 1, (1 ... PublicSignalRange.maxBits).contains(bits) else {
                    throw .invalidJSON(path: path, detail: "zkml_public_signal_ranges[\(i)] must be [offset ≥ 0, count ≥ 1, bits 1…\(PublicSignalRange.maxBits)]")
                }
                ranges.append(PublicSignalRange(offset: offset, count: count, bits: bits))
            }
            if let problem = PublicSignalRange.validate(ranges, publicCount: packing?.valueCount ?? ic.count - 1) {
                throw .invalidJSON(path: path, detail: "zkml_public_signal_ranges: \(problem)")
            }
        }
        return VerifyingKey(alphaG1: try g1(object, "vk_alpha_1", path: path),
                            betaG2: try g2(object, "vk_beta_2", path: path),
                            gammaG2: try g2(object, "vk_gamma_2", path: path),
                            deltaG2: try g2(object, "vk_delta_2", path: path),
                            gammaABCG1: ic, circuitHash: hash, signedRanges: ranges,
                            commitment: hasCommitment ? try commitmentKey(object, path: path) : nil, packing: packing)
    }

    /// The commitment round's fields of a `groth16_commit` key.
    static func commitmentKey(_ object: [String: JSONValue], path: String) throws(Groth16Error) -> CommitmentKey {
        guard let items = object["IC_challenge"]?.arrayValue, (1 ... 255).contains(items.count) else {
            throw .invalidJSON(path: path, detail: "IC_challenge must be an array of 1…255 G1 points")
        }
        var challengeG1: [BN254.G1Affine] = []
        for (k, item) in items.enumerated() { challengeG1.append(try g1Value(item, "IC_challenge[\(k)]", path: path)) }
        guard let challenge = object["zkml_challenge"]?.objectValue, challenge["hash"]?.stringValue == "keccak256",
              challenge["domain_tag"]?.stringValue?.lowercased() == "0x" + CommitmentChallenge.domainTag.hexString else {
            throw .invalidJSON(path: path, detail: "zkml_challenge must be {\"hash\": \"keccak256\", \"domain_tag\": \"0x\(CommitmentChallenge.domainTag.hexString)\"}")
        }
        return CommitmentKey(deltaG2: try g2(object, "vk_commitment_delta_2", path: path), challengeG1: challengeG1)
    }

    // MARK: public.json

    public static func render(publicSignals: [BN254.Fr]) -> String {
        JSONNode.strings(publicSignals.map(\.description)).rendered()
    }

    /// Parses `public.json`. Values must be canonical decimal integers below r: a signal ≥ r is
    /// `publicSignalNotInField` (the verifier treats it as an invalid proof, as the contract does).
    public static func publicSignals(from data: Data, path: String = "public.json") throws(Groth16Error) -> [BN254.Fr] {
        try Groth16Limits.current.checkJSON(data, path: path)
        let value: JSONValue
        do { value = try JSONValue.parse(data) } catch {
            throw .notJSON(path: path, error)
        }
        guard let items = value.arrayValue else { throw .invalidJSON(path: path, detail: "must be an array of decimal strings") }
        var signals: [BN254.Fr] = []
        for (i, item) in items.enumerated() {
            let text: String
            if let string = item.stringValue { text = string }
            else if let number = item.intValue, number >= 0 { text = String(number) }
            else { throw .invalidJSON(path: path, detail: "element \(i) must be a decimal string") }
            do { signals.append(try BN254.Fr(decimal: text)) } catch {
                throw .publicSignalNotInField(index: i, value: text)
            }
        }
        return signals
    }

    // MARK: helpers

    /// snarkjs's `vk_alphabeta_12`: e(α, β) under snarkjs's final exponentiation, which is ours
    /// raised to `2x(6x² + 3x + 1)` (x the BN parameter); checked against rapidsnark's key.
    static func snarkjsAlphaBeta(_ key: VerifyingKey) -> JSONNode {
        let x = BigInt(4_965_661_367_192_848_881)
        let m = BigInt(2) * x * (BigInt(6) * x * x + BigInt(3) * x + BigInt(1))
        let value = BN254.pairing(key.alphaG1, key.betaG2).power(limbs: m.limbs(count: 4))
        func fq2(_ e: BN254.Fq2) -> JSONNode { .strings([e.c0.description, e.c1.description]) }
        func fq6(_ e: BN254.Fq6) -> JSONNode { .array([fq2(e.c0), fq2(e.c1), fq2(e.c2)]) }
        return .array([fq6(value.c0), fq6(value.c1)])
    }

    static func jsonObject(_ data: Data, path: String) throws(Groth16Error) -> [String: JSONValue] {
        try Groth16Limits.current.checkJSON(data, path: path)
        let value: JSONValue
        do { value = try JSONValue.parse(data) } catch {
            throw .notJSON(path: path, error)
        }
        guard let object = value.objectValue else { throw .invalidJSON(path: path, detail: "must be a JSON object") }
        return object
    }

    /// Checks `protocol` and `curve`; returns whether the document has a commitment round
    /// (`groth16_commit`, whose `zkml_format` must be one this build reads).
    @discardableResult
    static func expectGroth16(_ object: [String: JSONValue], path: String) throws(Groth16Error) -> Bool {
        var hasCommitment = false
        if let proto = object["protocol"] {
            switch proto.stringValue {
            case "groth16": break
            case commitmentProtocol:
                guard object["zkml_format"]?.intValue == commitmentFormat else {
                    throw .invalidJSON(path: path, detail: "zkml_format must be \(commitmentFormat) for protocol \(commitmentProtocol) (this zkml reads version \(commitmentFormat))")
                }
                hasCommitment = true
            default:
                throw .invalidJSON(path: path, detail: "protocol is \(proto.rendered()), zkml verifies only groth16 and \(commitmentProtocol)")
            }
        }
        if !hasCommitment, object["pi_commitment"] != nil || object["IC_challenge"] != nil {
            throw .invalidJSON(path: path, detail: "commitment fields need \"protocol\": \"\(commitmentProtocol)\"")
        }
        if let curve = object["curve"] {
            guard curve.stringValue == "bn128" || curve.stringValue == "bn254" else {
                throw .invalidJSON(path: path, detail: "curve is \(curve.rendered()), zkml supports only bn128 (BN254)")
            }
        }
        return hasCommitment
    }

    static func g1(_ object: [String: JSONValue], _ field: String, path: String) throws(Groth16Error) -> BN254.G1Affine {
        guard let value = object[field] else { throw .invalidJSON(path: path, detail: "missing field \(field)") }
        return try g1Value(value, field, path: path)
    }

    static func g1Value(_ value: JSONValue, _ field: String, path: String) throws(Groth16Error) -> BN254.G1Affine {
        guard let strings = value.stringArrayValue else {
            throw .invalidJSON(path: path, detail: "\(field) must be an array of 3 decimal strings")
        }
        do { return try BN254.G1Affine(snarkjsJSON: strings) } catch {
            throw .invalidPoint(path: path, field: field, detail: error.description)
        }
    }

    static func g2(_ object: [String: JSONValue], _ field: String, path: String) throws(Groth16Error) -> BN254.G2Affine {
        guard let value = object[field] else { throw .invalidJSON(path: path, detail: "missing field \(field)") }
        guard let items = value.arrayValue, case let rows = items.compactMap(\.stringArrayValue), rows.count == items.count else {
            throw .invalidJSON(path: path, detail: "\(field) must be 3 pairs of decimal strings")
        }
        do { return try BN254.G2Affine(snarkjsJSON: rows) } catch {
            throw .invalidPoint(path: path, field: field, detail: error.description)
        }
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i ..< i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
