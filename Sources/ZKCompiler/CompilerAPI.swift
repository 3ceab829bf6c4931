public import ZKCircuits

/// The ``CircuitAPI`` the model compiler runs on: the two implementations of ZKCircuits plus one
/// question the compiler asks to keep linear combinations short.
///
/// `termCount(of:)` lets the compiler *materialise* a long linear combination into one wire (one
/// equality constraint) before it is reused by many later linear combinations, so that chains of
/// linear layers without a rescale between them cannot grow term counts multiplicatively.
public protocol CompilerAPI: CircuitAPI {
    /// The number of wires `signal` mentions (1 for the native evaluator).
    func termCount(of signal: Signal) -> Int
    /// Whether `signal` is a known constant (never, for the native evaluator, whose choices only
    /// shape constraints it does not emit).
    func isConstant(_ signal: Signal) -> Bool
}

extension CircuitBuilder: CompilerAPI {
    public func termCount(of signal: Signal) -> Int { signal.combination.terms.count }
    public func isConstant(_ signal: Signal) -> Bool { signal.constantValue != nil }
}

extension NativeEvaluator: CompilerAPI {
    public func termCount(of signal: Signal) -> Int { 1 }
    public func isConstant(_ signal: Signal) -> Bool { false }
}
