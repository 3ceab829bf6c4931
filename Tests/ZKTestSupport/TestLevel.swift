import Foundation

/// The one test-level switch of every test target: `ZKML_TEST_LEVEL=full` turns on the slow
/// checks (every model, every wire, longer fuzzing).
public enum TestLevel {
    /// Whether `ZKML_TEST_LEVEL` is `full`.
    public static var isFull: Bool { ProcessInfo.processInfo.environment["ZKML_TEST_LEVEL"] == "full" }
}
