#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import ZKCompiler
public import ZKField
internal import ZKPoseidon
internal import ZKQuant

/// Which model a verifying key (and so a proof) is for: the `zkml_model` object that
/// `zkml setup` adds to `verification_key.json`, and that `zkml verify` prints.
public struct ModelIdentity: Sendable, Equatable, Codable {
    public var name: String
    public var file: String
    public var onnxSha256: String
    public var settingsSha256: String
    public var circuitSha256: String
    public var zkmlVersion: String
    public var inputVisibility: InputVisibility
    public var outputVisibility: OutputVisibility
    public var parameterVisibility: ParameterVisibility
    /// With hashed parameters, the weights' Poseidon commitment published by `zkml compile`.
    public var parameterCommitment: String?
    public var publicSignals: PublicLayout

    public init(settings: ModelSettings) {
        name = settings.model.name
        file = settings.model.file
        onnxSha256 = settings.model.onnxSha256
        settingsSha256 = settings.settingsSha256
        circuitSha256 = settings.circuit.sha256
        zkmlVersion = settings.zkmlVersion
        inputVisibility = settings.inputVisibility
        outputVisibility = settings.outputVisibility
        parameterVisibility = settings.parameterVisibility
        parameterCommitment = settings.parameterCommitment
        publicSignals = settings.publicSignals
    }

    enum CodingKeys: String, CodingKey {
        case name, file, onnxSha256, settingsSha256, circuitSha256, zkmlVersion, inputVisibility, outputVisibility, parameterVisibility,
             parameterCommitment, publicSignals
    }

