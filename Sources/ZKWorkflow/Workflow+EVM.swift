#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKConstraints
internal import ZKIO
public import ZKGroth16
internal import ZKPipeline
public import ZKSolidity

extension Workflow {
    /// What ``exportVerifier(verifyingKey:out:language:withOracle:sizeCheck:)`` wrote.
    public struct ExportSummary {
        public var contract: String
        /// ZKMLOracle.sol beside the contract, when asked for.
        public var oracle: String?
        public var language: VerifierLanguage
        /// The runtime code size the contract is estimated at (EIP-170 allows 24,576 bytes).
        public var estimatedRuntimeBytes: Int
        /// Whether the key is a development key from `zkml setup` (whoever ran it can forge proofs).
        public var developmentKey: Bool

        /// The `zkml export-verifier --json` object.
        public var json: [String: Any] {
            ["contract": contract, "oracle": oracle as Any, "language": language.rawValue,
             "estimated_runtime_bytes": estimatedRuntimeBytes, "development_key": developmentKey]
        }
    }

    /// A verifying key file (zkml's vk.bin, a snarkjs .zkey or a verification_key.json).
    public static func readVerifyingKey(_ path: String) throws -> VerifyingKey {
        try Pipeline.verifyingKey(from: try read(path), path: path)
    }

    /// `zkml export-verifier`: the EVM verifier (Solidity or Vyper) for a verifying key, written to
    /// `out` (and ZKMLOracle.sol beside it with `withOracle`).
    /// - Throws: ``WorkflowError`` (module `solidity`) naming the key for a contract over EIP-170's
    ///   limit (unless `sizeCheck` is false) or a key the verifier cannot take.
    public static func exportVerifier(verifyingKey vk: String, out: String, language: VerifierLanguage,
                                      withOracle: Bool = false, sizeCheck: Bool = true) throws -> ExportSummary {
        do {
            let data = try read(vk)
            let key = try Pipeline.verifyingKey(from: data, path: vk)
            let constants = try VerifierConstants(key: key)
            let estimate = constants.estimatedRuntimeBytes(language: language)
            if sizeCheck && estimate > VerifierConstants.runtimeCodeLimit {
                throw SolidityError.tooLarge(estimatedBytes: estimate, publicInputs: key.publicCount, packed: key.packing != nil)
            }
            let source = switch language {
            case .solidity: try SolidityVerifier.source(for: key)
            case .vyper: try VyperVerifier.source(for: key)
            }
            var oracle: String?
            var staged = [try stage(Data(source.utf8), to: out)]
            if withOracle {
                let path = URL(fileURLWithPath: out).deletingLastPathComponent().appendingPathComponent("ZKMLOracle.sol").path
                staged.append(try stage(Data(try OracleContract.source(for: key).utf8), to: path))
                oracle = path
            }
            for file in staged { try commit(file) }
            return ExportSummary(contract: out, oracle: oracle, language: language, estimatedRuntimeBytes: estimate,
                                 developmentKey: SetupProvenance(verificationKeyJSON: data) == .development)
        } catch let error as SolidityError {
            throw WorkflowError("\(vk): \(error.description)", module: "solidity")
        }
    }

    /// `zkml calldata`: the arguments of the verifier's `verifyProof` call for a proof, or with
    /// `packedWith` (a verifying key) those of `verifyPackedProof`, the signals packed with its layout.
    public static func calldata(proof: String, publicSignals: String, packedWith vk: String? = nil) throws -> VerifierCalldata {
        do {
            let parsedProof = try SnarkJSON.proof(from: try read(proof), path: proof)
            var signals = try SnarkJSON.publicSignals(from: try read(publicSignals), path: publicSignals)
            if let vk {
                guard let packing = try readVerifyingKey(vk).packing else {
                    throw WorkflowError("\(vk): the key has no packed public signals (compiled with --public-layout plain): call verifyProof without --packed", module: "solidity")
                }
                guard signals.count == packing.valueCount else {
                    throw WorkflowError("\(publicSignals): \(signals.count) public signals, the key packs \(packing.valueCount)", module: "solidity")
                }
                if let i = packing.firstOutOfRange(signals) {
                    throw WorkflowError("\(publicSignals): element \(i) is outside its packed signed \(packing.widths[i])-bit range", module: "solidity")
                }
                signals = packing.pack(signals)!
            }
            return try VerifierCalldata(proof: parsedProof, publicSignals: signals, packed: vk != nil)
        } catch let error as SolidityError {
            throw WorkflowError("\(publicSignals): \(error.description)", module: "solidity")
        } catch let error as Groth16Error {
            if case .publicSignalNotInField = error { throw WorkflowError("\(publicSignals): \(error.description)", module: "groth16") }
            throw error
        }
    }
}
