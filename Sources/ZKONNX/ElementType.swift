/// The element types of ONNX tensors that zkml reads (numbers from `TensorProto.DataType`).
///
/// All values are carried as `Double` inside zkml's float graph; integer types are exact up to 2^53.
public enum ElementType: Int, Sendable, Equatable, CaseIterable, Codable {
    case float = 1, uint8 = 2, int8 = 3, uint16 = 4, int16 = 5, int32 = 6, int64 = 7
    case bool = 9, double = 11, uint32 = 12, uint64 = 13

    /// Whether the type holds real numbers (as opposed to integers or booleans).
    public var isFloatingPoint: Bool { self == .float || self == .double }

    /// The bit width of an integer type (`nil` for floats and bool).
    public var integerWidth: Int? {
        switch self {
        case .uint8, .int8: 8
        case .uint16, .int16: 16
        case .int32, .uint32: 32
        case .int64, .uint64: 64
        case .float, .double, .bool: nil
        }
    }

    /// Whether the type is an unsigned integer.
    public var isUnsigned: Bool { [.uint8, .uint16, .uint32, .uint64].contains(self) }

    /// The ONNX spelling of a data-type number, for messages.
    public static func name(of dataType: Int) -> String {
        let names = [0: "UNDEFINED", 1: "FLOAT", 2: "UINT8", 3: "INT8", 4: "UINT16", 5: "INT16", 6: "INT32",
                     7: "INT64", 8: "STRING", 9: "BOOL", 10: "FLOAT16", 11: "DOUBLE", 12: "UINT32",
                     13: "UINT64", 14: "COMPLEX64", 15: "COMPLEX128", 16: "BFLOAT16"]
        return names[dataType] ?? "UNKNOWN"
    }

    /// The ONNX spelling of this type.
    public var onnxName: String { Self.name(of: rawValue) }
}
