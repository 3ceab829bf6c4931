import Foundation
import Testing
import ZKBigInt
import ZKCurves
import ZKField
import ZKGroth16

/// The native half of issue #10's verifier negative suite, beyond `Groth16Tests.tampering`: the
/// identity in every position, coordinates ≥ q and signals ≥ r in the snarkjs JSON, and every
/// rejection is a verdict or a typed error, never a crash.
@Suite("Groth16 negative suite")
struct NegativeVerifierTests {
    static let q = try! BigInt(decimal: "21888242871839275222246405745257275088696311157297823662689037894645226208583")
    static let r = try! BigInt(decimal: "21888242871839275222246405745257275088548364400416034343698204186575808495617")

    @Test("each proof element, and all of them, replaced by the identity is invalid")
    func identities() throws {
        let f = Fixture.synthetic
        let key = try PreparedVerifyingKey(f.key.verifyingKey)
        var proofs: [(String, Proof)] = []
        var p = f.proof; p.b = .infinity; proofs.append(("B = O", p))
        p = f.proof; (p.a, p.b, p.c) = (.infinity, .infinity, .infinity); proofs.append(("A = B = C = O", p))
        p = f.proof; (p.a, p.c) = (.infinity, .infinity); proofs.append(("A = C = O", p))
        for (name, proof) in proofs {
            #expect(!Groth16.verify(proof, publicInputs: f.publicInputs, key: key).isValid, "\(name) was accepted")
        }
    }

    /// A JSON proof whose coordinate is `x + q` (the same field element, not canonical) or whose
    /// signal is `s + r` is refused with the field named, like on chain.
    @Test("non-canonical coordinates and signals in JSON are refused, naming the field")
    func nonCanonicalJSON() throws {
        let f = Fixture.synthetic
        let json = try #require(try JSONSerialization.jsonObject(with: Data(SnarkJSON.render(f.proof).utf8)) as? [String: Any])
        for (field, index) in [("pi_a", [0]), ("pi_a", [1]), ("pi_c", [0]), ("pi_b", [0, 0]), ("pi_b", [1, 1])] {
            var tampered = json
            if index.count == 1 {
                var point = try #require(tampered[field] as? [String])
                point[index[0]] = (try BigInt(decimal: point[index[0]]) + Self.q).description
                tampered[field] = point
            } else {
                var point = try #require(tampered[field] as? [[String]])
                point[index[0]][index[1]] = (try BigInt(decimal: point[index[0]][index[1]]) + Self.q).description
                tampered[field] = point
            }
            let data = try JSONSerialization.data(withJSONObject: tampered)
            #expect(throws: Groth16Error.self, "\(field)\(index) + q") { _ = try SnarkJSON.proof(from: data, path: "proof.json") }
        }
        var signals = f.publicInputs.map(\.description)
        signals[0] = (try BigInt(decimal: signals[0]) + Self.r).description
        let data = try JSONSerialization.data(withJSONObject: signals)
        do {
            _ = try SnarkJSON.publicSignals(from: data, path: "public.json")
            Issue.record("a public signal ≥ r was accepted")
        } catch {
            #expect(error == .publicSignalNotInField(index: 0, value: signals[0]))
        }
    }
}
