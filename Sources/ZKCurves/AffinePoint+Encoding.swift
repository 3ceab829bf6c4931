public import ZKField

// Encodings of BN254 points.
//
// Uncompressed, EIP-196/197 (the EVM precompiles): G1 = x ‖ y, G2 = x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0
// (imaginary part first), each coordinate 32 bytes big-endian; all-zero bytes = infinity.
//
// Compressed (32 / 64 bytes): x in the same byte order, with the two most significant bits of the
// first byte as flags — the coordinates are below 2^254, so those bits are free:
//   0b10 — y is the smaller of the two roots, 0b11 — y is the larger, 0b01 — infinity (all other
//   bits zero), 0b00 — not a compressed point. "Larger" compares canonical integers; for Fq2 the
//   imaginary part decides, then the real part.
//
// snarkjs JSON: decimal strings, G1 = [x, y, "1"], G2 = [[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]
// (real part first); infinity = ["0", "1", "0"] and [["0","0"], ["1","0"], ["0","0"]].

extension BN254.Fq {
    /// Whether this is the larger of `{y, −y}` (compared as canonical integers).
    var isLexicographicallyLarger: Bool {
        self.bigInt > (-self).bigInt
    }
}

extension BN254.Fq2 {
    /// Whether this is the larger of `{y, −y}`: the imaginary part decides, then the real part.
    var isLexicographicallyLarger: Bool {
        if !c1.isZero { return c1.isLexicographicallyLarger }
        return c0.isLexicographicallyLarger
    }
}

private enum CompressionFlag: UInt8 {
    case smaller = 0b10
    case larger = 0b11
    case infinity = 0b01
}

private func readFq(_ bytes: ArraySlice<UInt8>, what: String) throws(CurveError) -> BN254.Fq {
    do {
        return try BN254.Fq(bigEndianBytes: bytes)
    } catch {
        throw .coordinateNotCanonical(what)
    }
}

extension AffinePoint where C == BN254.G1Config {
    /// EIP-196 encoding: `x ‖ y`, 64 bytes; 64 zero bytes for infinity.
    public var uncompressedBytes: [UInt8] {
        isInfinity ? [UInt8](repeating: 0, count: 64) : x.bigEndianBytes + y.bigEndianBytes
    }

    /// Decodes and validates an EIP-196 point (on the curve; G1 has cofactor 1).
    /// - Throws: ``CurveError`` for a wrong length, a coordinate `≥ p`, or a point off the curve.
    public init(uncompressed bytes: some Collection<UInt8>) throws(CurveError) {
        let b = Array(bytes)
        guard b.count == 64 else { throw .wrongLength(group: "G1", expected: 64, actual: b.count) }
        if b.allSatisfy({ $0 == 0 }) { self = .infinity; return }
        try self.init(validatingX: try readFq(b[0..<32], what: "G1 x"), y: try readFq(b[32..<64], what: "G1 y"))
    }

    /// 32-byte compressed encoding (flags in the top two bits).
    public var compressedBytes: [UInt8] {
        if isInfinity {
            var out = [UInt8](repeating: 0, count: 32)
            out[0] = CompressionFlag.infinity.rawValue << 6
            return out
        }
        var out = x.bigEndianBytes
        out[0] |= (y.isLexicographicallyLarger ? CompressionFlag.larger : .smaller).rawValue << 6
        return out
    }

    /// Decodes a 32-byte compressed point: recovers `y` from `x³ + 3`.
    /// - Throws: ``CurveError`` for a wrong length, invalid flags, `x ≥ p` or no such point.
    public init(compressed bytes: some Collection<UInt8>) throws(CurveError) {
        var b = Array(bytes)
        guard b.count == 32 else { throw .wrongLength(group: "G1", expected: 32, actual: b.count) }
        guard let flag = CompressionFlag(rawValue: b[0] >> 6) else { throw .invalidFlags("G1 flags 0b00") }
        b[0] &= 0x3f
        if flag == .infinity {
            guard b.allSatisfy({ $0 == 0 }) else { throw .invalidFlags("G1 infinity with non-zero bits") }
            self = .infinity
            return
        }
        let x = try readFq(b[0..<32], what: "G1 x")
        guard var y = (x.squared() * x + C.b).squareRoot() else { throw .noSquareRoot("G1") }
        if y.isLexicographicallyLarger != (flag == .larger) { y = -y }
        try self.init(validatingX: x, y: y)
    }

    /// snarkjs JSON form `[x, y, "1"]` (decimal strings); `["0", "1", "0"]` for infinity.
    public var snarkjsJSON: [String] {
        isInfinity ? ["0", "1", "0"] : [x.description, y.description, "1"]
    }

