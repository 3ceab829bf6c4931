import Foundation
import Testing
import ZKConstraints
import ZKIO
import ZKField
import ZKSynthetic
import ZKTestSupport

/// Fuzzing the circuit and witness readers (issue 10 item 2): `.zkr1cs` (hash recomputed after
/// mutation, so the parser behind the hash check is reached), circom `.r1cs` and `.wtns`. Every
/// mutated input must be parsed or rejected with a `ConstraintError`; none may crash, hang or
/// allocate from an unchecked count. Budgets in `StructuredFuzzer`; numbers in docs/security.md.
@Suite struct FormatFuzzTests {
    static let circuit = SyntheticCircuit.make(constraints: 64, publicCount: 3, termsPerRow: 4, seed: 3)

    static func expectParsedOrRejected(_ report: StructuredFuzzer.Report) {
        print(report)
        #expect(report.executions > 0)
        #expect(report.slowInputs.isEmpty, "slow inputs (hangs): \(report.slowInputs)")
        #expect(report.peakGrowthMB < 2048, "peak RSS grew by \(report.peakGrowthMB) MB")
    }

    @Test func zkr1cs() {
        let seeds = [Self.circuit.0.serialized(), SyntheticCircuit.make(constraints: 8, publicCount: 1, termsPerRow: 2, seed: 9).0.serialized()]
        var fuzzer = StructuredFuzzer(target: "zkr1cs", seeds: seeds, defaultExecutions: 1500) { bytes in
            StructuredFuzzer.rehashed(bytes, hashType: 4, hashed: [1, 2], sha256: { SHA256.hash($0) })
        }
        let report = fuzzer.run { bytes in
            do { _ = try R1CS(serialized: bytes, path: "fuzz.zkr1cs") } catch let error as ConstraintError {
                throw error
            } catch {
                Issue.record("not a ConstraintError: \(error)")
            }
        }
        Self.expectParsedOrRejected(report)
        #expect(report.accepted > seeds.count, "mutations never got past the hash check")
    }

    // Needs the shared snarkjs fixtures (circuit2, groth16 and circuit .r1cs files) as seeds.
    @Test(.enabled(if: Fixtures.available("snarkjs/circuit2/circuit.r1cs", "snarkjs/groth16/circuit.r1cs", "snarkjs/circuit/circuit.r1cs"),
                   "needs fixtures snarkjs/{circuit2,groth16,circuit}/circuit.r1cs"))
    func circomR1CS() throws {
        let names = ["snarkjs/circuit2/circuit.r1cs", "snarkjs/groth16/circuit.r1cs", "snarkjs/circuit/circuit.r1cs"]
        let seeds = try names.map { [UInt8](try #require(Fixtures.data($0))) }
        var fuzzer = StructuredFuzzer(target: "r1cs", seeds: seeds)
        Self.expectParsedOrRejected(fuzzer.run { bytes in _ = try R1CS(circomR1CS: bytes, path: "fuzz.r1cs") })
    }

    @Test func wtns() {
        var seeds = [Self.circuit.1.wtnsBytes()]
        seeds += ["snarkjs/circuit2/witness.wtns", "snarkjs/groth16/witness.wtns"].compactMap { Fixtures.data($0).map { [UInt8]($0) } }
        var fuzzer = StructuredFuzzer(target: "wtns", seeds: seeds, defaultExecutions: 1500)
        Self.expectParsedOrRejected(fuzzer.run { bytes in _ = try Witness(wtns: bytes, path: "fuzz.wtns") })
    }

    // MARK: regressions (counts read from files, checked before allocating)

    /// A circom `.r1cs` whose first linear combination claims 2^32 − 1 terms: the reader reserved
    /// room for all of them (≈ 170 GB) before reading one.
    // Needs the shared fixture snarkjs/groth16/circuit.r1cs.
    @Test(.enabled(if: Fixtures.available("snarkjs/groth16/circuit.r1cs"), "needs fixture snarkjs/groth16/circuit.r1cs"))
    func circomTermCountAboveRemainingBytesIsRejected() throws {
        let seed = [UInt8](try #require(Fixtures.data("snarkjs/groth16/circuit.r1cs")))
        let sections = try #require(StructuredFuzzer.containerSections(seed))
        let constraints = try #require(sections.firstIndex(where: { $0.type == 2 }))
        // Find the constraints section's payload offset and overwrite its first u32 (A's term count).
        var offset = 12
        for index in 0 ..< constraints { offset += 12 + sections[index].payload.count }
        offset += 12
        var bytes = seed
        for k in 0 ..< 4 { bytes[offset + k] = 0xff }
        #expect(throws: ConstraintError.self) { try R1CS(circomR1CS: bytes, path: "huge.r1cs") }
        do { _ = try R1CS(circomR1CS: bytes, path: "huge.r1cs") } catch {
            #expect("\(error)".contains("term count"))
        }
    }

    /// A `.zkr1cs` header that declares 2^32 − 1 constraints (with a valid hash): the reader
    /// allocated a label index per declared constraint (16 GB) before reading the constraints.
    @Test func zkr1csConstraintCountAboveRemainingBytesIsRejected() throws {
        var bytes = Self.circuit.0.serialized()
        // header payload: modulus (32) | public u32 | private u32 | constraints u32; first section.
        let at = 12 + 12 + 32 + 8
        for k in 0 ..< 4 { bytes[at + k] = 0xff }
        bytes = StructuredFuzzer.rehashed(bytes, hashType: 4, hashed: [1, 2], sha256: { SHA256.hash($0) })
        do {
            _ = try R1CS(serialized: bytes, path: "huge.zkr1cs")
            Issue.record("accepted a header with 2^32 − 1 constraints")
        } catch {
            #expect("\(error)".contains("constraint count"), "\(error)")
        }
    }

    /// Limits below a circuit's size reject it, naming the flag that raises them.
    @Test func limitsRejectLargeCircuitsNamingTheFlag() throws {
        let bytes = Self.circuit.0.serialized()
        #expect(throws: Never.self) { try R1CS(serialized: bytes) }
        do {
            _ = try R1CS(serialized: bytes, limits: ConstraintLimits(maxConstraints: 10))
            Issue.record("accepted 64 constraints under a limit of 10")
        } catch {
            #expect("\(error)".contains("--max-constraints"))
        }
        do {
            _ = try Witness(wtns: Self.circuit.1.wtnsBytes(), limits: ConstraintLimits(maxWires: 10))
            Issue.record("accepted a witness above the wire limit")
        } catch {
            #expect("\(error)".contains("--max-wires"))
        }
    }
}
