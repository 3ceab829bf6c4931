import ZKCircuits
import ZKField
import ZKONNX
import ZKQuant

extension ModelCircuit {
    /// `bitwise`: each operand element's `w`-bit two's-complement bits (`w` = the step's width,
    /// at least the operands' proven bounds): `x + 2^(w−1)` decomposed (`w` constraints, which
    /// also proves `x ∈ [−2^(w−1), 2^(w−1))`), its top bit flipped. Per bit: and `αβ`, or
    /// `α + β − αβ`, xor `α + β − 2αβ` (one product per bit between two activations; against a
    /// constant's known bit, linear). The result `Σ_{j<w−1} 2^j r_j − 2^(w−1) r_{w−1}`.
    /// Soundness: the decomposition fixes the unique bits of each operand, the products fix each
    /// r_j, so the output is the bitwise result and nothing else.
    /// - Complexity: `3w` constraints per element of two activations, `w` against a constant
    ///   (operand elements reused by broadcasting are decomposed once).
    func lowerBitwise<API: CompilerAPI>(_ step: QuantizedStep, _ operation: BitwiseOperation, constant: Tensor<Int64>?, bits n: Int,
                                        _ operands: [LoweredTensor<API.Signal>], into result: inout LoweredTensor<API.Signal>, on api: API) {
        let count = step.outputShape.reduce(1, *)
        let a = operands[0], b = constant == nil ? operands[1] : nil
        let w = max(n, a.bound, b?.bound ?? 0)
        let ia = Broadcast.sourceIndices(from: a.shape, to: step.outputShape)
        let ib = Broadcast.sourceIndices(from: constant?.shape ?? b!.shape, to: step.outputShape)
        let one = BN254.Fr.one
        func bits(_ x: API.Signal) -> [API.Signal] {
            let offset = api.add(x, constant: BN254.powersOfTwo[w - 1])
            var bits = api.toBits(offset, count: w)
            bits[w - 1] = api.linearCombination([(bits[w - 1], -one)], constant: one)  // the sign bit
            return bits
        }
        var cacheA: [Int: [API.Signal]] = [:], cacheB: [Int: [API.Signal]] = [:]
        result.values = (0 ..< count).map { i in
            let alpha = cacheA[ia[i]] ?? bits(a.values[ia[i]])
            cacheA[ia[i]] = alpha
            var terms: [(API.Signal, BN254.Fr)] = []
            var fixed = BN254.Fr.zero
            let weight = { (j: Int) -> BN254.Fr in j == w - 1 ? -BN254.powersOfTwo[j] : BN254.powersOfTwo[j] }
            if let constant {
                let c = constant.scalars[ib[i]]
                for j in 0 ..< w {
                    let set = j >= 63 ? c < 0 : (c >> j) & 1 == 1
                    switch (operation, set) {
                    case (.and, true), (.or, false), (.xor, false): terms.append((alpha[j], weight(j)))
                    case (.and, false): break
                    case (.or, true): fixed += weight(j)
                    case (.xor, true): fixed += weight(j); terms.append((alpha[j], -weight(j)))
                    }
                }
            } else {
                let beta = cacheB[ib[i]] ?? bits(b!.values[ib[i]])
                cacheB[ib[i]] = beta
                for j in 0 ..< w {
                    let product = api.mul(alpha[j], beta[j])
                    switch operation {
                    case .and: terms.append((product, weight(j)))
                    case .or: terms += [(alpha[j], weight(j)), (beta[j], weight(j)), (product, -weight(j))]
                    case .xor: terms += [(alpha[j], weight(j)), (beta[j], weight(j)), (product, -weight(j) - weight(j))]
                    }
                }
            }
            return api.linearCombination(terms, constant: fixed)
        }
        result.bound = w
    }

    /// `shiftLeft`: `x`'s `bits` low bits (`x ∈ [0, 2^bits)` enforced, `bits` constraints), each
    /// moved up by its shift and dropped at `width`: `Σ_{j + s < width} 2^(j+s) x_j`, free.
    func lowerShiftLeft<API: CompilerAPI>(_ step: QuantizedStep, shifts: Tensor<Int64>, width: Int, bits: Int,
                                          _ operands: [LoweredTensor<API.Signal>], into result: inout LoweredTensor<API.Signal>, on api: API) {
        let count = step.outputShape.reduce(1, *)
        let x = operands[0]
        let n = min(bits, max(x.bound - 1, 1))
        let ix = Broadcast.sourceIndices(from: x.shape, to: step.outputShape)
        let iss = Broadcast.sourceIndices(from: shifts.shape, to: step.outputShape)
        var cache: [Int: [API.Signal]] = [:]
        var top = 1
        result.values = (0 ..< count).map { i in
            let bitsOfX = cache[ix[i]] ?? api.toBits(x.values[ix[i]], count: n)
            cache[ix[i]] = bitsOfX
            let s = Int(shifts.scalars[iss[i]])
            var terms: [(API.Signal, BN254.Fr)] = []
            for j in 0 ..< n where j + s < min(width, 253) {
                terms.append((bitsOfX[j], BN254.powersOfTwo[j + s]))
                top = max(top, j + s + 1)
            }
            return api.linearCombination(terms, constant: .zero)
        }
        result.bound = top + 1
        result.isNonNegative = true
    }
}
