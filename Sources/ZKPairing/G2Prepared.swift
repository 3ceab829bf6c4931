public import ZKCurves
public import ZKField

extension BN254 {
    /// The Miller-loop line coefficients of a fixed G2 point, computed once.
    ///
    /// A verifier pairs the same `beta2`, `gamma2` and `delta2` against new G1 points with every
    /// proof; preparing them once moves all the G2 arithmetic of the Miller loop (about a third
    /// of it) out of the per-proof cost. Each line is kept as three Fq2 coefficients that do not
    /// depend on the G1 point: the line evaluated at `P = (xP, yP)` is
    /// `yCoefficient·yP + xCoefficient·xP·w + constant·w³` (see ``LineCoefficients``).
    ///
    /// The point arithmetic is in homogeneous projective coordinates on the twist
    /// `y² = x³ + 3/(9 + u)`, with the doubling and mixed-addition formulas of D. F. Aranha,
    /// K. Karabina, P. Longa, C. H. Gebotys and J. López, "Faster Explicit Formulas for Computing
    /// Pairings over Ordinary Curves", EUROCRYPT 2011, §4 (doubling scaled by 4 to avoid halving).
    public struct G2Prepared: Sendable {
        /// The line of one Miller-loop step, up to a factor in Fq2 (which the final
        /// exponentiation removes).
        @frozen
        public struct LineCoefficients: Sendable, Equatable {
            /// Multiplied by `yP`: the coefficient of `w⁰`.
            public var yCoefficient: Fq2
            /// Multiplied by `xP`: the coefficient of `w¹`.
            public var xCoefficient: Fq2
            /// The coefficient of `w³`.
            public var constant: Fq2

            @inlinable
            public init(yCoefficient: Fq2, xCoefficient: Fq2, constant: Fq2) {
                self.yCoefficient = yCoefficient
                self.xCoefficient = xCoefficient
                self.constant = constant
            }
        }

        /// The lines in Miller-loop order: for every digit of `6x + 2` below the top one, a
        /// doubling line and, for a non-zero digit, an addition line; then the lines through
        /// `π(Q)` and `−π²(Q)`. Empty for the point at infinity.
        public let coefficients: [LineCoefficients]

        /// Whether the prepared point is the point at infinity (its pairings are all 1).
        public var isInfinity: Bool { coefficients.isEmpty }

        /// Prepares `q` (affine; the caller is responsible for `q` being in G2 — use
        /// `G2Affine(validatingX:y:)` on untrusted input).
        /// - Complexity: about 66 doublings and 24 additions on the twist, each with its line.
        public init(_ q: G2Affine) {
            if q.isInfinity {
                coefficients = []
                return
            }
            var lines: [LineCoefficients] = []
            lines.reserveCapacity(PairingParameters.ateLoopNAF.count + 24)
            var t = ProjectiveTwistPoint(x: q.x, y: q.y, z: .one)
            let negQ = -q
            let digits = PairingParameters.ateLoopNAF
            for index in stride(from: digits.count - 2, through: 0, by: -1) {
                lines.append(t.doubleInPlace())
                switch digits[index] {
                case 1: lines.append(t.addInPlace(q))
                case -1: lines.append(t.addInPlace(negQ))
                default: break
                }
            }
            let q1 = TwistFrobenius.frobenius(q)
            let minusQ2 = -TwistFrobenius.frobeniusSquared(q)
            lines.append(t.addInPlace(q1))
            lines.append(t.addInPlace(minusQ2))
            coefficients = lines
            finalPoint = t
        }

        /// The running point after the last line (`−π³(Q)` by the optimal ate relation
        /// `6x + 2 + p − p² + p³ ≡ 0 (mod r)`); kept for the tests.
        internal private(set) var finalPoint: ProjectiveTwistPoint = ProjectiveTwistPoint(x: .zero, y: .one, z: .zero)
    }

    /// A point of the twist in homogeneous projective coordinates `(X : Y : Z)`, `x = X/Z`,
    /// `y = Y/Z`: the Miller loop's running point.
    @usableFromInline
    internal struct ProjectiveTwistPoint: Sendable {
        var x: Fq2
        var y: Fq2
        var z: Fq2

        /// `3b'` with `b' = 3/(9 + u)`.
        static let threeB: Fq2 = G2Config.b.doubled() + G2Config.b

        /// The affine point (for tests).
        var affine: G2Affine {
            if z.isZero { return .infinity }
            let zInverse = z.inverse()
            return G2Affine(x: x * zInverse, y: y * zInverse)
        }

        /// `T ← 2T`; returns the tangent line at `T` (scaled by `−2YZ`).
        ///
        /// `B = Y², C = Z², E = 3b'·C, F = 3E, H = 2YZ`; line `−H·yP + 3X²·xP·w + (E − B)·w³`;
        /// `X' = 2XY(B − F)`, `Y' = (B + F)² − 12E²`, `Z' = 4B·H`.
        mutating func doubleInPlace() -> G2Prepared.LineCoefficients {
            let xy = x * y
            let b = y.squared()
            let c = z.squared()
            let e = c * Self.threeB
            let f = e.doubled() + e
            let h = (y + z).squared() - b - c
            let x2 = x.squared()
            let e2 = e.squared()
            let twelveE2 = (e2.doubled() + e2).doubled().doubled()
            let line = G2Prepared.LineCoefficients(yCoefficient: -h, xCoefficient: x2.doubled() + x2, constant: e - b)
            x = xy.doubled() * (b - f)
            y = (b + f).squared() - twelveE2
            z = (b * h).doubled().doubled()
            return line
        }

        /// `T ← T + Q` for affine `Q`; returns the line through `T` and `Q` (scaled by `λ = X − xQ·Z`).
        ///
        /// `θ = Y − yQ·Z`, `λ = X − xQ·Z`; line `λ·yP − θ·xP·w + (θ·xQ − λ·yQ)·w³`;
        /// `D = λ², E = λ³, F = Z·θ², G = X·D, H = E + F − 2G`,
        /// `X' = λH`, `Y' = θ(G − H) − Y·E`, `Z' = Z·E`.
        mutating func addInPlace(_ q: G2Affine) -> G2Prepared.LineCoefficients {
            let theta = y - q.y * z
            let lambda = x - q.x * z
            let d = lambda.squared()
            let e = lambda * d
            let f = z * theta.squared()
            let g = x * d
            let h = e + f - g.doubled()
            let line = G2Prepared.LineCoefficients(yCoefficient: lambda, xCoefficient: -theta,
                                                   constant: theta * q.x - lambda * q.y)
            x = lambda * h
            y = theta * (g - h) - y * e
            z = z * e
            return line
        }
    }

    /// The Frobenius endomorphism `π(x, y) = (x^p, y^p)` of E(Fq12) carried to the twist:
    /// `(x̄·ξ^((p−1)/3), ȳ·ξ^((p−1)/2))`; on G2 it acts as multiplication by `p`.
    public enum TwistFrobenius {
        /// `π(Q)`.
        public static func frobenius(_ q: G2Affine) -> G2Affine {
            if q.isInfinity { return q }
            let row = FrobeniusCoefficients.rows[0]
            return G2Affine(x: q.x.conjugate * row.g2, y: q.y.conjugate * row.g3)
        }

        /// `π²(Q) = (x·ξ^((p²−1)/3), y·ξ^((p²−1)/2))`.
        public static func frobeniusSquared(_ q: G2Affine) -> G2Affine {
            if q.isInfinity { return q }
            let row = FrobeniusCoefficients.rows[1]
            return G2Affine(x: q.x * row.g2, y: q.y * row.g3)
        }
    }
}
