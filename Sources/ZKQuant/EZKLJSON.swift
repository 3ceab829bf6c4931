#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ZKText

/// EZKL-compatible JSON: `{"input_data": [[…]]}` in, `{"output_data": [[…]]}` out.
public enum EZKLJSON {
    /// Reads the flat rows of `input_data` (nested arrays are flattened row-major); `[[]]` is no rows.
    /// - Parameter file: the name used in error messages.
    /// - Throws: ``QuantError/notJSON(file:_:)`` when the bytes are not JSON,
    ///   ``QuantError/invalidJSON(file:reason:)`` when the layout is wrong.
    ///   ``InputLimits/current`` bounds the document's size, nesting and number of values.
    public static func inputRows(from data: Data, file: String = "input.json", key: String = "input_data") throws -> [[Double]] {
        let limits = InputLimits.current
        try limits.check(data, file: file)
        let object: JSONValue
        do { object = try JSONValue.parse(data) } catch {
            throw QuantError.notJSON(file: file, error)
        }
        guard let rows = object[key]?.arrayValue else {
            throw QuantError.invalidJSON(file: file, reason: "expected an object with \"\(key)\": [[numbers…], …]")
        }
        var total = 0
        // EZKL writes a model without inputs (a constant output) as `[[]]`: no rows.
        if rows.count == 1, let only = rows.first?.arrayValue, only.isEmpty { return [] }
        return try rows.enumerated().map { index, row in
            var flat: [Double] = []
            try flatten(row, into: &flat, file: file, path: "\(key)[\(index)]")
            total += flat.count
            guard total <= limits.maxValues else {
                throw QuantError.invalidJSON(file: file, reason: "more than \(limits.maxValues) values (raise the limit with --max-tensor-elements)")
            }
            return flat
        }
    }

    /// Reads a file in the EZKL input layout.
    public static func inputRows(contentsOf url: URL, key: String = "input_data") throws -> [[Double]] {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int {
            guard size <= InputLimits.current.maxBytes else {
                throw QuantError.invalidJSON(file: url.lastPathComponent, reason: "the file has \(size) bytes, above the limit of \(InputLimits.current.maxBytes) (raise it with --max-json-size)")
            }
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw QuantError.invalidJSON(file: url.path, reason: "cannot read: \(ErrorText.reason(error))")
        }
        return try inputRows(from: data, file: url.lastPathComponent, key: key)
    }

    static func flatten(_ value: JSONValue, into flat: inout [Double], file: String, path: String) throws {
        if let number = value.doubleValue {
            flat.append(number)
        } else if case let .bool(flag) = value {
            flat.append(flag ? 1 : 0)   // boolean tensors (EZKL and onnxruntime read true/false as 1/0)
        } else if let array = value.arrayValue {
            for (index, element) in array.enumerated() { try flatten(element, into: &flat, file: file, path: "\(path)[\(index)]") }
        } else {
            throw QuantError.invalidJSON(file: file, reason: "\(path) is not a number")
        }
    }

    /// Splits calibration rows into samples: with one graph input, every row is a sample (or a
    /// row holding several samples back to back); with several inputs, one row per input makes
    /// one sample.
    public static func calibrationSamples(_ rows: [[Double]], inputCounts: [Int]) throws -> [[[Double]]] {
        if inputCounts.count == 1, let count = inputCounts.first, count > 0 {
            return try rows.flatMap { row -> [[[Double]]] in
                guard row.count % count == 0, !row.isEmpty else {
                    throw QuantError.invalidJSON(file: "calibration", reason: "a row of \(row.count) values is not a multiple of \(count)")
                }
                return stride(from: 0, to: row.count, by: count).map { [Array(row[$0..<($0 + count)])] }
            }
        }
        guard rows.count % inputCounts.count == 0 else {
            throw QuantError.invalidJSON(file: "calibration", reason: "\(rows.count) rows for \(inputCounts.count) inputs")
        }
        return stride(from: 0, to: rows.count, by: inputCounts.count).map { Array(rows[$0..<($0 + inputCounts.count)]) }
    }

    /// The output document: de-quantized `output_data`, plus the raw integers and their scales.
    public static func outputDocument(model: QuantizedModel, trace: QuantizedTrace) throws -> Data {
        let document: [String: Any] = [
            "output_data": model.dequantizeOutputs(trace.outputs),
            "output_integers": trace.outputs.map(\.scalars),
            "output_scales": model.outputs.map(\.scale),
            "output_shapes": model.outputs.map(\.shape),
        ]
        return Data(JSONValue(document).rendered().utf8)
    }
}

extension EZKLJSON {
    /// Every step of a run as JSON: `{"steps": [{"node", "op_type", "primitive", "output", "shape",
    /// "scale", "bits", "activation", "values"}…]}`, graph inputs first (primitive `input`).
    public static func traceDocument(model: QuantizedModel, trace: QuantizedTrace) throws -> Data {
        var steps: [[String: Any]] = model.inputs.map { info in
            ["node": "(input)", "op_type": "Input", "primitive": "input", "output": info.name, "shape": info.shape,
             "scale": info.scale, "bits": info.bits, "activation": true,
             "values": trace.values[info.name]?.scalars ?? []]
        }
        for step in model.steps {
            steps.append(["node": step.node, "op_type": step.opType, "primitive": step.operation.name, "output": step.output,
                          "shape": step.outputShape, "scale": step.scale, "bits": step.bits, "activation": step.isActivation,
                          "values": trace.values[step.output]?.scalars ?? []])
        }
        return Data(JSONValue(["steps": steps]).rendered().utf8)
    }
}
