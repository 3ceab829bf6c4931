extension JSONValue {
    /// Why a document is not JSON, with the byte offset where reading stopped.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "\(reason) at byte \(offset)" }
    }

    /// Parses a JSON document (RFC 8259): one value, surrounded by optional whitespace, after an
    /// optional UTF-8 byte order mark (which the RFC lets parsers ignore, and editors on Windows write).
    /// - Parameter maxDepth: the deepest nesting of arrays and objects accepted.
    /// - Throws: ``ParseError``.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = 512) throws(ParseError) -> JSONValue {
        let buffer = Array(bytes)
        return try buffer.withUnsafeBufferPointer { (input) throws(ParseError) -> JSONValue in
            var parser = Parser(input: input, maxDepth: maxDepth)
            if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { parser.position = 3 }
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            guard parser.position == input.count else { throw parser.failure("unexpected text after the document") }
            return value
        }
    }

    private struct Parser {
        let input: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var position = 0

        init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.input = input
            self.maxDepth = maxDepth
        }

        func failure(_ reason: String) -> ParseError { ParseError(offset: position, reason: reason) }

        mutating func skipWhitespace() {
            while position < input.count, [0x20, 0x09, 0x0A, 0x0D].contains(input[position]) { position += 1 }
        }

        mutating func literal(_ text: StaticString, _ value: JSONValue) throws(ParseError) -> JSONValue {
            let count = text.utf8CodeUnitCount
            guard position + count <= input.count,
                  (0 ..< count).allSatisfy({ input[position + $0] == text.utf8Start[$0] }) else { throw failure("invalid literal") }
            position += count
            return value
        }

        mutating func value(depth: Int) throws(ParseError) -> JSONValue {
            skipWhitespace()
            guard position < input.count else { throw failure("unexpected end of the document") }
            switch input[position] {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return try number()
            default: throw failure("unexpected character")
            }
        }

        mutating func object(depth: Int) throws(ParseError) -> JSONValue {
            guard depth <= maxDepth else { throw failure("nested deeper than \(maxDepth) levels") }
            position += 1
            var fields: [String: JSONValue] = [:]
            skipWhitespace()
            if position < input.count, input[position] == UInt8(ascii: "}") { position += 1; return .object(fields) }
            while true {
                skipWhitespace()
                guard position < input.count, input[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                let key = try string()
                skipWhitespace()
                guard position < input.count, input[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                position += 1
                fields[key] = try value(depth: depth)
                skipWhitespace()
                guard position < input.count else { throw failure("unexpected end of the document") }
                if input[position] == UInt8(ascii: ",") { position += 1; continue }
                guard input[position] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
                position += 1
                return .object(fields)
            }
        }

        mutating func array(depth: Int) throws(ParseError) -> JSONValue {
            guard depth <= maxDepth else { throw failure("nested deeper than \(maxDepth) levels") }
            position += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if position < input.count, input[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth))
                skipWhitespace()
                guard position < input.count else { throw failure("unexpected end of the document") }
                if input[position] == UInt8(ascii: ",") { position += 1; continue }
                guard input[position] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
                position += 1
                return .array(items)
            }
        }

        mutating func hexQuad() throws(ParseError) -> UInt32 {
            guard position + 4 <= input.count else { throw failure("truncated \\u escape") }
            var value: UInt32 = 0
            for _ in 0 ..< 4 {
                let c = input[position]
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                default: throw failure("invalid \\u escape")
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }

        mutating func string() throws(ParseError) -> String {
            position += 1
            var bytes: [UInt8] = []
            while true {
                guard position < input.count else { throw failure("unterminated string") }
                let c = input[position]
                position += 1
                switch c {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: bytes, as: UTF8.self) else { throw failure("string is not valid UTF-8") }
                    return text
                case UInt8(ascii: "\\"):
                    guard position < input.count else { throw failure("unterminated string") }
                    let escape = input[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
                    case UInt8(ascii: "b"): bytes.append(0x08)
                    case UInt8(ascii: "f"): bytes.append(0x0C)
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hexQuad()
                        if (0xD800 ..< 0xDC00).contains(scalar) {
                            guard position + 2 <= input.count, input[position] == UInt8(ascii: "\\"), input[position + 1] == UInt8(ascii: "u")
                            else { throw failure("unpaired surrogate") }
                            position += 2
                            let low = try hexQuad()
                            guard (0xDC00 ..< 0xE000).contains(low) else { throw failure("unpaired surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw failure("unpaired surrogate") }
                        bytes.append(contentsOf: String(unicode).utf8)
                    default: throw failure("invalid escape")
                    }
                default:
                    guard c >= 0x20 else { throw failure("control character in a string") }
                    bytes.append(c)
                }
            }
        }

        mutating func number() throws(ParseError) -> JSONValue {
            let start = position
            var integral = true
            if input[position] == UInt8(ascii: "-") { position += 1 }
            func digits(_ p: inout Parser) -> Int {
                let from = p.position
                while p.position < p.input.count, (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(p.input[p.position]) { p.position += 1 }
                return p.position - from
            }
            let leading = position
            guard digits(&self) > 0 else { throw failure("invalid number") }
            if input[leading] == UInt8(ascii: "0") && position - leading > 1 { throw failure("invalid number (leading zero)") }
            if position < input.count, input[position] == UInt8(ascii: ".") {
                integral = false
                position += 1
                guard digits(&self) > 0 else { throw failure("invalid number") }
            }
            if position < input.count, input[position] == UInt8(ascii: "e") || input[position] == UInt8(ascii: "E") {
                integral = false
                position += 1
                if position < input.count, input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-") { position += 1 }
                guard digits(&self) > 0 else { throw failure("invalid number") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: input[start ..< position]), as: UTF8.self)
            if integral, let value = Int64(text) { return .integer(value) }
            guard let value = Double(text) else { throw failure("invalid number") }
            return .number(value)
        }
    }
}
