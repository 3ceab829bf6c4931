import Testing
import ZKBigInt
import ZKField
import ZKTestSupport

typealias Fr = BN254.Fr
typealias Fq = BN254.Fq

@Suite("Fp encodings")
struct PrimeFieldEncodingTests {
    @Test("32-byte big- and little-endian and decimal round trips")
    func roundTrips() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            let x = Fr.random(using: &rng)
            #expect(try Fr(bigEndianBytes: x.bigEndianBytes) == x)
            #expect(try Fr(littleEndianBytes: x.littleEndianBytes) == x)
            #expect(try Fr(decimal: x.description) == x)
            #expect(x.bigEndianBytes == (try x.bigInt.bigEndianBytes(count: 32)))
            let y = Fq.random(using: &rng)
            #expect(try Fq(bigEndianBytes: y.bigEndianBytes) == y)
            #expect(try Fq(decimal: y.description) == y)
        }
    }

    @Test("values ≥ the modulus are rejected")
    func nonCanonical() throws {
        for modulus in [Fr.modulus, Fq.modulus] {
            let isFr = modulus == Fr.modulus
            for bad in [modulus, modulus + 1, (BigInt(1) << 256) - 1, modulus * 2] {
                let be = try bad.bigEndianBytes(count: 32)
                if isFr {
                    #expect(throws: FieldError.self) { try Fr(bigEndianBytes: be) }
                    #expect(throws: FieldError.self) { try Fr(littleEndianBytes: be.reversed()) }
                    #expect(throws: FieldError.notCanonical(bad.description)) { try Fr(canonical: bad) }
                    #expect(throws: FieldError.self) { try Fr(decimal: bad.description) }
                } else {
                    #expect(throws: FieldError.self) { try Fq(bigEndianBytes: be) }
                    #expect(throws: FieldError.notCanonical(bad.description)) { try Fq(canonical: bad) }
                }
            }
            // p − 1 is the largest accepted value.
            if isFr { #expect(try Fr(canonical: modulus - 1) == -Fr.one) }
        }
        #expect(throws: FieldError.notCanonical("-1")) { try Fr(canonical: BigInt(-1)) }
        #expect(throws: FieldError.wrongLength(expected: 32, actual: 31)) {
            try Fr(bigEndianBytes: [UInt8](repeating: 0, count: 31))
        }
        #expect(throws: FieldError.self) { try Fr(decimal: "-5") }
        #expect(throws: FieldError.self) { try Fr(decimal: "0x10") }
        #expect(throws: FieldError.self) { try Fr(decimal: "") }
    }

    @Test("integer constructors reduce and negate")
    func integers() throws {
        #expect(Fr(-1) == -Fr.one)
        #expect(Fr(-1).bigInt == Fr.modulus - 1)
        #expect(Fr(Int.min).bigInt == (Fr.modulus - (BigInt(1) << 63)))
        #expect(Fr(UInt64.max).bigInt == BigInt(UInt64.max))
        #expect(Fr(reducing: Fr.modulus + 5) == Fr(5))
        #expect(Fr(reducing: BigInt(-7)) == Fr(-7))
        #expect(Fr.zero.isZero && !Fr.one.isZero && Fr.one.isOne)
        #expect(Fr(0) == .zero && Fr(1) == .one)
    }

    @Test("random elements: seeded generators repeat, values are spread")
    func random() {
        var a = SeededGenerator(seed: 99), b = SeededGenerator(seed: 99)
        let xs = (0..<64).map { _ in Fr.random(using: &a) }
        let ys = (0..<64).map { _ in Fr.random(using: &b) }
        #expect(xs == ys)
        #expect(Set(xs).count == 64)
        // The top bit of a 254-bit value is set about 1/3 of the time when uniform below p.
        let high = xs.filter { $0.bigInt.bit(253) }.count
        #expect(high > 5 && high < 40)
        #expect(Fr.randomSecret() != Fr.randomSecret())
    }
}
