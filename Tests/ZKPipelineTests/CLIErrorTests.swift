import Foundation
import Testing
import ZKTestSupport

/// Bad input to the real `zkml` binary: one line on standard error with the module and the file,
/// exit code 2, and nothing written. The messages come from zkml's own readers (`ZKText`'s JSON
/// parser, `ErrorText`), not from Foundation's.
@Suite struct CLIErrorTests {
    // Needs the zkml executable built beside the test bundle (or $ZKML_BINARY).
    @Test("missing, unreadable and malformed files give one line naming the file, exit 2, no output",
          .enabled(if: ZKMLBinary.isAvailable, "needs the zkml binary beside the tests (or ZKML_BINARY)"))
    func badFiles() throws {
        let directory = try AtomicWriteTests.scratch("cli-errors")
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        try Data(#"{"protocol": "groth16", "IC": ["#.utf8).write(to: URL(fileURLWithPath: path("truncated.json")))
        try Data(#"["1", "2"]"#.utf8).write(to: URL(fileURLWithPath: path("public.json")))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path("empty.json")))
        let prove = ["--pk", path("pk.bin"), "--input", path("input.json"), "--proof", path("proof.json"), "--public", path("out.json")]
        let cases: [(arguments: [String], expected: [String])] = [
            (["prove", path("model.zkml")] + prove, ["[zkml] \(path("model.zkml")): cannot read: No such file or directory"]),
            (["prove", directory.path] + prove, ["[zkml] \(directory.path): cannot read: not a regular file"]),
            (["compile", path("model.onnx"), "--out", path("build")], ["\(path("model.onnx")): cannot read: No such file or directory"]),
            (["verify", "--vk", path("vk.json"), "--proof", path("proof.json"), "--public", path("public.json")],
             [path("vk.json"), "No such file or directory"]),
            (["verify", "--vk", path("truncated.json"), "--proof", path("empty.json"), "--public", path("public.json")],
             ["[groth16] \(path("truncated.json")): ", "not valid JSON (unexpected end of the document at byte 31)"]),
        ]
        for (arguments, expected) in cases {
            let outcome = try ZKMLBinary.run(arguments)
            let (code, stderr) = (outcome.code, outcome.stderr)
            #expect(code == 2, "\(arguments[0]): exit \(code), \(stderr)")
            #expect(stderr.split(separator: "\n").count == 1, "\(arguments[0]): \(stderr)")
            for piece in expected { #expect(stderr.contains(piece), "\(arguments[0]): \(stderr) lacks \(piece)") }
        }
        #expect(!FileManager.default.fileExists(atPath: path("proof.json")) && !FileManager.default.fileExists(atPath: path("out.json")))
        #expect(!FileManager.default.fileExists(atPath: path("build/model.zkml")))
    }
}
