public import ZKCurves
public import ZKField

extension ProvingKey: ProvingKeySource {
    public func points(_ query: ProvingKeyQuery) -> [BN254.G1Affine] {
        switch query {
        case .a: aQuery
        case .bG1: bG1Query
        case .h: hQuery
        case .l: lQuery
        case .commitment: commitmentQuery
        }
    }

    public var committedCount: Int { commitmentQuery.count }

    public var hQueryCount: Int { hQuery.count }

    public func bG2Points() -> [BN254.G2Affine] { bG2Query }
}
