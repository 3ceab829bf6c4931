import Testing
import ZKCircuits
import ZKConstraints

extension CircuitCheck {
    /// Builds a circuit twice with `body`: in setup mode (where no input closure may run) and in
    /// proving mode. Expects the two to emit the same system, and returns the proving builder and
    /// the check of its system and witness (whose `isSatisfied` the caller can then require, or
    /// pass to ``expectSound(_:_:constraints:wires:deltas:seed:_:sourceLocation:)``).
    /// - Throws: what `body`, ``CircuitBuilder/makeR1CS()`` or ``CircuitBuilder/makeWitness()`` throw.
    public static func build(_ context: String = "circuit", sourceLocation: SourceLocation = #_sourceLocation,
                             _ body: (CircuitBuilder) throws -> Void) throws -> (builder: CircuitBuilder, check: CircuitCheck) {
        let setup = CircuitBuilder(mode: .setup)
        try body(setup)
        let setupSystem = try setup.makeR1CS()
        let proving = CircuitBuilder(mode: .proving)
        try body(proving)
        let system = try proving.makeR1CS()
        #expect(system == setupSystem, "\(context): setup and proving emit different systems", sourceLocation: sourceLocation)
        return (proving, CircuitCheck(system, try proving.makeWitness()))
    }
}
