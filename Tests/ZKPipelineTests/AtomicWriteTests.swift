import Foundation
import Testing
import ZKConstraints
import ZKIO
import ZKTestSupport
#if canImport(Glibc)
import Glibc
import ZKSynthetic
#endif

/// Atomic output (issue 10 item 6): every file zkml writes goes through `AtomicFile` (temporary
/// file in the destination's directory, fsync, rename). Checked in process, and against the real
/// `zkml` binary killed with SIGKILL while `zkml setup` writes its keys.
@Suite(.serialized) struct AtomicWriteTests {
    /// A fresh scratch directory.
    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zkml-atomic-\(name)-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The names of the temporary files left in `directory`.
    static func temporaryFiles(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter(AtomicFile.isTemporaryName)
    }


    @Test func writeReplacesTheFileAndLeavesNoTemporary() throws {
        let directory = try Self.scratch("inprocess")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("out.bin")
        try AtomicFile.write([1, 2, 3], to: url)
        try AtomicFile.write([UInt8](repeating: 7, count: 3 << 20), to: url)  // several write chunks
        #expect(try Data(contentsOf: url) == Data(repeating: 7, count: 3 << 20))
        try AtomicFile.write([], to: url)
        #expect(try Data(contentsOf: url).isEmpty)
        #expect(Self.temporaryFiles(in: directory).isEmpty)
    }

    @Test func failedWriteKeepsTheOldFileAndNamesIt() throws {
        let directory = try Self.scratch("failure")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("out.bin")
        try AtomicFile.write([9, 9], to: url)
        // Renaming a file over a non-empty directory fails after the temporary file was written.
        let blocked = directory.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inner"), withIntermediateDirectories: true)
        #expect(throws: FileError.self) { try AtomicFile.write([1], to: blocked) }
        #expect(throws: FileError.self) { try AtomicFile.write([1], to: directory.appendingPathComponent("missing/out.bin")) }
        #expect(try Data(contentsOf: url) == Data([9, 9]))
        #expect(Self.temporaryFiles(in: directory).isEmpty)
        do {
            try AtomicFile.write([1], to: blocked)
        } catch {
            #expect("\(error)".hasPrefix(blocked.path + ": cannot write"))
        }
    }

    @Test func stagedFilesAreRenamedOnlyByCommit() throws {
        let directory = try Self.scratch("staged")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("first.bin"), second = directory.appendingPathComponent("second.bin")
        try AtomicFile.write([1], to: first)
        try AtomicFile.write([2], to: second)
        // Staged (written and flushed) but dropped: both destinations keep their old bytes.
        do {
            let a = try AtomicFile.stage(Data(repeating: 3, count: 5 << 20), to: first)  // several writeback hints
            let b = try AtomicFile.stage(Data([4]), to: second)
            #expect(Self.temporaryFiles(in: directory).count == 2)
            #expect(try Data(contentsOf: first) == Data([1]) && Data(contentsOf: second) == Data([2]))
            _ = (a, b)
        }
        #expect(Self.temporaryFiles(in: directory).isEmpty)
        // Committed: the new bytes, nothing left over.
        let a = try AtomicFile.stage(Data(repeating: 3, count: 5 << 20), to: first)
        let b = try AtomicFile.stage(Data([4]), to: second)
        try a.commit()
        try b.commit()
        #expect(try Data(contentsOf: first) == Data(repeating: 3, count: 5 << 20) && Data(contentsOf: second) == Data([4]))
        #expect(Self.temporaryFiles(in: directory).isEmpty)
        // A writer that appends, flushes and commits in two steps.
        let writer = try AtomicFileWriter(path: second.path)
        try writer.append([5, 6])
        try writer.flush()
        #expect(try Data(contentsOf: second) == Data([4]))
        try writer.commit()
        #expect(try Data(contentsOf: second) == Data([5, 6]))
        // A commit that cannot rename (a directory in the way) keeps the destination and names it.
        let blocked = directory.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inner"), withIntermediateDirectories: true)
        let staged = try AtomicFile.stage(Data([7]), to: blocked)
        #expect { try staged.commit() } throws: { "\($0)".hasPrefix(blocked.path + ": cannot write") }
    }

