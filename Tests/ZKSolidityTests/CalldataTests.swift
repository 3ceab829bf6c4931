import Foundation
import Testing
import ZKCurves
import ZKField
import ZKGroth16
import ZKIO
import ZKSolidity
import ZKTestSupport

/// `VerifierCalldata` and `Keccak256`: the call's arguments in contract order.
struct CalldataTests {
    @Test(arguments: [
        ("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        (String(repeating: "a", count: 200), "96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d"),
    ])
    func keccakKnownAnswers(message: String, digest: String) {
        #expect(Keccak256.hash(Array(message.utf8)) == bytes(hex: digest))
    }

    @Test func selectorsMatchTheABI() {
        // Known answers from vyper.utils.method_id.
        #expect(Keccak256.selector(VerifierCalldata.functionSignature(publicCount: 1)) == [0x43, 0x75, 0x3b, 0x4d])
        #expect(Keccak256.selector(VerifierCalldata.functionSignature(publicCount: 3)) == [0x11, 0x47, 0x9f, 0xea])
    }

    // Needs the shared fixtures snarkjs/groth16-zkey/{proof,public}.json.
    @Test(.enabled(if: Fixtures.available("snarkjs/groth16-zkey/proof.json", "snarkjs/groth16-zkey/public.json"),
                   "needs fixtures snarkjs/groth16-zkey/{proof,public}.json"))
    func snarkjsProofInContractOrder() throws {
        let proofData = try #require(Fixtures.data("snarkjs/groth16-zkey/proof.json"))
        let publicData = try #require(Fixtures.data("snarkjs/groth16-zkey/public.json"))
        let proof = try SnarkJSON.proof(from: proofData)
        let signals = try SnarkJSON.publicSignals(from: publicData)
        let calldata = try VerifierCalldata(proof: proof, publicSignals: signals)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(calldata.json.utf8)) as? [Any])
        #expect(json.count == 4)
        let b = try #require(json[1] as? [[String]])
        // proof.json has pi_b = [[x.re, x.im], [y.re, y.im], …]; the contract takes imaginary first.
        #expect(b[0][0] == "15884167888997892109451382934013319070126695774247188677646461441002372813641")
        #expect(b[0][1] == "6670021862829356097700001237446262326820192631763229081537048299512506628875")
        #expect(json[3] as? [String] == ["18630398846081570358266919481382955945076989170608567921689539672329067433281"])
        let encoded = calldata.abiEncoded
        #expect(encoded.count == 4 + 32 * 9)
        #expect(Array(encoded.prefix(4)) == [0x43, 0x75, 0x3b, 0x4d])
        #expect(Array(encoded[4 ..< 260]) == proof.bytes)
        #expect(calldata.hex.hasPrefix("0x43753b4d"))
        #expect(calldata.hex.count == 2 + 2 * encoded.count)
    }

    @Test func emptySignalsAreRejected() {
        let proof = Proof(a: .generator, b: .generator, c: .generator)
        #expect(throws: SolidityError.noPublicSignals) { try VerifierCalldata(proof: proof, publicSignals: []) }
    }
}