    /// Decodes the `zkml_model` object; `output_visibility` defaults to public (keys written
    /// before hashed visibility existed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        file = try c.decode(String.self, forKey: .file)
        onnxSha256 = try c.decode(String.self, forKey: .onnxSha256)
        settingsSha256 = try c.decode(String.self, forKey: .settingsSha256)
        circuitSha256 = try c.decode(String.self, forKey: .circuitSha256)
        zkmlVersion = try c.decode(String.self, forKey: .zkmlVersion)
        inputVisibility = try c.decode(InputVisibility.self, forKey: .inputVisibility)
        outputVisibility = try c.decodeIfPresent(OutputVisibility.self, forKey: .outputVisibility) ?? .public
        parameterVisibility = try c.decodeIfPresent(ParameterVisibility.self, forKey: .parameterVisibility) ?? .fixed
        parameterCommitment = try c.decodeIfPresent(String.self, forKey: .parameterCommitment)
        publicSignals = try c.decode(PublicLayout.self, forKey: .publicSignals)
    }

    /// The `zkml_model` object of a `verification_key.json`, or `nil` when absent or malformed
    /// (a key from snarkjs or another tool).
    public init?(verificationKeyJSON data: Data) {
        struct Document: Decodable { let zkmlModel: ModelIdentity }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let document = try? decoder.decode(Document.self, from: data) else { return nil }
        self = document.zkmlModel
    }

    /// The model's public outputs read from a proof's public signals (`nil` if the count is wrong
    /// or a value is not a small signed integer). Hashed outputs are not in the list: their
    /// signals are digests (see ``bindings(signals:inputs:outputs:)``).
    public func decodeOutputs(_ signals: [BN254.Fr]) -> [DecodedTensor]? {
        guard signals.count == publicSignals.count else { return nil }
        var result: [DecodedTensor] = []
        for entry in publicSignals.outputs where entry.form == .values {
            var integers: [Int64] = []
            for i in 0 ..< entry.count {
                guard let value = signals[entry.offset + i].signedInt64 else { return nil }
                integers.append(value)
            }
            result.append(DecodedTensor(name: entry.name, shape: entry.shape, scale: entry.scale, integers: integers))
        }
        return result
    }

    /// Checks tensors the verifier holds against a proof's public signals: each public tensor
    /// element by element, each hashed tensor by recomputing its Poseidon digest.
    /// - Parameters:
    ///   - signals: the proof's public signals (already checked to be field elements).
    ///   - inputs: quantized input tensors in graph-input order (``inputTensors(rows:path:)``), or `nil`.
    ///   - outputs: quantized output integers in graph-output order, or `nil`.
    ///   - salts: the salts of salted digests (`salt.json`), needed to open them.
    /// - Returns: one check per tensor given; a wrong salt is a mismatch, like a wrong tensor.
    /// - Throws: ``PipelineError/notBound(path:detail:)`` when the key's model does not bind
    ///   that side (private inputs), the counts differ from the layout, or a salt is missing
    ///   (``openingSalts(inputs:outputs:salts:)``).
    public func bindings(signals: [BN254.Fr], inputs: (tensors: [[Int64]], path: String)?,
                         outputs: (tensors: [[Int64]], path: String)?,
                         salts: (salts: DigestSalts, path: String)? = nil) throws(PipelineError) -> [BindingCheck] {
        guard signals.count == publicSignals.count else {
            throw .notBound(path: "public signals", detail: "\(signals.count) public signals, the model's layout has \(publicSignals.count)")
        }
        let openings = try openingSalts(inputs: inputs?.path, outputs: outputs?.path, salts: salts)
        var checks: [BindingCheck] = []
        for (side, given, entries) in [("inputs", inputs, publicSignals.inputs), ("outputs", outputs, publicSignals.outputs)] {
            guard let given else { continue }
            guard !entries.isEmpty else {
                throw .notBound(path: given.path, detail: "the model's \(side) are private: its proofs do not bind them")
            }
            guard given.tensors.count == entries.count else {
                throw .notBound(path: given.path, detail: "\(given.tensors.count) \(side) given, the model has \(entries.count)")
            }
            for (entry, scalars) in zip(entries, given.tensors) {
                guard scalars.count == entry.count else {
                    throw .notBound(path: given.path, detail: "\(entry.role.rawValue) '\(entry.name)': \(scalars.count) values, expected \(entry.count)")
                }
                checks.append(Self.check(entry, scalars, salt: openings[entry.offset], against: signals))
            }
        }
        return checks
    }

    /// The salt of every salted digest that `--input` (from `inputs`) or `--output` (from
    /// `outputs`) opens, by signal offset.
    /// - Throws: ``PipelineError/notBound(path:detail:)`` naming the tensor when its digest is
    ///   salted and no salt file was given or the file has no salt for it, and naming the salt
    ///   file when none of the tensors checked is salted.
    public func openingSalts(inputs: String?, outputs: String?, salts: (salts: DigestSalts, path: String)?) throws(PipelineError)
        -> [Int: BN254.Fr] {
        var opened: [Int: BN254.Fr] = [:]
        for (path, entries) in [(inputs, publicSignals.inputs), (outputs, publicSignals.outputs)] {
            guard let path else { continue }
            for entry in entries where entry.salted {
                let what = "\(entry.role.rawValue) '\(entry.name)'"
                guard let salts else {
                    throw .notBound(path: path, detail: "\(what) is committed with a salt: give --salt salt.json (written by zkml prove) to open it")
                }
                guard let salt = salts.salts.salt(role: entry.role, name: entry.name) else {
                    throw .notBound(path: salts.path, detail: "no salt for \(what)")
                }
                opened[entry.offset] = salt
            }
        }
        if let salts, opened.isEmpty {
            throw .notBound(path: salts.path, detail: "none of the tensors checked has a salted digest (--salt opens salted digests with --input/--output)")
        }
        return opened
    }

    /// One tensor against its public signals (with `salt` for a salted digest).
    static func check(_ entry: PublicLayout.Entry, _ scalars: [Int64], salt: BN254.Fr? = nil, against signals: [BN254.Fr]) -> BindingCheck {
        switch entry.form {
        case .poseidon:
            let computed = salt.map { Poseidon.hash(integers: scalars, salt: $0) } ?? Poseidon.hash(integers: scalars)
            let carried = signals[entry.offset]
            let file = salt == nil ? "the file's" : "the file's with this salt"
            return BindingCheck(role: entry.role, name: entry.name, form: .poseidon, salted: salt != nil, matches: computed == carried,
                                detail: computed == carried ? nil : "the proof's digest is \(carried.description), \(file) is \(computed.description)")
        case .values:
            for (i, q) in scalars.enumerated() where BN254.Fr(Int(q)) != signals[entry.offset + i] {
                let carried = signals[entry.offset + i].signedInt64.map(String.init) ?? signals[entry.offset + i].description
                return BindingCheck(role: entry.role, name: entry.name, form: .values, matches: false,
                                    detail: "element \(i) is \(q) in the file, \(carried) in the proof")
            }
            return BindingCheck(role: entry.role, name: entry.name, form: .values, matches: true, detail: nil)
        }
    }

    /// Checks the proof's parameter commitment against `expected` (the `--param-commitment`
    /// given to `zkml verify`, else the one `zkml compile` published in this key).
    /// - Returns: `nil` when parameters are fixed (the key itself binds the weights).
    /// - Throws: ``PipelineError/notBound(path:detail:)`` for a commitment that is not a field element.
    public func parameterCheck(signals: [BN254.Fr], expected: String?) throws(PipelineError) -> BindingCheck? {
        guard let entry = publicSignals.parameters, entry.offset < signals.count else {
            if expected != nil { throw .notBound(path: "--param-commitment", detail: "the model's parameters are fixed circuit constants: there is no commitment to check") }
            return nil
        }
        guard let text = expected ?? parameterCommitment else {
            return BindingCheck(role: .parameters, name: entry.name, form: .poseidon, matches: false,
                                detail: "no published commitment to check against (give --param-commitment)")
        }
        let published: BN254.Fr
        do { published = try Poseidon.digest(parsing: text) } catch {
            throw .notBound(path: "--param-commitment", detail: "'\(text)' is not a field element in decimal or 0x hex")
        }
        let carried = signals[entry.offset]
        return BindingCheck(role: .parameters, name: entry.name, form: .poseidon, matches: carried == published,
                            detail: carried == published ? nil : "the proof commits to weights \(carried.description), the published commitment is \(published.description)")
    }

    /// Quantizes EZKL-layout input rows with the layout's scales and widths (the prover's rule).
    /// - Throws: ``PipelineError/notBound(path:detail:)`` when inputs are private; `QuantError`
    ///   for a wrong count, a non-finite or out-of-range value (naming the input).
    public func inputTensors(rows: [[Double]], path: String) throws -> [[Int64]] {
        let entries = publicSignals.inputs
        guard !entries.isEmpty else { throw PipelineError.notBound(path: path, detail: "the model's inputs are private: its proofs do not bind them") }
        guard rows.count == entries.count else {
            throw QuantError.inputArrayCount(input: rows.count < entries.count ? entries[rows.count].name : "(extra)",
                                             expected: entries.count, got: rows.count)
        }
        return try zip(entries, rows).map { entry, row in
            try QuantizedTensorInfo(name: entry.name, shape: entry.shape, scale: entry.scale, bits: entry.bits).quantize(row).scalars
        }
    }
}



/// An output tensor read from public signals: integers at `scale`, and their real values.
public struct DecodedTensor: Sendable, Equatable, Codable {
    public var name: String
    public var shape: [Int]
    public var scale: Int
    public var integers: [Int64]
    /// `q · 2^-scale`.
    public var values: [Double] { integers.map { Double($0) * pow(2, Double(-scale)) } }
}
