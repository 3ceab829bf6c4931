import Foundation
import Testing
import ZKCeremony
import ZKIO
import ZKTestSupport

/// BLAKE2b-512 and the ChaCha20 stream, against published vectors and the fixtures' checksums.
@Suite("BLAKE2b and ChaCha")
struct HashStreamTests {
    @Test("BLAKE2b-512 of the RFC 7693 example and of the empty string")
    func blake2bVectors() {
        #expect(Blake2b.hash(Array("abc".utf8)).hexString
            == "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")
        #expect(Blake2b.hash([UInt8]()).hexString
            == "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce")
    }

    @Test("BLAKE2b over block boundaries: any split of the input gives the same digest")
    func blake2bSplits() {
        let data = (0 ..< 1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = Blake2b.hash(data)
        for split in [0, 1, 127, 128, 129, 256, 999, 1000] {
            var hasher = Blake2b()
            hasher.update(data[..<split])
            hasher.update(data[split...])
            #expect(hasher.finalize() == whole, "split at \(split)")
        }
    }

    // Needs the shared fixtures ptau/*.ptau.
    @Test("BLAKE2b of the .ptau fixtures is the b2sum their README publishes",
          .enabled(if: Fixtures.available("ptau/pot10_0001.ptau", "ptau/powersOfTau28_hez_final_09.ptau"), "needs fixtures ptau/*.ptau"))
    func blake2bOfFiles() throws {
        let known = [
            "ptau/pot10_0001.ptau": "c59e304503f8e916bb6ccb77b7e391bf3a3e959dd821a9c98198c947f47782d8f7caa166e63ae587bc05fb43b2c23c5e9ea82e3addeb1a773b71b0aa1793b709",
            "ptau/powersOfTau28_hez_final_09.ptau": "94f108a80e81b5d932d8e8c9e8fd7f46cf32457e31462deeeef37af1b71c2c1b3c71fb0d9b59c654ec266b042735f50311f9fd1d4cadce47ab234ad163157cb5",
        ]
        for (path, digest) in known {
            let data = try #require(Fixtures.data(path))
            #expect(Blake2b.hash([UInt8](data)).hexString == digest, "\(path)")
        }
    }

    @Test("ChaCha20 with a zero key: the first block is the published keystream")
    func chachaZeroKey() {
        var stream = ChaChaStream(seed: [UInt32](repeating: 0, count: 8))
        let words = (0 ..< 16).map { _ in stream.nextUInt32() }
        let bytes = words.flatMap { w in (0 ..< 4).map { UInt8(truncatingIfNeeded: w >> (8 * $0)) } }
        #expect(bytes.hexString == "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
            + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586")
        // The second block follows with the counter at 1.
        #expect(stream.nextUInt32() == 0xbee7_079f)  // RFC 8439 A.1 vector #2 (counter 1) starts 9f 07 e7 be
    }
}
