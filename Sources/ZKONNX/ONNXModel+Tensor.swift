#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ONNXModel {
    /// Decodes a `TensorProto` into a `Double` tensor and its element type.
    static func decodeTensor(_ proto: Onnx_TensorProto, fallbackName: String = "") throws -> (Tensor<Double>, ElementType) {
        let name = proto.name.isEmpty ? fallbackName : proto.name
        if proto.dataLocation == .external || !proto.externalData.isEmpty {
            throw ONNXError.externalData(tensor: name)
        }
        guard let type = ElementType(rawValue: Int(proto.dataType)) else {
            throw ONNXError.unsupportedDataType(tensor: name, dataType: Int(proto.dataType))
        }
        var shape: [Int] = []
        var count = 1
        let maxElements = ONNXLimits.current.maxTensorElements
        guard proto.dims.count <= 64 else {
            throw ONNXError.invalidTensor(tensor: name, reason: "\(proto.dims.count) dimensions (at most 64)")
        }
        for dim in proto.dims {
            guard dim >= 0, dim <= Int64(maxElements) else {
                throw ONNXError.invalidTensor(tensor: name, reason: "dimension \(dim) is out of range (at most \(maxElements), --max-tensor-elements)")
            }
            shape.append(Int(dim))
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(dim))
            guard !overflow, product <= maxElements else {
                throw ONNXError.invalidTensor(tensor: name, reason: "more than \(maxElements) elements (raise the limit with --max-tensor-elements)")
            }
            count = product
        }
        let values: [Double]
        if proto.hasRawData {
            values = try decodeRaw([UInt8](proto.rawData), type: type, count: count, tensor: name)
        } else {
            switch type {
            case .float: values = proto.floatData.map(Double.init)
            case .double: values = proto.doubleData
            case .int64: values = proto.int64Data.map(Double.init)
            case .uint32, .uint64: values = proto.uint64Data.map(Double.init)
            case .int32, .int16, .int8, .uint16, .uint8, .bool: values = proto.int32Data.map(Double.init)
            }
        }
        guard values.count == count else {
            throw ONNXError.invalidTensor(tensor: name, reason: "shape \(shape) needs \(count) values, found \(values.count)")
        }
        return (Tensor(shape: shape, scalars: values), type)
    }

    static func decodeRaw(_ bytes: [UInt8], type: ElementType, count: Int, tensor: String) throws -> [Double] {
        let width: Int = switch type {
        case .float, .int32, .uint32: 4
        case .double, .int64, .uint64: 8
        case .int16, .uint16: 2
        case .int8, .uint8, .bool: 1
        }
        guard bytes.count == count * width else {
            throw ONNXError.invalidTensor(tensor: tensor, reason: "raw_data has \(bytes.count) bytes, expected \(count * width)")
        }
        func word(_ index: Int) -> UInt64 {
            var value: UInt64 = 0
            for byte in 0..<width { value |= UInt64(bytes[index * width + byte]) << (8 * byte) }
            return value
        }
        return (0..<count).map { index in
            let bits = word(index)
            switch type {
            case .float: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
            case .double: return Double(bitPattern: bits)
            case .int64: return Double(Int64(bitPattern: bits))
            case .uint64: return Double(bits)
            case .int32: return Double(Int32(truncatingIfNeeded: bits))
            case .uint32: return Double(UInt32(truncatingIfNeeded: bits))
            case .int16: return Double(Int16(truncatingIfNeeded: bits))
            case .uint16: return Double(UInt16(truncatingIfNeeded: bits))
            case .int8: return Double(Int8(truncatingIfNeeded: bits))
            case .uint8: return Double(UInt8(truncatingIfNeeded: bits))
            case .bool: return bits == 0 ? 0 : 1
            }
        }
    }
}
