#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import ZKText
internal import ZKQuant

extension ModelIdentity {
    /// The quantized outputs in an `output.json` (what `zkml prove --output` writes): the exact
    /// `output_integers` when present, otherwise `output_data` quantized at each output's scale
    /// (`q = ⌊x·2^scale + 1/2⌋`, exact for values that came from that scale).
    /// - Throws: `QuantError.invalidJSON` naming the file and field; `QuantError` for a wrong count
    ///   or an out-of-range value.
    public func outputTensors(document data: Data, path: String) throws -> [[Int64]] {
        let entries = publicSignals.outputs
        struct Document: Decodable { var output_integers: [[Int64]]? }
        let document: Document
        do { document = try JSONDecoder().decode(Document.self, from: data) } catch {
            throw QuantError.invalidJSON(file: path, reason: "output_integers must be arrays of integers (\(ErrorText.reason(error)))")
        }
        if let integers = document.output_integers {
            guard integers.count == entries.count else {
                throw QuantError.invalidJSON(file: path, reason: "output_integers: expected \(entries.count) arrays, one per output")
            }
            for (index, (entry, row)) in zip(entries, integers).enumerated() where row.count != entry.count {
                throw QuantError.invalidJSON(file: path, reason: "output_integers[\(index)]: expected \(entry.count) integers for output '\(entry.name)'")
            }
            return integers
        }
        let rows = try EZKLJSON.inputRows(from: data, file: path, key: "output_data")
        guard rows.count == entries.count else {
            throw QuantError.invalidJSON(file: path, reason: "output_data: expected \(entries.count) arrays, one per output")
        }
        return try zip(entries, rows).map { entry, row in
            try QuantizedTensorInfo(name: entry.name, shape: entry.shape, scale: entry.scale, bits: 63).quantize(row).scalars
        }
    }
}
