import Foundation
import Testing
import ZKCAPI
import ZKTestSupport
import ZKText

/// The C entry points as a C caller sees them: return codes, the response object (freed with
/// zkml_free), errors naming the request field, progress through a C function pointer.
@Suite struct CEntryPointTests {
    typealias Entry = (UnsafePointer<CChar>?, ZKMLProgressCallback?, UnsafeMutableRawPointer?,
                       UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32

    static let circuits = Fixtures.repository.appendingPathComponent("Circuits")

    /// Calls `entry` with `request`; returns the code and the parsed response (freed here).
    func call(_ entry: Entry, _ request: String, progress: ZKMLProgressCallback? = nil,
              context: UnsafeMutableRawPointer? = nil) throws -> (code: Int32, response: JSONValue) {
        var response: UnsafeMutablePointer<CChar>?
        let code = request.withCString { entry($0, progress, context, &response) }
        let pointer = try #require(response, "every return sets the response")
        defer { zkmlFree(pointer) }
        return (code, try JSONValue.parse(Array(String(cString: pointer).utf8)))
    }

    func message(_ response: JSONValue) -> String { response["error"]?["message"]?.stringValue ?? "" }

    func quoted(_ text: String) -> String { JSONValue.string(text).rendered() }

    @Test("a malformed request is error 2 naming the field, never a crash; a NULL response pointer is allowed")
    func requestErrors() throws {
        var (code, response) = try call(zkmlCompile, "not json")
        #expect(code == 2 && message(response).hasPrefix("[zkml] request: not valid JSON"))
        (code, response) = try call(zkmlCompile, "[1, 2]")
        #expect(code == 2 && message(response) == "[zkml] request: expected a JSON object")
        (code, response) = try call(zkmlCompile, #"{"model": 3, "out": "x"}"#)
        #expect(code == 2 && message(response) == "[zkml] request field 'model': expected a string")
        (code, response) = try call(zkmlSetup, #"{"out": "x"}"#)
        #expect(code == 2 && message(response) == "[zkml] request field 'model': missing")
        (code, response) = try call(zkmlVerify, #"{"vk": "a", "proof": "b", "public": "c", "publik": "d"}"#)
        #expect(code == 2 && message(response) == "[zkml] request field 'publik': unknown for this call")
        (code, response) = try call(zkmlCompile, #"{"model": "m.onnx", "out": "x", "input_visibility": "secret"}"#)
        #expect(code == 2 && message(response).contains("'secret' is not one of public, private, hashed"))
        #expect(response["error"]?["module"]?.stringValue == "zkml" && response["error"]?["code"]?.intValue == 2)
        #expect("{}".withCString { zkmlCompile($0, nil, nil, nil) } == 2)
        #expect(String(cString: zkmlVersion()) == "0.1.0")
        zkmlFree(nil)
    }

    @Test("compile, setup, prove, verify and mock through the C entry points; a changed signal is answer 1; progress reaches the C callback")
    func roundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkml-capi-\(UInt64.random(in: 0 ..< .max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.path
        let model = Self.circuits.appendingPathComponent("mlp_digits")
        var phases = 0
        let counter: ZKMLProgressCallback = { context, _, _ in context!.assumingMemoryBound(to: Int.self).pointee += 1 }
        var (code, response) = try withUnsafeMutablePointer(to: &phases) { pointer in
            try call(zkmlCompile, #"{"model": \#(quoted(model.appendingPathComponent("network.onnx").path)), "out": \#(quoted(out))}"#,
                     progress: counter, context: UnsafeMutableRawPointer(pointer))
        }
        #expect(code == 0 && response["constraints"]?.intValue ?? 0 > 0 && phases == 2)
        #expect(response["settings_json"]?.stringValue?.contains("\"format\"") == true)
        (code, response) = try call(zkmlSetup, #"{"model": \#(quoted(out + "/model.zkml")), "out": \#(quoted(out))}"#)
        #expect(code == 0 && response["proving_key"]?.stringValue == out + "/pk.bin")
        let input = try String(contentsOf: model.appendingPathComponent("input.json"), encoding: .utf8)
        let rows = try #require(JSONValue.parse(Array(input.utf8))["input_data"])
        (code, response) = try call(zkmlProve, #"{"model": \#(quoted(out + "/model.zkml")), "pk": \#(quoted(out + "/pk.bin")), "#
            + #""input_data": \#(rows.rendered()), "proof": \#(quoted(out + "/proof.json")), "public": \#(quoted(out + "/public.json"))}"#)
        #expect(code == 0 && response["output_integers"]?.arrayValue?.count == 1, "\(response)")
        let verify = #"{"vk": \#(quoted(out + "/verification_key.json")), "proof": \#(quoted(out + "/proof.json")), "public": \#(quoted(out + "/public.json"))}"#
        (code, response) = try call(zkmlVerify, verify)
        #expect(code == 0 && response["valid"] == .bool(true))
        var signals = try #require(JSONValue.parse(Array(try String(contentsOfFile: out + "/public.json", encoding: .utf8).utf8)).stringArrayValue)
        signals[signals.count - 1] = signals.last == "1" ? "2" : "1"
        try JSONValue.array(signals.map(JSONValue.string)).rendered().write(toFile: out + "/public.json", atomically: true, encoding: .utf8)
        (code, response) = try call(zkmlVerify, verify)
        #expect(code == 1 && response["valid"] == .bool(false) && response["reason"]?.stringValue?.isEmpty == false)
        (code, response) = try call(zkmlMock, #"{"model": \#(quoted(out + "/model.zkml")), "input_data": [[1, 2, 3]], "input_name": "inputs"}"#)
        #expect(code == 2 && message(response).hasPrefix("[zkml] inputs: "), "\(response)")
        (code, response) = try call(zkmlMock, #"{"model": \#(quoted(out + "/model.zkml")), "input": \#(quoted(model.appendingPathComponent("input.json").path))}"#)
        #expect(code == 0 && response["satisfied"] == .bool(true))
    }
}
