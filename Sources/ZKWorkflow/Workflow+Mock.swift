public import ZKPipeline

extension Workflow {
    /// `zkml mock`: whether the witness of `inputRows` satisfies the compiled model's circuit and
    /// equals the exact inference (a failure is a result naming the constraint and its node).
    public static func mock(model: String, inputRows rows: [[Double]], inputName: String, progress: Progress? = nil) throws -> MockReport {
        let compiled = try loadCompiledModel(model)
        return try phase("mock", progress) {
            try naming(input: inputName) { try Pipeline.mock(compiled, inputRows: rows, path: model) }
        }.0
    }
}

extension MockReport {
    /// The `zkml mock --json` object: `satisfied`, `constraints`, `failure`, `outputs`.
    public var json: [String: Any] {
        var object: [String: Any] = ["satisfied": satisfied, "constraints": constraints]
        if let failure { object["failure"] = failure }
        if let outputValues { object["outputs"] = outputValues }
        return object
    }
}
