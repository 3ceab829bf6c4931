import Testing
import ZKCurves
import ZKField
import ZKGroth16
import ZKSolidity

/// The embedded constants: G2 words imaginary part first (EIP-197, the classic bug), the three
/// G2 points negated, the point at infinity as zero words.
struct VerifierConstantsTests {
    @Test func g2WordsAreImaginaryPartFirst() throws {
        let key = fixedKey()
        let constants = try VerifierConstants(key: key)
        let negBeta = -key.betaG2
        #expect(constants.negatedBeta == [negBeta.x.c1.description, negBeta.x.c0.description,
                                          negBeta.y.c1.description, negBeta.y.c0.description])
        // The words are exactly the EIP-197 encoding, read as four big-endian integers.
        let bytes = negBeta.uncompressedBytes
        for j in 0 ..< 4 {
            let word = try BN254.Fq(bigEndianBytes: bytes[32 * j ..< 32 * j + 32])
            #expect(constants.negatedBeta[j] == word.description)
        }
    }

    @Test func negatedPointsAddToInfinity() throws {
        let key = fixedKey()
        let constants = try VerifierConstants(key: key)
        for (words, point) in [(constants.negatedBeta, key.betaG2), (constants.negatedGamma, key.gammaG2),
                               (constants.negatedDelta, key.deltaG2)] {
            let negated = BN254.G2Affine(x: BN254.Fq2(try BN254.Fq(decimal: words[1]), try BN254.Fq(decimal: words[0])),
                                         y: BN254.Fq2(try BN254.Fq(decimal: words[3]), try BN254.Fq(decimal: words[2])))
            #expect(negated.isOnCurve)
            #expect((BN254.G2(point) + negated).isInfinity)
        }
        #expect(constants.alpha == [key.alphaG1.x.description, key.alphaG1.y.description])
        #expect(constants.ic.count == 4)
    }

    @Test func infinityIsZeroWords() {
        #expect(VerifierConstants.words(BN254.G1Affine.infinity) == ["0", "0"])
        #expect(VerifierConstants.words(BN254.G2Affine.infinity) == ["0", "0", "0", "0"])
    }

    @Test func moduli() {
        #expect(VerifierConstants.baseFieldModulus == "21888242871839275222246405745257275088696311157297823662689037894645226208583")
        #expect(VerifierConstants.scalarFieldModulus == "21888242871839275222246405745257275088548364400416034343698204186575808495617")
    }

    /// The signed-range checks are emitted per run of equal widths: the runs must cover every
    /// signal once, in order, with the width the key gives each signal.
    @Test func signalRunsCoverEverySignalWithItsWidth() throws {
        var key = fixedKey(publicCount: 9)
        key.signedRanges = [PublicSignalRange(offset: 0, count: 3, bits: 8), PublicSignalRange(offset: 3, count: 1, bits: 8),
                            PublicSignalRange(offset: 5, count: 2, bits: 24)]
        let runs = try VerifierConstants(key: key).signalRuns
        #expect(runs.map(\.range) == [0 ..< 4, 4 ..< 5, 5 ..< 7, 7 ..< 9])
        #expect(runs.map(\.bits) == [8, nil, 24, nil])
        let single = try VerifierConstants(key: fixedKey(publicCount: 1)).signalRuns
        #expect(single.count == 1 && single[0].range == 0 ..< 1 && single[0].bits == nil)
        let text = try SolidityVerifier.source(for: key)
        #expect(text.contains("// Signals 0..3 signed 8-bit integers."))
        #expect(text.contains("// Signals 5..6 signed 24-bit integers."))
        let vyper = try VyperVerifier.source(for: key)
        #expect(vyper.contains("for i: uint256 in range(0, 4):") && vyper.contains("for i: uint256 in range(5, 7):"))
    }
}
