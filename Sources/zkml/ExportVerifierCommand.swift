internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKGroth16
internal import ZKSolidity
internal import ZKWorkflow
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
        let summary: Workflow.ExportSummary
        do {
            summary = try Workflow.exportVerifier(verifyingKey: vk, out: out, language: language, withOracle: withOracle, sizeCheck: !noSizeCheck)
        } catch let error as WorkflowError {
            throw EVMCommandFailure.file(module: error.module, error.description)
        } catch let error as Groth16Error {
            throw EVMCommandFailure.file(module: "groth16", error.description)
        }
        if summary.developmentKey {
            CommandSupport.standardError("warning: \(vk) is a development key from `zkml setup`: whoever ran the setup can forge "
                + "proofs this contract accepts. For a deployed verifier, export the key of a ceremony (zkml ceremony; docs/setup.md).\n")
        }
    }
}
