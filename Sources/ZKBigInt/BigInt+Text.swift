internal import CGMP

extension BigInt {
    /// Parses an integer in `radix` (2…36): an optional `-`, then at least one digit.
    ///
    /// Unlike GMP's `mpz_set_str`, no white space, sign `+` or prefix is accepted.
    /// - Throws: ``BigIntError/invalidDigits(text:radix:)`` for anything else.
    public init(_ text: some StringProtocol, radix: Int) throws(BigIntError) {
        precondition((2...36).contains(radix), "radix must be in 2...36")
        let string = String(text)
        var digits = Substring(string)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ Self.digitValue($0).map { $0 < radix } ?? false })
        else { throw .invalidDigits(text: string, radix: radix) }
        storage = Storage()
        let status = string.withCString { __gmpz_set_str(storage.pointer, $0, Int32(radix)) }
        guard status == 0 else { throw .invalidDigits(text: string, radix: radix) }
    }

    /// Parses a decimal integer (an optional `-`, then digits `0-9`).
    public init(decimal text: some StringProtocol) throws(BigIntError) {
        try self.init(text, radix: 10)
    }

    /// Parses a hexadecimal integer, with or without a `0x` prefix (after an optional `-`).
    public init(hex text: some StringProtocol) throws(BigIntError) {
        var string = String(text)
        var negative = false
        if string.hasPrefix("-") { negative = true; string.removeFirst() }
        if string.hasPrefix("0x") || string.hasPrefix("0X") { string.removeFirst(2) }
        do {
            try self.init((negative ? "-" : "") + string, radix: 16)
        } catch {
            throw .invalidDigits(text: String(text), radix: 16)
        }
    }

    /// The digits of this integer in `radix` (2…36), lowercase, with a leading `-` if negative.
    public func toString(radix: Int = 10) -> String {
        precondition((2...36).contains(radix), "radix must be in 2...36")
        let size = __gmpz_sizeinbase(storage.pointer, Int32(radix)) + 2
        var buffer = [CChar](repeating: 0, count: size)
        buffer.withUnsafeMutableBufferPointer { _ = __gmpz_get_str($0.baseAddress, Int32(radix), storage.pointer) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `0x`-prefixed lowercase hexadecimal (`-0x…` if negative).
    public var hexString: String {
        signum() < 0 ? "-0x" + (-self).toString(radix: 16) : "0x" + toString(radix: 16)
    }

    private static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(c - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

extension BigInt: CustomStringConvertible, CustomDebugStringConvertible, LosslessStringConvertible {
    /// Decimal digits.
    public var description: String { toString(radix: 10) }
    public var debugDescription: String { "BigInt(\(description))" }

    /// Parses a decimal integer; `nil` on anything else.
    public init?(_ description: String) {
        guard let value = try? BigInt(decimal: description) else { return nil }
        self = value
    }
}

extension BigInt: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}
