internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKGroth16
internal import ZKSolidity
internal import ZKPipeline

/// `zkml export-verifier --vk verification_key.json --out Verifier.sol [--lang solidity|vyper] [--with-oracle]`.
struct ExportVerifierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-verifier",
        abstract: "Write the EVM verifier contract (Solidity or Vyper) for a Groth16 verifying key.",
        discussion: """
        The contract's ABI is verifyProof(uint256[2] a, uint256[2][2] b, uint256[2] c, uint256[n] pubSignals)
        returns (bool), with b imaginary part first (EIP-197); use `zkml calldata` for the arguments.
        A key with a commitment round (lookups) adds uint256[2] commitment before pubSignals.
        --vk also accepts zkml's vk.bin and a snarkjs .zkey file. See docs/evm.md for deployment and gas.
        Examples:
          zkml export-verifier --vk keys/verification_key.json --out Verifier.sol
          zkml export-verifier --vk keys/verification_key.json --out Verifier.vy --lang vyper
          zkml export-verifier --vk keys/verification_key.json --out contracts/Verifier.sol --with-oracle
        Exit code 0 on success, 2 for a usage or file error.
        """
    )

    @Option(help: "The verifying key: snarkjs verification_key.json (or a snarkjs .zkey). Required.")
    var vk: String?

    @Option(name: .shortAndLong, help: "The contract file to write. Required.")
    var out: String?

    @Option(help: "solidity or vyper.")
    var lang = "solidity"

    @Flag(help: "Also write ZKMLOracle.sol, an example consumer, next to the verifier.")
    var withOracle = false

    @Flag(help: "Write the contract even when its estimated runtime code exceeds EIP-170's 24,576 bytes (it would not deploy on Ethereum).")
    var noSizeCheck = false

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        try EVMCommandFailure.exitOnFailure(body)
    }

    private func body() throws {
        guard let vk else { throw EVMCommandFailure.usage("missing --vk FILE (the verifying key)") }
        guard let out else { throw EVMCommandFailure.usage("missing --out FILE (the contract to write)") }
        let language: VerifierLanguage
        do { language = try VerifierLanguage(name: lang) } catch {
            throw EVMCommandFailure.usage("--lang: \(error.description)")
        }
        do {
            let key = try Self.readKey(vk)
            let constants = try VerifierConstants(key: key)
            let estimate = constants.estimatedRuntimeBytes(language: language)
            if !noSizeCheck && estimate > VerifierConstants.runtimeCodeLimit {
                throw SolidityError.tooLarge(estimatedBytes: estimate, publicInputs: key.publicCount, packed: key.packing != nil)
            }
            let source = switch language {
            case .solidity: try SolidityVerifier.source(for: key)
            case .vyper: try VyperVerifier.source(for: key)
            }
            let outURL = URL(fileURLWithPath: out)
            try EVMCommandFailure.write(source, to: outURL)
            if let data = try? Data(contentsOf: URL(fileURLWithPath: vk)), SetupProvenance(verificationKeyJSON: data) == .development {
                CommandSupport.standardError("warning: \(vk) is a development key from `zkml setup`: whoever ran the setup can forge "
                    + "proofs this contract accepts. For a deployed verifier, export the key of a ceremony (zkml ceremony; docs/setup.md).\n")
            }
            if withOracle {
                let oracleURL = outURL.deletingLastPathComponent().appendingPathComponent("ZKMLOracle.sol")
                try EVMCommandFailure.write(try OracleContract.source(for: key), to: oracleURL)
            }
        } catch let error as SolidityError {
            throw EVMCommandFailure.file(module: "solidity", "\(vk): \(error.description)")
        } catch let error as Groth16Error {
            throw EVMCommandFailure.file(module: "groth16", error.description)
        }
    }

    /// A snarkjs `verification_key.json`, zkml's `vk.bin`, or the key inside a snarkjs `.zkey`
    /// (by their magic bytes): the key reader of the EVM commands.
    static func readKey(_ path: String) throws -> VerifyingKey {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw EVMCommandFailure.file("\(path): cannot read the verifying key")
        }
        if data.starts(with: Array("zkey".utf8)) { return try SnarkZkey.verifyingKey(from: data, path: path) }
        if data.starts(with: Array("ZKVK".utf8)) { return try KeyFile.verifyingKey(from: [UInt8](data), path: path) }
        return try SnarkJSON.verifyingKey(from: data, path: path)
    }
}
