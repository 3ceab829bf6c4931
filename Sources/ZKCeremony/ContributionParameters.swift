/// The parameter block that ends a snarkjs contribution record (`.ptau` section 7, `.zkey`
/// section 10): `u32` length, then keys in increasing order: 1 a name (length byte, UTF-8), 2 a
/// beacon's iteration exponent (one byte), 3 a beacon's hash (length byte, bytes).
struct ContributionParameters {
    var name: String?
    var numIterationsExp: Int?
    var beaconHash: [UInt8]?

    /// Reads the block at `r`'s position; a beacon (`type` 1) must carry its exponent and hash.
    init(_ r: inout LEMReader, type: UInt32, label c: String) throws(CeremonyError) {
        let length = Int(try r.u32("\(c) parameter length"))
        var bytes = try r.raw(length, "\(c) parameters")
        var last: UInt8 = 0
        func field(_ what: String) throws(CeremonyError) -> ArraySlice<UInt8> {
            guard let size = bytes.popFirst(), bytes.count >= Int(size) else { throw r.fail("\(c): truncated \(what)") }
            defer { bytes = bytes.dropFirst(Int(size)) }
            return bytes.prefix(Int(size))
        }
        while let key = bytes.popFirst() {
            guard key > last else { throw r.fail("\(c): parameter keys are not in increasing order") }
            last = key
            switch key {
            case 1: name = String(decoding: try field("name"), as: UTF8.self)
            case 2:
                guard let exponent = bytes.popFirst() else { throw r.fail("\(c): truncated numIterationsExp") }
                numIterationsExp = Int(exponent)
            case 3: beaconHash = Array(try field("beacon hash"))
            default: throw r.fail("\(c): unknown parameter \(key)")
            }
        }
        if type == 1 && (beaconHash == nil || numIterationsExp == nil) {
            throw r.fail("\(c) is a beacon without its hash or iteration count")
        }
    }
}
