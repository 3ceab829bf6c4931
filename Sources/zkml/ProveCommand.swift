import ArgumentParser
import Foundation
import ZKConstraints
import ZKGroth16

/// `zkml prove CIRCUIT --pk pk.bin --wtns W.wtns --proof proof.json --public public.json`.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove that a witness satisfies a circuit (Groth16).",
        discussion: """
        Checks the witness against the circuit first and names the first unsatisfied constraint.
        Writes proof.json and public.json in snarkjs's layout.
        Examples:
          zkml prove circuit.r1cs --pk keys/pk.bin --wtns witness.wtns --proof proof.json --public public.json
        """
    )

    @Argument(help: "The circuit: a circom .r1cs file or a zkml .zkr1cs file.")
    var circuit: String

    @Option(help: "The proving key from `zkml setup`.")
    var pk: String

    @Option(help: "The witness (iden3 .wtns, as written by circom's witness generators).")
    var wtns: String

    @Option(help: "Where to write the proof (snarkjs proof.json layout).")
    var proof: String

    @Option(name: .customLong("public"), help: "Where to write the public signals (snarkjs public.json layout).")
    var publicSignals: String

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        try CommandSupport.run {
            let start = Date()
            let system = try CommandSupport.loadCircuit(circuit)
            let witness = try Witness(wtns: [UInt8](try CommandSupport.read(wtns)), path: wtns)
            let key = try KeyFile.provingKey(from: [UInt8](try CommandSupport.read(pk)), path: pk)
            let hash = system.contentHash
            if !key.verifyingKey.circuitHash.isEmpty && key.verifyingKey.circuitHash != hash {
                throw Groth16Error.circuitMismatch(path: pk, expected: hash.hexString, actual: key.verifyingKey.circuitHash.hexString)
            }
            let loaded = Date()
            let result = try Groth16.prove(system, witness: witness, provingKey: key, circuitHash: hash)
            let proved = Date()
            let inputs = Array(witness.publicInputs(count: system.publicCount))
            try CommandSupport.write(Data(SnarkJSON.render(result).utf8), to: proof)
            try CommandSupport.write(Data(SnarkJSON.render(publicSignals: inputs).utf8), to: publicSignals)
            if json {
                CommandSupport.printJSON([
                    "proof": proof, "public": publicSignals, "constraints": system.constraintCount,
                    "load_seconds": loaded.timeIntervalSince(start), "prove_seconds": proved.timeIntervalSince(loaded),
                ])
            } else {
                print("proved \(system.constraintCount) constraints in \(String(format: "%.2f", proved.timeIntervalSince(loaded))) s "
                      + "(loading \(String(format: "%.2f", loaded.timeIntervalSince(start))) s); wrote \(proof), \(publicSignals)")
            }
        }
    }
}
