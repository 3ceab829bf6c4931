#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import ZKCompiler
internal import ZKField
internal import ZKPoseidon
internal import ZKText

/// `salt.json`: the salts of one proof's salted digests, written by `zkml prove` (owner-only
/// permissions) and read by `zkml prove --salt` (reuse) and `zkml verify --salt` (opening).
///
/// ```json
/// {
///   "format": "zkml-salt",
///   "version": 1,
///   "salts": [
///     {"role": "input", "name": "input", "salt": "<decimal integer below 2^248>"},
///     {"role": "output", "name": "logits", "salt": "…"}
///   ]
/// }
/// ```
/// A salt is also accepted as `0x` hexadecimal. Entries for tensors a model does not salt are
/// ignored, so one file can carry the salt of an input shared by several models.
extension DigestSalts {
    /// The `format` field.
    public static let fileFormat = "zkml-salt"
    /// Largest `salt.json` read: far above any model's handful of tensors.
    static let maxFileBytes = 1 << 20

    /// Parses a `salt.json` document.
    /// - Throws: ``PipelineError/notJSON(path:_:)`` when the bytes are not JSON, else
    ///   ``PipelineError/malformedArtifact(path:detail:)`` naming the file and the field
    ///   (`salts[1].salt: …`).
    public init(json data: Data, path: String) throws(PipelineError) {
        func failure(_ field: String, _ reason: String) -> PipelineError { .malformedArtifact(path: path, detail: "\(field): \(reason)") }
        guard data.count <= Self.maxFileBytes else { throw failure("(file)", "\(data.count) bytes, a salt file has at most \(Self.maxFileBytes)") }
        let document: JSONValue
        do { document = try JSONValue.parse(data, maxDepth: 8) } catch { throw .notJSON(path: path, error) }
        guard document.objectValue != nil else { throw failure("(file)", "expected a JSON object") }
        guard document["format"]?.stringValue == Self.fileFormat else { throw failure("format", "expected \"\(Self.fileFormat)\"") }
        guard document["version"] == .integer(1) else { throw failure("version", "expected 1") }
        guard let list = document["salts"]?.arrayValue else { throw failure("salts", "expected an array") }
        var entries: [Entry] = []
        for (index, item) in list.enumerated() {
            let field = "salts[\(index)]"
            guard let roleText = item["role"]?.stringValue, let role = PublicLayout.Entry.Role(rawValue: roleText) else {
                throw failure("\(field).role", "expected \"input\", \"output\" or \"parameters\"")
            }
            guard let name = item["name"]?.stringValue else { throw failure("\(field).name", "expected a string") }
            guard let text = item["salt"]?.stringValue else { throw failure("\(field).salt", "expected a string (decimal or 0x hex)") }
            let salt: BN254.Fr
            do { salt = try Poseidon.salt(parsing: text) } catch { throw failure("\(field).salt", error.description) }
            guard !entries.contains(where: { $0.role == role && $0.name == name }) else {
                throw failure(field, "a second salt for \(role.rawValue) '\(name)'")
            }
            entries.append(Entry(role: role, name: name, salt: salt))
        }
        self.init(entries: entries)
    }

    /// The `salt.json` document (salts in decimal).
    public func json() -> Data {
        let salts: [Any] = entries.map { ["role": $0.role.rawValue, "name": $0.name, "salt": $0.salt.description] as [String: Any] }
        let document: [String: Any] = ["format": Self.fileFormat, "version": 1, "salts": salts]
        return Data((JSONValue(document).rendered(pretty: true) + "\n").utf8)
    }
}
