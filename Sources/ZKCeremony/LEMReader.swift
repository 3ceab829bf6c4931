internal import ZKCurves
internal import ZKField
internal import ZKIO

/// Reads snarkjs's LEM points (``PointEncoding``) from a byte range, checking each: every
/// coordinate below q, the point on its curve and, in G2 when asked, in the order-r subgroup.
/// Errors name the file, the section and the entry.
struct LEMReader {
    let bytes: [UInt8]
    let path: String
    let section: String
    var offset: Int
    let end: Int

    init(_ bytes: [UInt8], _ range: Range<Int>, path: String, section: String) {
        (self.bytes, self.path, self.section, offset, end) = (bytes, path, section, range.lowerBound, range.upperBound)
    }

    func fail(_ detail: String) -> CeremonyError { .malformed(path: path, detail: "\(section): \(detail)") }

    var remaining: Int { end - offset }

    mutating func raw(_ count: Int, _ what: @autoclosure () -> String) throws(CeremonyError) -> ArraySlice<UInt8> {
        guard count >= 0, end - offset >= count else { throw fail("truncated at \(what()) (byte \(offset))") }
        defer { offset += count }
        return bytes[offset ..< offset + count]
    }

    mutating func u32(_ what: @autoclosure () -> String) throws(CeremonyError) -> UInt32 {
        let b = try raw(4, what())
        return b.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func fq(_ what: @autoclosure () -> String) throws(CeremonyError) -> BN254.Fq {
        guard end - offset >= 32 else { throw fail("truncated at \(what()) (byte \(offset))") }
        var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        bytes.withUnsafeBytes { raw in
            limbs = (raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian,
                     raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian,
                     raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self).littleEndian,
                     raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self).littleEndian)
        }
        offset += 32
        guard BN254.Fq(canonicalLimbs: limbs) != nil else { throw fail("\(what()): coordinate is not below q") }
        return BN254.Fq(montgomeryLimbs: limbs)
    }

    mutating func g1(_ what: @autoclosure () -> String) throws(CeremonyError) -> BN254.G1Affine {
        let x = try fq("\(what()).x"), y = try fq("\(what()).y")
        if x.isZero && y.isZero { return .infinity }
        let point = BN254.G1Affine(x: x, y: y)
        guard point.isOnCurve else { throw fail("\(what()) is not on the curve") }
        return point
    }

    mutating func g2(_ what: @autoclosure () -> String, subgroup: Bool) throws(CeremonyError) -> BN254.G2Affine {
        let x = BN254.Fq2(try fq("\(what()).x.c0"), try fq("\(what()).x.c1"))
        let y = BN254.Fq2(try fq("\(what()).y.c0"), try fq("\(what()).y.c1"))
        if x.isZero && y.isZero { return .infinity }
        let point = BN254.G2Affine(x: x, y: y)
        guard point.isOnCurve else { throw fail("\(what()) is not on the twist") }
        if subgroup && !point.isInSubgroup { throw fail("\(what()) is not in the order-r subgroup") }
        return point
    }

    mutating func g1Points(_ count: Int, name: String, first: Int = 0) throws(CeremonyError) -> [BN254.G1Affine] {
        guard remaining >= 64 * count else { throw fail("\(count) points need \(64 * count) bytes, \(remaining) remain") }
        return try decode(count, size: 64, first: first, placeholder: .infinity) { (r, i) throws(CeremonyError) in try r.g1("\(name)[\(i)]") }
    }

    mutating func g2Points(_ count: Int, name: String, first: Int = 0, subgroup: Bool) throws(CeremonyError) -> [BN254.G2Affine] {
        guard remaining >= 128 * count else { throw fail("\(count) points need \(128 * count) bytes, \(remaining) remain") }
        return try decode(count, size: 128, first: first, placeholder: .infinity) { (r, i) throws(CeremonyError) in
            try r.g2("\(name)[\(i)]", subgroup: subgroup)
        }
    }

    /// `count` points of `size` bytes from here, decoded and checked on all cores in chunks of
    /// 4,096 (a `.ptau` section of millions of points: the checks are the cost); the first bad
    /// point (in file order) is the error.
    private mutating func decode<P: Sendable>(_ count: Int, size: Int, first: Int, placeholder: P,
                                              _ read: @escaping @Sendable (inout LEMReader, Int) throws(CeremonyError) -> P)
        throws(CeremonyError) -> [P] {
        let chunk = 4096, chunks = (count + chunk - 1) / chunk, base = offset
        var points = [P](repeating: placeholder, count: count)
        var failures = [CeremonyError?](repeating: nil, count: chunks)
        let reader = self
        points.withUnsafeMutableBufferPointer { out in
            failures.withUnsafeMutableBufferPointer { errors in
                let target = DecodeTarget(points: out, errors: errors)
                ParallelFor.run(count: chunks, threads: chunks > 1 ? ActiveProcessors.count : 1) { c in
                    var r = reader
                    r.offset = base + c * chunk * size
                    for i in c * chunk ..< min(count, (c + 1) * chunk) {
                        do throws(CeremonyError) { target.points[i] = try read(&r, first + i) } catch {
                            target.errors[c] = error
                            return
                        }
                    }
                }
            }
        }
        if let error = failures.lazy.compactMap({ $0 }).first { throw error }
        offset = base + count * size
        return points
    }
}

/// Output buffers of a parallel decode.
private struct DecodeTarget<P>: @unchecked Sendable {
    // Safety: each worker writes its own chunk's points and its own error slot.
    let points: UnsafeMutableBufferPointer<P>
    let errors: UnsafeMutableBufferPointer<CeremonyError?>
}