    /// Parses and validates the snarkjs JSON form: three decimal strings with `z ∈ {"1", "0"}`.
    /// - Throws: ``CurveError/invalidJSON(_:)`` or a validation error.
    public init(snarkjsJSON values: [String]) throws(CurveError) {
        guard values.count == 3 else { throw .invalidJSON("G1 point needs 3 coordinates, got \(values.count)") }
        let coordinates = try Self.parseFq(values)
        if coordinates[2].isZero { self = .infinity; return }
        guard coordinates[2] == .one else { throw .invalidJSON("G1 z coordinate must be \"1\" or \"0\"") }
        try self.init(validatingX: coordinates[0], y: coordinates[1])
    }

    static func parseFq(_ values: [String]) throws(CurveError) -> [BN254.Fq] {
        var out: [BN254.Fq] = []
        for value in values {
            do { out.append(try BN254.Fq(decimal: value)) } catch {
                throw .invalidJSON("'\(value.prefix(90))' is not a canonical decimal Fq element")
            }
        }
        return out
    }
}

extension AffinePoint where C == BN254.G2Config {
    /// EIP-197 encoding: `x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0` (imaginary part first), 128 bytes.
    public var uncompressedBytes: [UInt8] {
        if isInfinity { return [UInt8](repeating: 0, count: 128) }
        return x.c1.bigEndianBytes + x.c0.bigEndianBytes + y.c1.bigEndianBytes + y.c0.bigEndianBytes
    }

    /// Decodes and validates an EIP-197 G2 point: on the twist and in the order-r subgroup.
    /// - Throws: ``CurveError`` for a wrong length, a coordinate `≥ p`, off-curve or off-subgroup.
    public init(uncompressed bytes: some Collection<UInt8>) throws(CurveError) {
        let b = Array(bytes)
        guard b.count == 128 else { throw .wrongLength(group: "G2", expected: 128, actual: b.count) }
        if b.allSatisfy({ $0 == 0 }) { self = .infinity; return }
        let x = BN254.Fq2(try readFq(b[32..<64], what: "G2 x.c0"), try readFq(b[0..<32], what: "G2 x.c1"))
        let y = BN254.Fq2(try readFq(b[96..<128], what: "G2 y.c0"), try readFq(b[64..<96], what: "G2 y.c1"))
        try self.init(validatingX: x, y: y)
    }

    /// 64-byte compressed encoding: `x.c1 ‖ x.c0` with flags in the top two bits.
    public var compressedBytes: [UInt8] {
        if isInfinity {
            var out = [UInt8](repeating: 0, count: 64)
            out[0] = CompressionFlag.infinity.rawValue << 6
            return out
        }
        var out = x.c1.bigEndianBytes + x.c0.bigEndianBytes
        out[0] |= (y.isLexicographicallyLarger ? CompressionFlag.larger : .smaller).rawValue << 6
        return out
    }

    /// Decodes a 64-byte compressed G2 point and checks the subgroup.
    public init(compressed bytes: some Collection<UInt8>) throws(CurveError) {
        var b = Array(bytes)
        guard b.count == 64 else { throw .wrongLength(group: "G2", expected: 64, actual: b.count) }
        guard let flag = CompressionFlag(rawValue: b[0] >> 6) else { throw .invalidFlags("G2 flags 0b00") }
        b[0] &= 0x3f
        if flag == .infinity {
            guard b.allSatisfy({ $0 == 0 }) else { throw .invalidFlags("G2 infinity with non-zero bits") }
            self = .infinity
            return
        }
        let x = BN254.Fq2(try readFq(b[32..<64], what: "G2 x.c0"), try readFq(b[0..<32], what: "G2 x.c1"))
        guard var y = (x.squared() * x + C.b).squareRoot() else { throw .noSquareRoot("G2") }
        if y.isLexicographicallyLarger != (flag == .larger) { y = -y }
        try self.init(validatingX: x, y: y)
    }

    /// snarkjs JSON form `[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]` (real part first).
    public var snarkjsJSON: [[String]] {
        if isInfinity { return [["0", "0"], ["1", "0"], ["0", "0"]] }
        return [[x.c0.description, x.c1.description], [y.c0.description, y.c1.description], ["1", "0"]]
    }

    /// Parses and validates the snarkjs JSON form (subgroup included).
    /// - Throws: ``CurveError/invalidJSON(_:)`` or a validation error.
    public init(snarkjsJSON values: [[String]]) throws(CurveError) {
        guard values.count == 3, values.allSatisfy({ $0.count == 2 }) else {
            throw .invalidJSON("G2 point needs 3 pairs of coordinates")
        }
        var fq2: [BN254.Fq2] = []
        for pair in values {
            let parsed = try AffinePoint<BN254.G1Config>.parseFq(pair)
            fq2.append(BN254.Fq2(parsed[0], parsed[1]))
        }
        if fq2[2].isZero { self = .infinity; return }
        guard fq2[2] == .one else { throw .invalidJSON("G2 z coordinate must be [\"1\",\"0\"] or [\"0\",\"0\"]") }
        try self.init(validatingX: fq2[0], y: fq2[1])
    }
}
