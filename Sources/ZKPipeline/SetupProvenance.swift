#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText

/// Where a key's secrets came from, recorded in `verification_key.json` as `zkml_setup` (snarkjs
/// ignores the field) so that `zkml export-verifier` can warn before a single-party key becomes
/// a contract. Provenance, not proof: a ceremony key is checked with `zkml ceremony verify`.
public enum SetupProvenance: Sendable, Equatable {
    /// `zkml setup`: one machine drew every secret; whoever ran it can forge proofs.
    case development
    /// Exported from a phase-2 ceremony (`zkml ceremony export`) after verification.
    case ceremony(contributions: Int, circuitHash: String)

    /// The JSON object.
    var json: String {
        switch self {
        case .development: #"{"kind": "development", "note": "single-party key from zkml setup: whoever ran it can forge proofs"}"#
        case let .ceremony(contributions, circuitHash):
            #"{"kind": "ceremony", "contributions": \#(contributions), "transcript_root": "\#(circuitHash)"}"#
        }
    }

    /// `json` (a verification_key.json) with `"zkml_setup"` added as its last field.
    public func appended(to json: String) -> String {
        guard let close = json.lastIndex(of: "}") else { return json }
        var prefix = String(json[..<close])
        while prefix.last?.isWhitespace == true { prefix.removeLast() }
        return prefix + ",\n  \"zkml_setup\": " + self.json + "\n}\n"
    }

    /// The provenance a verification_key.json records, or `nil` when it records none (a key
    /// from snarkjs or an older zkml).
    public init?(verificationKeyJSON data: Data) {
        guard let value = try? JSONValue.parse([UInt8](data)), let fields = value.objectValue?["zkml_setup"]?.objectValue,
              case let .string(kind)? = fields["kind"] else { return nil }
        switch kind {
        case "development": self = .development
        case "ceremony":
            guard let count = fields["contributions"]?.doubleValue, let hash = fields["transcript_root"]?.stringValue else { return nil }
            self = .ceremony(contributions: Int(count), circuitHash: hash)
        default: return nil
        }
    }
}
