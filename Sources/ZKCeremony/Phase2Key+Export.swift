public import ZKGroth16
public import ZKCurves

extension Phase2Key {
    /// The proving key zkml proves with (``ZKGroth16/SnarkjsReduction``'s: `hQuery` has
    /// `domainSize` points; the prover picks the reduction from it), with its verifying key.
    /// - Parameter circuitHash: the zkml circuit's SHA-256 (`R1CS.contentHash`), which the
    ///   keys record so that a key used with another circuit is an error; pass it only after
    ///   checking that the key is this circuit's (``verify(_:ptau:path:randomness:threads:)``).
    public func provingKey(circuitHash: [UInt8]) -> ProvingKey {
        let statementPublic = commitment?.publicCount ?? publicCount
        let commitmentKey = commitment.map { CommitmentKey(deltaG2: $0.deltaG2, challengeG1: Array(ic[(statementPublic + 1)...])) }
        let verifyingKey = VerifyingKey(alphaG1: alphaG1, betaG2: betaG2, gammaG2: gammaG2, deltaG2: deltaG2,
                                        gammaABCG1: Array(ic[...statementPublic]), circuitHash: circuitHash, commitment: commitmentKey)
        return ProvingKey(verifyingKey: verifyingKey, betaG1: betaG1, deltaG1: deltaG1, aQuery: a, bG1Query: b1, bG2Query: b2,
                          hQuery: h, lQuery: l, domainLogSize: domainLogSize,
                          commitmentDeltaG1: commitment?.deltaG1, commitmentQuery: commitment?.query ?? [])
    }
}