    /// One `zkml setup` run; returns its wall time.
    @discardableResult
    static func setup(_ zkml: URL, circuit: URL, out: URL, seed: UInt64, kill: ((Process) -> Bool)? = nil) throws -> (seconds: Double, killed: Bool) {
        let process = Process()
        process.executableURL = zkml
        process.arguments = ["setup", circuit.path, "--out", out.path, "--insecure-seed", "\(seed)", "--json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        var killed = false
        if let kill, kill(process) {
            Glibc.kill(process.processIdentifier, SIGKILL)
            killed = true
        }
        process.waitUntilExit()
        if !killed { #expect(process.terminationStatus == 0) }
        return (Date().timeIntervalSince(start), killed && process.terminationReason == .uncaughtSignal)
    }

    static let keyFiles = ["pk.bin", "vk.bin", "verification_key.json"]

    /// `zkml setup` killed with SIGKILL at several moments (while a temporary key file is being
    /// written, and at fixed fractions of a complete run): every key file is the old one or the
    /// complete new one, and at most the temporary files being written (one per key file, as
    /// setup writes the three side by side) are left behind.
    // Needs the zkml executable built beside the test bundle (or $ZKML_BINARY).
    @Test(.enabled(if: ZKMLBinary.isAvailable, "needs the zkml binary beside the tests (or ZKML_BINARY)"))
    func killedSetupLeavesTheOldOrTheNewKeys() throws {
        let zkml = try #require(ZKMLBinary.url)
        let directory = try Self.scratch("kill")
        defer { try? FileManager.default.removeItem(at: directory) }
        let constraints = TestLevel.isFull ? 1 << 16 : 1 << 12
        let circuit = directory.appendingPathComponent("circuit.zkr1cs")
        try SyntheticCircuit.make(constraints: constraints, publicCount: 2).0.write(to: circuit)
        let oldDirectory = directory.appendingPathComponent("old"), newDirectory = directory.appendingPathComponent("new")
        try Self.setup(zkml, circuit: circuit, out: oldDirectory, seed: 1)
        let full = try Self.setup(zkml, circuit: circuit, out: newDirectory, seed: 2).seconds
        func contents(_ base: URL) throws -> [Data] { try Self.keyFiles.map { try Data(contentsOf: base.appendingPathComponent($0)) } }
        let old = try contents(oldDirectory), new = try contents(newDirectory)
        #expect(zip(old, new).allSatisfy { $0 != $1 })

        // Kill as soon as a temporary file exists, once it holds bytes, and at fractions of a full run.
        let out = directory.appendingPathComponent("out")
        func whenTemporary(minimumSize: Int) -> (Process) -> Bool {
            { process in
                while process.isRunning {
                    for name in Self.temporaryFiles(in: out) {
                        let size = (try? FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.size] as? Int) ?? 0
                        if size >= minimumSize { return true }
                    }
                    usleep(50)
                }
                return false
            }
        }
        func after(_ fraction: Double) -> (Process) -> Bool {
            { process in usleep(UInt32(full * fraction * 1_000_000)); return process.isRunning }
        }
        let fractions: [Double] = TestLevel.isFull ? [0.5, 0.8, 0.9, 0.95, 0.97, 0.99, 1.0] : [0.95]
        let moments = [whenTemporary(minimumSize: 0), whenTemporary(minimumSize: 1)] + fractions.map(after)
        var midWrite = 0, kills = 0
        for moment in moments {
            try? FileManager.default.removeItem(at: out)
            try FileManager.default.copyItem(at: oldDirectory, to: out)
            var temporaries: [String] = []
            let killed = try Self.setup(zkml, circuit: circuit, out: out, seed: 2, kill: { process in
                let fire = moment(process)
                temporaries = Self.temporaryFiles(in: out)
                return fire
            }).killed
            if killed { kills += 1 }
            if killed, !temporaries.isEmpty { midWrite += 1 }
            for (index, name) in Self.keyFiles.enumerated() {
                let now = try Data(contentsOf: out.appendingPathComponent(name))
                #expect(now == old[index] || now == new[index], "\(name) is neither the old nor the new file (\(now.count) bytes)")
            }
            let left = Self.temporaryFiles(in: out)
            // The three key files are written side by side, so a kill can leave one of each.
            #expect(left.count <= (killed ? Self.keyFiles.count : 0), "stray temporary files: \(left)")
            #expect(left.allSatisfy { name in Self.keyFiles.contains { name.hasPrefix(".\($0)\(AtomicFile.temporaryMarker)") } })
        }
        print("atomic setup: \(constraints) constraints, full run \(String(format: "%.2f", full)) s, \(kills) kills, \(midWrite) with a temporary file present")
        #expect(midWrite >= 1, "no kill landed while a key file was being written")
    }
}
