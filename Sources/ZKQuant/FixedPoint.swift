#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact integer rounding rules of the scheme; the circuit reproduces each bit for bit.
public enum FixedPoint {
    /// `2^s` as a `Double` (exact for |s| ≤ 1000).
    @inlinable public static func power(_ s: Int) -> Double { s >= 0 ? Double(sign: .plus, exponent: s, significand: 1) : 1 / Double(sign: .plus, exponent: -s, significand: 1) }

    /// Round half up: `⌊(x + 2^(k−1)) / 2^k⌋`, floor toward −∞ (an arithmetic shift). `k = 0` is the identity.
    /// - Precondition: `0 ≤ k ≤ 62` and `|x| < 2^62`.
    @inlinable public static func rescale(_ x: Int64, shift k: Int) -> Int64 {
        k == 0 ? x : (x + (Int64(1) << (k - 1))) >> k
    }

    /// Round half up of `x / d` for a positive integer `d`: `⌊(2x + d) / 2d⌋`, floor toward −∞.
    /// - Precondition: `d > 0` and `|x| < 2^61`.
    @inlinable public static func divide(_ x: Int64, by d: Int64) -> Int64 {
        floorDivide(2 * x + d, 2 * d)
    }

    /// `⌊a / b⌋` for `b > 0` (toward −∞, unlike Swift's `/`).
    @inlinable public static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }

    /// Quantizes a real constant at scale `s`: `⌊x·2^s + 1/2⌋`, or `nil` when it does not fit in 62 bits.
    public static func quantize(_ x: Double, scale s: Int) -> Int64? {
        let scaled = (x * power(s) + 0.5).rounded(.down)
        guard scaled.isFinite, scaled.magnitude < 4.6e18 else { return nil }
        return Int64(scaled)
    }

    /// The largest scale `s ≤ maxScale` with `max|x|·2^s ≤ 2^(bits−1) − 1`.
    public static func scale(forMagnitude magnitude: Double, bits: Int, maxScale: Int) -> Int {
        guard magnitude > 0, magnitude.isFinite else { return maxScale }
        let limit = Double((Int64(1) << (bits - 1)) - 1)
        return min(maxScale, Int((log2(limit / magnitude)).rounded(.down)))
    }

    /// The signed bit width needed for values of magnitude up to `bound`.
    public static func bits(forBound bound: Double) -> Int {
        bound < 1 ? 1 : Int(log2(bound).rounded(.down)) + 2
    }
}
