import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKPipeline
import ZKTestSupport

/// `zkml compile` refuses a model too large to build within the memory allowed
/// (`--max-memory`, else the machine's) with an error naming where, instead of failing in the
/// allocator (`ResourceEstimate.buildTermLimit`, `ModelCircuit.termLimit`).
@Suite struct BuildMemoryTests {
    @Test func aBuildPastTheMemoryBudgetIsRefusedByName() throws {
        let onnx = try PipelineFixtures.onnx("mlp_digits")
        // 64 MiB of overhead and room for 2,000 terms: mlp_digits' dense layer alone has more.
        let tight = PipelineLimits(maxMemoryBytes: (64 << 20) + 250 * 2_000)
        #expect(ResourceEstimate.buildTermLimit(limits: tight) == 2_000)
        let refused = #expect(throws: CompilerError.self) {
            _ = try PipelineLimits.$scoped.withValue(tight) { try Pipeline.compile(onnx: onnx, file: "network.onnx") }
        }
        guard case let .circuit(.tooLarge(label, _, terms))? = refused else {
            Issue.record("expected tooLarge, got \(String(describing: refused))")
            return
        }
        #expect(terms == 2_000)
        #expect(label?.isEmpty == false, "the error names where the build stopped")
        // The default budget (the machine's memory) builds it.
        #expect(try Pipeline.compile(onnx: onnx, file: "network.onnx").system.constraintCount > 0)
    }
}
