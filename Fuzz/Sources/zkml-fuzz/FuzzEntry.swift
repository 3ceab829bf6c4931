import Foundation
import ZKConstraints
import ZKIO
import ZKGroth16
import ZKONNX
import ZKPipeline
import ZKQuant

/// The parser selected by `ZKML_FUZZ_TARGET`. Typed errors are correct rejections; anything else
/// (a trap, a hang, an allocation over libFuzzer's `-rss_limit_mb`) is a finding. Formats with a
/// content hash (`pk.bin`, `vk.bin`, `.zkr1cs`, `model.zkml`) have it recomputed first.
enum FuzzTarget: String, CaseIterable {
    case onnx, inputJSON = "input-json", proofJSON = "proof-json", publicJSON = "public-json", vkJSON = "vk-json"
    case pkBin = "pk-bin", vkBin = "vk-bin", zkr1cs, r1cs, wtns, modelZKML = "model-zkml"

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["ZKML_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set ZKML_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // Tensors capped at 2^20 elements so that one execution stays cheap.
        if target == .onnx { ONNXLimits.current = ONNXLimits(maxTensorElements: 1 << 20, maxNodes: 4096) }
        return target
    }()

    func run(_ bytes: [UInt8]) {
        let data = Data(bytes)
        switch self {
        case .onnx: _ = try? ONNXModel(serializedBytes: bytes).graph.resolved()
        case .inputJSON: _ = try? EZKLJSON.inputRows(from: data)
        case .proofJSON: _ = try? SnarkJSON.proof(from: data)
        case .publicJSON: _ = try? SnarkJSON.publicSignals(from: data)
        case .vkJSON: _ = try? SnarkJSON.verifyingKey(from: data)
        case .pkBin: _ = try? KeyFile.provingKey(from: Self.rehashed(bytes, hashType: 9, hashed: nil))
        case .vkBin: _ = try? KeyFile.verifyingKey(from: Self.rehashed(bytes, hashType: 9, hashed: nil))
        case .zkr1cs: _ = try? R1CS(serialized: Self.rehashed(bytes, hashType: 4, hashed: [1, 2]))
        case .r1cs: _ = try? R1CS(circomR1CS: bytes)
        case .wtns: _ = try? Witness(wtns: bytes)
        case .modelZKML:
            let body = Array(bytes.dropLast(min(32, bytes.count)))
            _ = try? CompiledModel(serialized: body + SHA256.hash(body))
        }
    }

    /// The input with its content-hash section recomputed (payloads of `hashed`, or of every other
    /// section, in file order), so that mutations reach the checks behind the hash.
    static func rehashed(_ bytes: [UInt8], hashType: UInt32, hashed: Set<UInt32>?) -> [UInt8] {
        guard bytes.count >= 12 else { return bytes }
        func u32(_ at: Int) -> UInt32 { (0 ..< 4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
        func u64(_ at: Int) -> UInt64 { (0 ..< 8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) } }
        var offset = 12
        var sections: [(UInt32, ArraySlice<UInt8>)] = []
        for _ in 0 ..< min(Int(u32(8)), 64) {
            guard offset + 12 <= bytes.count else { return bytes }
            let type = u32(offset), length = u64(offset + 4)
            offset += 12
            guard length <= UInt64(bytes.count - offset) else { return bytes }
            sections.append((type, bytes[offset ..< offset + Int(length)]))
            offset += Int(length)
        }
        var hasher = SHA256()
        for (type, payload) in sections where type != hashType && (hashed?.contains(type) ?? true) { hasher.update(payload) }
        let digest = hasher.finalize()
        var out = Array(bytes[0 ..< 12])
        for (type, payload) in sections {
            let body = type == hashType ? digest[...] : payload
            for k in 0 ..< 4 { out.append(UInt8(truncatingIfNeeded: type >> (8 * UInt32(k)))) }
            for k in 0 ..< 8 { out.append(UInt8(truncatingIfNeeded: UInt64(body.count) >> (8 * UInt64(k)))) }
            out += body
        }
        return out
    }
}

/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.selected.run(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver (in the fuzzer runtime that `-sanitize=fuzzer` links). SwiftPM renames an
/// executable's `main`, so libFuzzer's own `main` is not used: ours hands control to the driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main
enum FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, fuzzOneInput))
    }
}
