import Foundation
import Testing
import ZKBigInt
import ZKCurves
import ZKField
import ZKTestSupport

@Suite("Point encodings")
struct EncodingTests {
    static func randomG1(_ rng: inout SeededGenerator) -> G1Affine { (G1.generator * Fr.random(using: &rng)).affine }
    static func randomG2(_ rng: inout SeededGenerator) -> G2Affine { (G2.generator * Fr.random(using: &rng)).affine }

    @Test("G1 round trips: EIP-196, compressed, snarkjs JSON")
    func g1RoundTrips() throws {
        var rng = SeededGenerator(seed: 51)
        for point in (0..<50).map({ _ in Self.randomG1(&rng) }) + [.infinity, BN254.G1Config.generator] {
            #expect(try G1Affine(uncompressed: point.uncompressedBytes) == point)
            #expect(try G1Affine(compressed: point.compressedBytes) == point)
            #expect(try G1Affine(compressed: (-point).compressedBytes) == -point)
            #expect(try G1Affine(snarkjsJSON: point.snarkjsJSON) == point)
        }
        #expect(BN254.G1Config.generator.snarkjsJSON == ["1", "2", "1"])
        #expect(G1Affine.infinity.uncompressedBytes == [UInt8](repeating: 0, count: 64))
    }

    @Test("G2 round trips, and EIP-197 puts the imaginary part first")
    func g2RoundTrips() throws {
        var rng = SeededGenerator(seed: 52)
        for point in (0..<10).map({ _ in Self.randomG2(&rng) }) + [.infinity, BN254.G2Config.generator] {
            #expect(try G2Affine(uncompressed: point.uncompressedBytes) == point)
            #expect(try G2Affine(compressed: point.compressedBytes) == point)
            #expect(try G2Affine(compressed: (-point).compressedBytes) == -point)
            #expect(try G2Affine(snarkjsJSON: point.snarkjsJSON) == point)
        }
        let g = BN254.G2Config.generator.uncompressedBytes
        // x = 10857…2781 + 11559…5634·u; EIP-197 starts with the u coefficient.
        #expect(BigInt(bigEndian: g[0..<32]).description
            == "11559732032986387107991004021392285783925812861821192530917403151452391805634")
        #expect(BigInt(bigEndian: g[32..<64]).description
            == "10857046999023057135944570762232829481370756359578518086990519993285655852781")
        // snarkjs JSON puts the real part first.
        #expect(BN254.G2Config.generator.snarkjsJSON[0][0]
            == "10857046999023057135944570762232829481370756359578518086990519993285655852781")
        // Swapping the two halves of x (the classic bug) gives a point that is not on the twist.
        var swapped = g
        swapped.replaceSubrange(0..<64, with: Array(g[32..<64] + g[0..<32]))
        #expect(throws: CurveError.self) { try G2Affine(uncompressed: swapped) }
    }

    @Test("invalid encodings are rejected with typed errors")
    func rejections() throws {
        let p = BN254.Fq.modulus
        let g = BN254.G1Config.generator
        // Wrong lengths.
        #expect(throws: CurveError.wrongLength(group: "G1", expected: 64, actual: 63)) {
            try G1Affine(uncompressed: [UInt8](repeating: 0, count: 63))
        }
        #expect(throws: CurveError.wrongLength(group: "G2", expected: 128, actual: 129)) {
            try G2Affine(uncompressed: [UInt8](repeating: 0, count: 129))
        }
        // A coordinate ≥ p (x + p encodes the same residue).
        let xPlusP = try (BigInt(1) + p).bigEndianBytes(count: 32)
        #expect(throws: CurveError.coordinateNotCanonical("G1 x")) {
            try G1Affine(uncompressed: xPlusP + g.y.bigEndianBytes)
        }
        // Off the curve.
        #expect(throws: CurveError.notOnCurve("G1")) {
            try G1Affine(uncompressed: g.x.bigEndianBytes + (g.y + .one).bigEndianBytes)
        }
        // Compressed: flags 00, infinity with garbage, x without a point.
        #expect(throws: CurveError.self) { try G1Affine(compressed: g.x.bigEndianBytes) }
        var badInfinity = [UInt8](repeating: 0, count: 32)
        badInfinity[0] = 0x40
        badInfinity[31] = 1
        #expect(throws: CurveError.self) { try G1Affine(compressed: badInfinity) }
        var noPoint: [UInt8]?
        for candidate in 2..<100 {  // some x has x³ + 3 a non-square
            let x = BN254.Fq(UInt64(candidate))
            if (x.squared() * x + BN254.Fq(3)).legendre == -1 {
                var bytes = x.bigEndianBytes
                bytes[0] |= 0x80
                noPoint = bytes
                break
            }
        }
        #expect(throws: CurveError.noSquareRoot("G1")) { try G1Affine(compressed: try #require(noPoint)) }
        // JSON: wrong shape, non-decimal, z not 1/0, values ≥ p.
        #expect(throws: CurveError.self) { try G1Affine(snarkjsJSON: ["1", "2"]) }
        #expect(throws: CurveError.self) { try G1Affine(snarkjsJSON: ["1", "0x2", "1"]) }
        #expect(throws: CurveError.self) { try G1Affine(snarkjsJSON: ["1", "2", "2"]) }
        #expect(throws: CurveError.self) { try G1Affine(snarkjsJSON: [p.description, "2", "1"]) }
        #expect(throws: CurveError.notOnCurve("G1")) { try G1Affine(snarkjsJSON: ["1", "3", "1"]) }
        #expect(throws: CurveError.self) { try G2Affine(snarkjsJSON: [["1", "2"], ["3", "4"]]) }
    }

    @Test("a twist point outside the order-r subgroup is rejected by every G2 decoder")
    func g2Subgroup() throws {
        var x = BN254.Fq2(BN254.Fq(3), BN254.Fq(1))
        var point: G2Affine?
        while point == nil {
            if let y = (x.squared() * x + BN254.G2Config.b).squareRoot() { point = G2Affine(x: x, y: y) }
            x += .one
        }
        let outside = try #require(point)
        #expect(outside.isOnCurve && !outside.isInSubgroup)
        #expect(throws: CurveError.notInSubgroup("G2")) { try G2Affine(uncompressed: outside.uncompressedBytes) }
        #expect(throws: CurveError.notInSubgroup("G2")) { try G2Affine(compressed: outside.compressedBytes) }
        #expect(throws: CurveError.notInSubgroup("G2")) { try G2Affine(snarkjsJSON: outside.snarkjsJSON) }
    }
}

