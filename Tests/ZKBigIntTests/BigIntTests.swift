import Testing
import ZKBigInt

@Suite("BigInt over GMP")
struct BigIntTests {
    @Test("parses and prints decimal and hex")
    func parsing() throws {
        let p = try BigInt(decimal: "21888242871839275222246405745257275088696311157297823662689037894645226208583")
        #expect(p.hexString == "0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47")
        #expect(try BigInt(hex: "0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47") == p)
        #expect(try BigInt(hex: "FF") == 255)
        #expect(try BigInt(decimal: "-42") == -42)
        #expect(try BigInt(hex: "-0x10") == -16)
        #expect((-p).hexString.hasPrefix("-0x30644e"))
        #expect(BigInt(0).description == "0")
    }

    @Test("rejects garbage", arguments: ["", "-", "12a", " 12", "12 ", "+1", "0x", "1_000", "٣"])
    func rejectsGarbage(text: String) {
        #expect(throws: BigIntError.self) { try BigInt(decimal: text) }
    }

    @Test("rejects bad hex", arguments: ["", "0x", "0xg", "0x 1", "--1"])
    func rejectsBadHex(text: String) {
        #expect(throws: BigIntError.self) { try BigInt(hex: text) }
    }

    @Test("bytes round trip in both endiannesses")
    func bytes() throws {
        let x = try BigInt(hex: "0102030405060708090a0b0c0d0e0f10")
        let be = try x.bigEndianBytes(count: 32)
        #expect(be.count == 32 && be[16] == 1 && be[31] == 0x10 && be[0] == 0)
        #expect(BigInt(bigEndian: be) == x)
        let le = try x.littleEndianBytes(count: 20)
        #expect(le[0] == 0x10 && le[15] == 1 && le[19] == 0)
        #expect(BigInt(littleEndian: le) == x)
        #expect(throws: BigIntError.doesNotFit(byteCount: 15)) { try x.bigEndianBytes(count: 15) }
        #expect(throws: BigIntError.doesNotFit(byteCount: 32)) { try (-x).bigEndianBytes(count: 32) }
        #expect(BigInt(bigEndian: [UInt8]()) == 0)
        #expect(try BigInt(0).bigEndianBytes(count: 4) == [0, 0, 0, 0])
    }

    @Test("limbs round trip")
    func limbs() {
        let limbs: [UInt64] = [0xdead_beef, 0, 0xffff_ffff_ffff_ffff, 7]
        let x = BigInt(limbs: limbs)
        #expect(x.limbs(count: 4) == limbs)
        #expect(x.limbs(count: 5) == limbs + [0])
        #expect(x.bitWidth == 195)
        #expect(BigInt(7).uint64Value == 7)
        #expect(x.uint64Value == nil)
        #expect(BigInt(-5).intValue == -5)
    }

    @Test("arithmetic agrees with Int on small values")
    func smallArithmetic() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let a = Int.random(in: -1_000_000...1_000_000, using: &rng)
            var b = Int.random(in: -1_000_000...1_000_000, using: &rng)
            if b == 0 { b = 3 }
            let x = BigInt(a), y = BigInt(b)
            #expect(x + y == BigInt(a + b))
            #expect(x - y == BigInt(a - b))
            #expect(x * y == BigInt(a * b))
            #expect(x / y == BigInt(a / b))
            #expect(x % y == BigInt(a % b))
            let (q, r) = x.floorDivided(by: y)
            #expect(q * y + r == x)
            #expect(r.isZero || (r.signum() == y.signum() && r.magnitude < y.magnitude))
            #expect(x.modulo(y).signum() >= 0)
            #expect((x < y) == (a < b))
            #expect((x >> 3) == BigInt(a >> 3))
            #expect((x << 5) == BigInt(a << 5))
        }
    }

    @Test("modular exponentiation, inverse and Fermat")
    func modular() throws {
        let p = try BigInt(decimal: "21888242871839275222246405745257275088548364400416034343698204186575808495617")
        let a = try BigInt(decimal: "123456789012345678901234567890")
        let inv = try #require(a.inverse(modulo: p))
        #expect((a * inv).modulo(p) == 1)
        #expect(a.power(p - 2, modulo: p) == inv)
        #expect(a.power(p - 1, modulo: p) == 1)
        #expect(a.power(-1, modulo: p) == inv)
        #expect(BigInt(6).inverse(modulo: 9) == nil)
        #expect(BigInt(2).power(10) == 1024)
        #expect(BigInt(12).gcd(18) == 6)
        #expect(BigInt(5).jacobi(p) == -1)  // 5 generates Fr*: a non-residue
        #expect(BigInt(4).jacobi(p) == 1)
    }

    @Test("copy on write keeps copies independent")
    func copyOnWrite() {
        var a = BigInt(10)
        let b = a
        a += 5
        a *= 2
        a -= 1
        #expect(a == 29)
        #expect(b == 10)
    }

    @Test("comparison, hashing, signs")
    func comparison() {
        let values: [BigInt] = [-(BigInt(1) << 200), -1, 0, 1, BigInt(1) << 64, BigInt(1) << 200]
        for (i, x) in values.enumerated() {
            for (j, y) in values.enumerated() {
                #expect((x < y) == (i < j))
                #expect((x == y) == (i == j))
            }
        }
        #expect(Set(values + values).count == values.count)
        #expect(BigInt(-3).magnitude == 3)
        #expect(BigInt(-3).signum() == -1)
        #expect(BigInt(0).bitWidth == 0)
        #expect(BigInt(5).bit(0) && !BigInt(5).bit(1) && BigInt(5).bit(2))
    }
}
