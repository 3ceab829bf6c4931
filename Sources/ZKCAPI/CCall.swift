#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import ZKText
internal import ZKWorkflow

/// `void (*)(void *context, const char *phase, double fraction)`: zkml.h's `zkml_progress_fn`.
public typealias ZKMLProgressCallback = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Double) -> Void

/// One C call: the request parsed, the body run, its result or error rendered as the JSON response.
/// Nothing thrown crosses the C boundary: every error becomes
/// `{"error": {"module": …, "message": "[module] …", "code": 2|3}}` and the return code.
enum CCall {
    typealias Progress = ZKMLProgressCallback

    /// Return codes (zkml.h): the CLI's exit codes.
    static let ok: Int32 = 0, negative: Int32 = 1, failure: Int32 = 2

    /// Runs `body` on the parsed request; `body` returns the response object and whether the
    /// answer is negative (an invalid proof, an unsatisfied witness, an unsupported model).
    static func run(_ request: UnsafePointer<CChar>?, _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                    _ body: (inout CRequest) throws -> (object: [String: Any], negative: Bool)) -> Int32 {
        let code: Int32
        let object: [String: Any]
        do {
            var parsed = try CRequest(request)
            let result = try body(&parsed)
            (code, object) = (result.negative ? negative : ok, result.object)
        } catch {
            let (module, message) = Workflow.describe(error) ?? ("zkml", String(describing: error))
            code = Workflow.exitCode(for: error)
            object = ["error": ["module": module, "message": ErrorText.tagged(module: module, message), "code": Int(code)] as [String: Any]]
        }
        if let response { response.pointee = strdup(JSONValue(object).rendered()) }
        return code
    }

    /// The workflow's progress closure over a C callback (`nil` when there is none).
    static func progress(_ callback: Progress?, _ context: UnsafeMutableRawPointer?) -> Workflow.Progress? {
        guard let callback else { return nil }
        return { phase, fraction in phase.withCString { callback(context, $0, fraction) } }
    }
}