/// The EIP-196 ECADD / ECMUL vectors of go-ethereum, read in place from the shared fixtures.
@Suite("EIP-196 precompile vectors")
struct PrecompileVectorTests {
    struct Vector: Decodable {
        let Input: String
        let Expected: String
        let Name: String
    }

    static func load(_ name: String) throws -> [Vector] {
        try JSONDecoder().decode([Vector].self, from: try #require(Fixtures.data("eip196-197/\(name)")))
    }

    static func bytes(_ hex: String) -> [UInt8] { ZKTestSupport.bytes(hex: hex) }

    static func padded(_ b: [UInt8], to n: Int) -> [UInt8] { Array((b + [UInt8](repeating: 0, count: n)).prefix(n)) }

    // Needs the shared fixture eip196-197/bn256Add.json.
    @Test("ECADD (0x06)", .enabled(if: Fixtures.available("eip196-197/bn256Add.json"), "needs fixture eip196-197/bn256Add.json"))
    func add() throws {
        let vectors = try Self.load("bn256Add.json")
        #expect(vectors.count == 16)
        for v in vectors {
            let input = Self.padded(Self.bytes(v.Input), to: 128)
            let a = try G1Affine(uncompressed: input[0..<64])
            let b = try G1Affine(uncompressed: input[64..<128])
            #expect((G1(a) + b).affine.uncompressedBytes == Self.bytes(v.Expected), "\(v.Name)")
        }
    }

    // Needs the shared fixture eip196-197/bn256ScalarMul.json.
    @Test("ECMUL (0x07)", .enabled(if: Fixtures.available("eip196-197/bn256ScalarMul.json"), "needs fixture eip196-197/bn256ScalarMul.json"))
    func mul() throws {
        let vectors = try Self.load("bn256ScalarMul.json")
        #expect(vectors.count == 19)
        for v in vectors {
            let input = Self.padded(Self.bytes(v.Input), to: 96)
            let point = try G1Affine(uncompressed: input[0..<64])
            // The scalar is any 256-bit integer (may exceed r).
            let k = BigInt(bigEndian: input[64..<96])
            #expect(G1(point).multiplied(byLimbs: k.limbs(count: 4)).affine.uncompressedBytes == Self.bytes(v.Expected), "\(v.Name)")
        }
    }
}
