#if canImport(Glibc)
import Glibc
#endif
internal import ZKText
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Timing helpers: thread CPU time, process CPU time, wall time, medians.
public enum Clock {
    /// Seconds of CPU time used by the calling thread.
    public static func threadCPUSeconds() -> Double { seconds(CLOCK_THREAD_CPUTIME_ID) }
    /// Seconds of CPU time used by the whole process (all threads).
    public static func processCPUSeconds() -> Double { seconds(CLOCK_PROCESS_CPUTIME_ID) }
    /// Monotonic wall-clock seconds.
    public static func wallSeconds() -> Double { seconds(CLOCK_MONOTONIC) }

    private static func seconds(_ clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Peak resident set size of this process so far, in MiB (from /proc/self/status VmHWM).
    public static func peakRSSMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Double($0) }
            if let kib = digits.first { return kib / 1024 }
        }
        return nil
    }

    /// Resets the peak resident set size (Linux: writing 5 to /proc/self/clear_refs), so that a
    /// later `peakRSSMegabytes()` reports the peak of what follows. No-op elsewhere.
    public static func resetPeakRSS() {
        let descriptor = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = write(descriptor, "5", 1)
        close(descriptor)
    }

    /// One timing sample: thread CPU, process CPU and wall seconds of `body`.
    public struct Sample: Sendable {
        public var threadCPU: Double
        public var processCPU: Double
        public var wall: Double
    }

    /// Runs `body` once and times it.
    public static func measure(_ body: () -> Void) -> Sample {
        let t0 = threadCPUSeconds(), p0 = processCPUSeconds(), w0 = wallSeconds()
        body()
        let t1 = threadCPUSeconds(), p1 = processCPUSeconds(), w1 = wallSeconds()
        return Sample(threadCPU: t1 - t0, processCPU: p1 - p0, wall: w1 - w0)
    }

    /// `measure` for a throwing body.
    public static func measureThrowing(_ body: () throws -> Void) throws -> Sample {
        var failure: (any Error)?
        let sample = measure { do { try body() } catch { failure = error } }
        if let failure { throw failure }
        return sample
    }

    /// `median` for a throwing body.
    public static func medianThrowing(rounds: Int, warmUp: Bool = true, _ body: () throws -> Void) throws -> Sample {
        var failure: (any Error)?
        let sample = median(rounds: rounds, warmUp: warmUp) { if failure == nil { do { try body() } catch { failure = error } } }
        if let failure { throw failure }
        return sample
    }

    /// The median of `rounds` samples of `body` (after one untimed warm-up).
    public static func median(rounds: Int, warmUp: Bool = true, _ body: () -> Void) -> Sample {
        if warmUp { body() }
        let samples = (0..<max(1, rounds)).map { _ in measure(body) }
        func med(_ xs: [Double]) -> Double {
            let s = xs.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        return Sample(threadCPU: med(samples.map(\.threadCPU)), processCPU: med(samples.map(\.processCPU)),
                      wall: med(samples.map(\.wall)))
    }
}

/// A summary of the machine for benchmark reports.
public enum MachineInfo {
    public static var summary: [(String, String)] {
        var cpu = "unknown"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let name = line.split(separator: ":", maxSplits: 1).last {
            cpu = name.trimmingSpaces
        }
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        return [("cpu", cpu), ("cores", String(ProcessInfo.processInfo.activeProcessorCount)), ("build", build)]
    }
}
