import Foundation
import Testing
import ZKConstraints
import ZKIO
import ZKField
import ZKGroth16
import ZKTestSupport

/// Fuzzing the Groth16 readers (issue 10 item 2): snarkjs `proof.json`, `public.json`,
/// `verification_key.json` and the binary `pk.bin` / `vk.bin` (hash section recomputed after
/// mutation so the point and count checks behind it are reached). Every input must be parsed or
/// rejected with a `Groth16Error`. Budgets in `StructuredFuzzer`; numbers in docs/security.md.
@Suite struct ParserFuzzTests {
    static var fixture: Fixture { Fixture.cubicFixture }

    static func check(_ report: StructuredFuzzer.Report) {
        print(report)
        #expect(report.executions > 0)
        #expect(report.slowInputs.isEmpty, "slow inputs (hangs): \(report.slowInputs)")
        #expect(report.peakGrowthMB < 2048, "peak RSS grew by \(report.peakGrowthMB) MB")
    }

    /// Runs `parse`; any error other than `Groth16Error` is recorded as a finding.
    static func typed(_ parse: () throws(Groth16Error) -> Void) throws {
        do { try parse() } catch { throw error }
    }

    @Test func proofJSON() {
        let seeds = [Array(SnarkJSON.render(Self.fixture.proof).utf8), Array(SnarkJSON.render(Fixture.synthetic.proof).utf8)]
        var fuzzer = StructuredFuzzer(target: "proof.json", seeds: seeds, defaultExecutions: 1500)
        Self.check(fuzzer.run { bytes in try Self.typed { () throws(Groth16Error) in _ = try SnarkJSON.proof(from: Data(bytes)) } })
    }

    @Test func publicJSON() {
        let seeds = [Array(SnarkJSON.render(publicSignals: Fixture.synthetic.publicInputs).utf8), Array("[\"1\", 2, \"0\"]".utf8)]
        var fuzzer = StructuredFuzzer(target: "public.json", seeds: seeds, defaultExecutions: 1500)
        Self.check(fuzzer.run { bytes in try Self.typed { () throws(Groth16Error) in _ = try SnarkJSON.publicSignals(from: Data(bytes)) } })
    }

    @Test func verificationKeyJSON() {
        let seeds = [Array(SnarkJSON.render(Self.fixture.key.verifyingKey).utf8)]
        var fuzzer = StructuredFuzzer(target: "verification_key.json", seeds: seeds, defaultExecutions: 150)
        Self.check(fuzzer.run { bytes in try Self.typed { () throws(Groth16Error) in _ = try SnarkJSON.verifyingKey(from: Data(bytes)) } })
    }

    @Test func provingKeyBinary() {
        let seeds = [KeyFile.serialize(Self.fixture.key)]
        var fuzzer = StructuredFuzzer(target: "pk.bin", seeds: seeds, defaultExecutions: 150) { bytes in
            StructuredFuzzer.rehashed(bytes, hashType: 9, sha256: { SHA256.hash($0) })
        }
        let report = fuzzer.run { bytes in try Self.typed { () throws(Groth16Error) in _ = try KeyFile.provingKey(from: bytes) } }
        Self.check(report)
        #expect(report.accepted > 1, "mutations never got past the hash check")
    }

    @Test func verifyingKeyBinary() {
        let seeds = [KeyFile.serialize(Self.fixture.key.verifyingKey)]
        var fuzzer = StructuredFuzzer(target: "vk.bin", seeds: seeds, defaultExecutions: 150) { bytes in
            StructuredFuzzer.rehashed(bytes, hashType: 9, sha256: { SHA256.hash($0) })
        }
        Self.check(fuzzer.run { bytes in try Self.typed { () throws(Groth16Error) in _ = try KeyFile.verifyingKey(from: bytes) } })
    }

    // MARK: regressions and limits

    /// 100 000 nested arrays: rejected by the depth check before the JSON parser recurses.
    @Test func deeplyNestedJSONIsRejectedBeforeParsing() {
        let deep = Data(String(repeating: "[", count: 100_000).utf8)
        #expect(throws: Groth16Error.self) { try SnarkJSON.publicSignals(from: deep) }
        #expect(throws: Groth16Error.self) { try SnarkJSON.proof(from: deep) }
        // Brackets inside strings do not count.
        let quoted = Data(("[\"" + String(repeating: "[", count: 100) + "\"]").utf8)
        do { _ = try SnarkJSON.publicSignals(from: quoted) } catch {
            #expect(!"\(error)".contains("nesting"), "\(error)")
        }
    }

    @Test func jsonAndKeyLimitsNameTheirFlags() {
        let proof = Data(SnarkJSON.render(Self.fixture.proof).utf8)
        Groth16Limits.$scoped.withValue(Groth16Limits(maxJSONBytes: 100)) {
            do { _ = try SnarkJSON.proof(from: proof); Issue.record("accepted a proof above the size limit") } catch {
                #expect("\(error)".contains("--max-json-size"))
            }
        }
        Groth16Limits.$scoped.withValue(Groth16Limits(maxJSONDepth: 1)) {
            do { _ = try SnarkJSON.proof(from: proof); Issue.record("accepted a proof above the depth limit") } catch {
                #expect("\(error)".contains("--max-json-depth"))
            }
        }
        Groth16Limits.$scoped.withValue(Groth16Limits(maxKeyFileBytes: 1000)) {
            do { _ = try KeyFile.provingKey(from: KeyFile.serialize(Self.fixture.key)); Issue.record("accepted a key above the size limit") } catch {
                #expect("\(error)".contains("--max-key-size"))
            }
        }
        #expect(throws: Never.self) { try SnarkJSON.proof(from: proof) }
    }
}
