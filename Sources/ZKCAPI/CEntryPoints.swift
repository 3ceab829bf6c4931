#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import ZKText
internal import ZKGroth16
internal import ZKPipeline
internal import ZKSolidity
internal import ZKWorkflow

// The C ABI (Sources/ZKCAPI/include/zkml.h documents every request field and the ownership
// rules): each entry point takes a JSON request, runs one ZKWorkflow call and hands back a JSON
// response the caller frees with zkml_free. Long calls run on the caller's thread without any
// lock of ours, so a Python caller (ctypes) releases the GIL for their whole length.

/// zkml's version (a static string; do not free).
@_cdecl("zkml_version")
public func zkmlVersion() -> UnsafePointer<CChar> { CVersion.text }

/// Frees a response (NULL is ignored).
@_cdecl("zkml_free")
public func zkmlFree(_ response: UnsafeMutablePointer<CChar>?) { free(response) }

@_cdecl("zkml_compile")
public func zkmlCompile(_ request: UnsafePointer<CChar>?, _ progress: ZKMLProgressCallback?, _ context: UnsafeMutableRawPointer?,
                        _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    CCall.run(request, response) { request in
        let model = try request.requiredString("model"), out = try request.requiredString("out")
        var options = try request.compileOptions()
        let name = try request.string("name")
        let inline = try request.rows("calibration_data"), file = try request.string("calibrate")
        if inline != nil && file != nil { throw WorkflowError("request: give 'calibration_data' or 'calibrate', not both") }
        options.calibrationRows = try inline ?? file.map(Workflow.inputRows) ?? []
        try request.checkAllRead()
        let summary = try Workflow.compile(model: model, out: out, options: options, name: name,
                                           progress: CCall.progress(progress, context))
        var object = summary.json
        object["settings_json"] = String(decoding: summary.settings.json(), as: UTF8.self)
        return (object, false)
    }
}

@_cdecl("zkml_setup")
public func zkmlSetup(_ request: UnsafePointer<CChar>?, _ progress: ZKMLProgressCallback?, _ context: UnsafeMutableRawPointer?,
                      _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    CCall.run(request, response) { request in
        let circuit = try request.requiredString("model"), out = try request.requiredString("out")
        try request.checkAllRead()
        return (try Workflow.setup(circuit: circuit, out: out, progress: CCall.progress(progress, context)).json, false)
    }
}

@_cdecl("zkml_prove")
public func zkmlProve(_ request: UnsafePointer<CChar>?, _ progress: ZKMLProgressCallback?, _ context: UnsafeMutableRawPointer?,
                      _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    CCall.run(request, response) { request in
        let model = try request.requiredString("model"), pk = try request.requiredString("pk")
        guard let input = try request.rows(inline: "input_data", path: "input") else {
            throw WorkflowError("request: missing 'input_data' (the rows) or 'input' (an input.json)")
        }
        var files = Workflow.ProofFiles(proof: try request.requiredString("proof"), publicSignals: try request.requiredString("public"))
        files.output = try request.string("output")
        files.salt = try request.string("salt_out")
        let reused = try request.string("salt")
        try request.checkAllRead()
        let summary = try Workflow.prove(model: model, provingKey: pk, inputRows: input.rows, inputName: input.name,
                                         files: files, reusedSalts: reused, progress: CCall.progress(progress, context))
        return (summary.json, false)
    }
}

@_cdecl("zkml_verify")
public func zkmlVerify(_ request: UnsafePointer<CChar>?, _ progress: ZKMLProgressCallback?, _ context: UnsafeMutableRawPointer?,
                       _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    CCall.run(request, response) { request in
        var files = Workflow.VerifyFiles(verifyingKey: try request.requiredString("vk"), proof: try request.requiredString("proof"),
                                         publicSignals: try request.requiredString("public"))
        files.input = try request.string("input")
        files.output = try request.string("output")
        files.salt = try request.string("salt")
        files.parameterCommitment = try request.string("param_commitment")
        try request.checkAllRead()
        let report = CCall.progress(progress, context)
        report?("verify", 0)
        let result = try Workflow.verify(files)
        report?("verify", 1)
        return (result.json, !result.verdict.isValid)
    }
}

@_cdecl("zkml_mock")
public func zkmlMock(_ request: UnsafePointer<CChar>?, _ progress: ZKMLProgressCallback?, _ context: UnsafeMutableRawPointer?,
                     _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    CCall.run(request, response) { request in
        let model = try request.requiredString("model")
        guard let input = try request.rows(inline: "input_data", path: "input") else {
            throw WorkflowError("request: missing 'input_data' (the rows) or 'input' (an input.json)")
        }
        try request.checkAllRead()
        let report = try Workflow.mock(model: model, inputRows: input.rows, inputName: input.name, progress: CCall.progress(progress, context))
        return (report.json, !report.satisfied)
    }
}

@_cdecl("zkml_inspect")
public func zkmlInspect(_ request: UnsafePointer<CChar>?, _ progress: ZKMLProgressCallback?, _ context: UnsafeMutableRawPointer?,
                        _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    CCall.run(request, response) { request in
        let model = try request.requiredString("model")
        let options = try request.compileOptions()
        try request.checkAllRead()
        let summary = try Workflow.inspect(model: model, options: options)
        var object = summary.json
        object["supported"] = summary.supported
        if let text = summary.reportText { object["text"] = text }
        return (object, !summary.supported)
    }
}

@_cdecl("zkml_export_verifier")
public func zkmlExportVerifier(_ request: UnsafePointer<CChar>?, _ progress: ZKMLProgressCallback?, _ context: UnsafeMutableRawPointer?,
                               _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    CCall.run(request, response) { request in
        let vk = try request.requiredString("vk"), out = try request.requiredString("out")
        let language = try request.setting("lang", expected: "solidity, vyper") { try? VerifierLanguage(name: $0) } ?? .solidity
        let withOracle = try request.bool("with_oracle"), noSizeCheck = try request.bool("no_size_check")
        try request.checkAllRead()
        let summary = try Workflow.exportVerifier(verifyingKey: vk, out: out, language: language, withOracle: withOracle,
                                                  sizeCheck: !noSizeCheck)
        return (summary.json, false)
    }
}

@_cdecl("zkml_calldata")
public func zkmlCalldata(_ request: UnsafePointer<CChar>?, _ progress: ZKMLProgressCallback?, _ context: UnsafeMutableRawPointer?,
                         _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    CCall.run(request, response) { request in
        let proof = try request.requiredString("proof"), publicSignals = try request.requiredString("public")
        let packed = try request.bool("packed")
        let vk = try request.string("vk")
        try request.checkAllRead()
        if packed && vk == nil { throw WorkflowError("request: 'packed' needs 'vk' (the key whose packing to use)") }
        if !packed && vk != nil { throw WorkflowError("request: 'vk' is only read with 'packed'") }
        let calldata = try Workflow.calldata(proof: proof, publicSignals: publicSignals, packedWith: packed ? vk : nil)
        let arguments = (try? JSONValue.parse(Array(calldata.json.utf8))) ?? .null
        return (["hex": calldata.hex, "arguments": arguments, "packed": packed], false)
    }
}
