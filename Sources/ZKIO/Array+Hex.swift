extension Array where Element == UInt8 {
    /// Lower-case hexadecimal.
    public var hexString: String {
        let digits = [Character]("0123456789abcdef")
        var text = ""
        text.reserveCapacity(count * 2)
        for byte in self { text.append(digits[Int(byte >> 4)]); text.append(digits[Int(byte & 15)]) }
        return text
    }
}

extension Array where Element == UInt8 {
    /// The bytes of a hexadecimal string (either case, an optional `0x`), or `nil` when it has an
    /// odd length or a character that is not a hex digit.
    public init?(hex text: String) {
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var high: UInt8?
        for character in digits {
            guard let value = character.hexDigitValue else { return nil }
            if let h = high {
                bytes.append(h << 4 | UInt8(value))
                high = nil
            } else {
                high = UInt8(value)
            }
        }
        self = bytes
    }
}
