internal import ZKField

/// Where setup draws its secrets τ, α, β, γ, δ ("toxic waste": anyone who knows them can forge
/// proofs). They live only inside `Groth16.setup` and are never written anywhere.
public enum ToxicWasteSource: Sendable {
    /// The system CSPRNG (`getrandom` on Linux through `SystemRandomNumberGenerator`). Use this.
    case system
    /// A seeded deterministic generator. **Insecure**: anyone with the seed can forge proofs.
    /// For tests and reproducible benchmarks only.
    case insecureSeeded(UInt64)

    func draw(_ count: Int) -> [BN254.Fr] {
        switch self {
        case .system:
            var generator = SystemRandomNumberGenerator()
            return (0 ..< count).map { _ in Self.nonZero(&generator) }
        case let .insecureSeeded(seed):
            var generator = SeededGenerator(seed: seed)
            return (0 ..< count).map { _ in Self.nonZero(&generator) }
        }
    }

    private static func nonZero(_ generator: inout some RandomNumberGenerator) -> BN254.Fr {
        while true {
            let value = BN254.Fr.random(using: &generator)
            if !value.isZero { return value }
        }
    }
}
