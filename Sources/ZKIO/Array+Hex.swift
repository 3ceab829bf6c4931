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
