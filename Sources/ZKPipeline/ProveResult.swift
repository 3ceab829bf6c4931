public import ZKCompiler
public import ZKField
public import ZKGroth16
public import ZKONNX
public import ZKQuant
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What ``Pipeline/prove(_:provingKey:inputRows:randomness:path:)`` returns.
public struct ProveResult: Sendable {
    public var proof: Proof
    /// The public signals, in the circuit's order (public inputs, then outputs).
    public var publicSignals: [BN254.Fr]
    /// The model's integer outputs (equal, bit for bit, to the exact inference).
    public var outputs: [Tensor<Int64>]
    public var model: QuantizedModel
    public var trace: QuantizedTrace
    /// The salts of the salted input and output digests (empty when none is salted): the prover
    /// keeps them to open the digests later (`salt.json`, ``DigestSalts/json()``).
    public var salts: DigestSalts

    /// The `output.json` document (EZKL-style `output_data`, plus integers and scales).
    public func outputDocument() throws -> Data { try EZKLJSON.outputDocument(model: model, trace: trace) }
}

/// What ``Pipeline/mock(_:inputRows:path:)`` returns.
public struct MockReport: Sendable {
    /// Whether the witness satisfies every constraint and equals the exact inference.
    public var satisfied: Bool
    public var constraints: Int
    /// The first failure: the constraint (index, `node …` label and values) or the node whose
    /// activation left its range.
    public var failure: String?
    public var outputs: [Tensor<Int64>]?
    public var model: QuantizedModel

    /// The de-quantized outputs, when satisfied.
    public var outputValues: [[Double]]? { outputs.map { model.dequantizeOutputs($0) } }
}

/// What ``Pipeline/verify(verifyingKey:keyPath:proof:proofPath:publicSignals:publicPath:)`` returns.
public struct VerifyResult: Sendable {
    public var verdict: Groth16.Verdict
    /// The model named by the key's `zkml_model` object, if present.
    public var model: ModelIdentity?
    /// The circuit hash recorded in the key, if any.
    public var circuitSha256: String?
    /// The proven public outputs, decoded from the public signals (valid proofs of zkml models
    /// only; hashed outputs are checked through ``bindings``).
    public var outputs: [DecodedTensor]?
    /// The checks of `--input` / `--output` tensors against the public signals (empty when none
    /// was given or the proof is invalid).
    public var bindings: [BindingCheck] = []
}
