internal import ZKIO

/// A random beacon's delay: SHA-256 applied `2^exponent` times to the beacon's hash (snarkjs
/// `rngFromBeaconParams`), whose result seeds the stream the beacon's secrets are drawn from.
enum BeaconHash {
    static func iterate(_ hash: [UInt8], exponent: Int) -> [UInt8] {
        precondition((0 ... 63).contains(exponent), "a beacon's iteration exponent is at most 63")
        var current = hash
        var remaining = UInt64(1) << UInt64(exponent)
        while remaining > 0 {
            current = SHA256.hash(current)
            remaining -= 1
        }
        return current
    }
}
