extension Quantizer {
    /// Folds an average's division by `d = 2^j` into the rescale that produced its input, so the
    /// pool becomes a plain window sum (no constraints) instead of `windowSum` + `divide(d)`
    /// (`bits + j` constraints per output).
    ///
    /// Applies when every window has the same divisor `d ∈ {2, 4}` (2-wide and 2×2 pools) and the input is
    /// `rescale(k) → Relu → … → Relu` (at least one Relu) with no other reader of any tensor in the
    /// chain. The rescale becomes `rescale(k + j)` at scale `s − j` with `bits − j` bits (the same
    /// real range), the Relus follow it, and the sum of `d` such values at scale `s − j` is the
    /// mean at scale `s`, exactly, in `[0, 2^(bits−1) − d]`. ReLU commutes with the positive
    /// factor, so the result differs from `divide(d)` only by rounding each element at `s − j`
    /// instead of the mean at `s`: at most `2^(j−1)` units at scale `s` instead of 1, which is why
    /// larger windows (a global pool over 2^10 elements would lose 9 bits) keep the division.
    /// - Returns: whether the chain was retargeted (the caller then emits only the window sum).
    mutating func foldAverageDivision(input: String, divisors: [Int]) -> Bool {
        guard let d = divisors.first, d == 2 || d == 4, divisors.allSatisfy({ $0 == d }) else { return false }
        let j = d.trailingZeroBitCount
        // Every tensor of the chain is read by the next one, so a graph output among them counts 2.
        let readers = graph.readerCounts
        var chain: [Int] = []
        var name = input
        while true {
            guard readers[name] == 1, aligned.values.allSatisfy({ !$0.hasPrefix("\(name)#s") }),
                  let index = steps.lastIndex(where: { $0.output == name }) else { return false }
            chain.append(index)
            let step = steps[index]
            if case .relu = step.operation { name = step.inputs[0]; continue }
            guard case let .rescale(shift) = step.operation, step.isActivation, chain.count >= 2,
                  shift + j <= 62, step.bits - j >= 2 else { return false }
            break
        }
        let bits = steps[chain.last!].bits - j
        for index in chain {
            if case let .rescale(shift) = steps[index].operation { steps[index].operation = .rescale(shift: shift + j) }
            steps[index].scale -= j
            steps[index].bits = bits
            scales[steps[index].output]! -= j
            // ReLU outputs lie in [0, 2^(bits−1)), so the window sum of d of them in [0, 2^(bits+j−1) − d].
            let isRelu = if case .relu = steps[index].operation { true } else { false }
            bounds[steps[index].output] = Double((Int64(1) << (bits - 1)) - (isRelu ? 1 : 0))
        }
        return true
    }
}
