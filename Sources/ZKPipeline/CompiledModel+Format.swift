#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import ZKConstraints
internal import ZKIO
internal import ZKCurves
internal import ZKField
internal import ZKPoseidon

extension CompiledModel {
    /// Section identifiers of `model.zkml`.
    enum Section: UInt32, CaseIterable {
        /// ``ModelSettings`` as compact JSON (UTF-8).
        case settings = 1
        /// The ONNX file's bytes.
        case onnx = 2
        /// Calibration rows: u64 row count, then per row u64 length and little-endian f64 values.
        case calibration = 3
        /// The R1CS in zkml's `.zkr1cs` format (which carries its own content hash).
        case r1cs = 4
        /// The salt of a salted parameter commitment, decimal text (only with
        /// `--param-visibility hashed` and salted parameters). Never in `settings.json`.
        case parameterSalt = 5
    }

    static let magic = Array("ZKML".utf8)

    /// The `model.zkml` bytes:
    ///
    /// ```
    /// "ZKML" | version u32 | section count u32
    /// per section: id u32 | length u64 | payload      (ids 1 settings, 2 onnx, 3 calibration, 4 r1cs,
    ///                                                  5 parameter salt, only when there is one)
    /// SHA-256 of everything above (32 bytes)
    /// ```
    /// All integers little-endian. Readers skip unknown section ids, so later versions can add
    /// sections without breaking older tools that do not need them.
    public func serialized() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(UInt64(calibrationRows.count))
        for row in calibrationRows {
            writer.write(UInt64(row.count))
            for value in row { writer.write(value.bitPattern) }
        }
        let calibration = writer.bytes
        var payloads: [(type: UInt32, payload: [UInt8])] = [
            (Section.settings.rawValue, [UInt8](settings.json(pretty: false))), (Section.onnx.rawValue, onnx),
            (Section.calibration.rawValue, calibration), (Section.r1cs.rawValue, system.serialized()),
        ]
        if let parameterSalt { payloads.append((Section.parameterSalt.rawValue, Array(parameterSalt.description.utf8))) }
        return SectionedFile(magic: Self.magic, version: Self.formatVersion, sections: payloads, integrity: .trailingHash).serialized()
    }

    /// Parses and checks `model.zkml` bytes (magic, version, trailing hash, every section).
    /// - Throws: ``PipelineError`` naming the file and the section; `ConstraintError` from the R1CS section.
    public init(serialized bytes: [UInt8], path: String = "model.zkml") throws {
        guard bytes.count >= 12 + 32, Array(bytes[0 ..< 4]) == Self.magic else {
            throw PipelineError.malformedArtifact(path: path, detail: "not a model.zkml file (expected the magic bytes ZKML)")
        }
        var header = BinaryReader(bytes: bytes, path: path, offset: 4)
        guard let version = try? header.readUInt32("version") else {
            throw PipelineError.malformedArtifact(path: path, detail: "not a model.zkml file (expected the magic bytes ZKML)")
        }
        guard version == Self.formatVersion else { throw PipelineError.unsupportedVersion(path: path, version: version) }
        // The file's hash is computed on another thread while the sections are parsed (LeNet-5's
        // 32 MB: 15 ms of SHA-256 beside the parse). A mismatch is reported before anything the
        // parse found: a damaged file is named as such.
        let (parsed, intact) = ParallelFor.concurrently({
            Result { () throws -> CompiledModel in try CompiledModel(sectionsOf: bytes, path: path) }
        }, alongside: {
            SHA256.hash(bytes[0 ..< bytes.count - 32]) == Array(bytes[(bytes.count - 32)...])
        })
        guard intact else { throw PipelineError.artifactHashMismatch(path: path) }
        self = try parsed.get()
    }

    /// The sections of `model.zkml` bytes whose magic, version and length were checked (not the
    /// trailing hash: ``init(serialized:path:)`` checks that beside).
    private init(sectionsOf bytes: [UInt8], path: String) throws {
        let table: SectionTable
        do throws(FileError) {
            table = try SectionTable(bytes: bytes, magic: Self.magic, notThisKind: "not a model.zkml file (expected the magic bytes ZKML)",
                                     path: path, versions: [Self.formatVersion], repeats: .allowed, trailingHash: true)
        } catch {
            throw PipelineError.malformedArtifact(path: path, detail: error.detail)
        }
        func section(_ kind: Section) throws -> ArraySlice<UInt8> {
            guard let payload = table[kind.rawValue].map({ bytes[$0] }) else {
                throw PipelineError.malformedArtifact(path: path, detail: "missing section \(kind.rawValue) (\(kind))")
            }
            return payload
        }
        let settings = try ModelSettings(json: Data(try section(.settings)), path: path)
        let onnx = Array(try section(.onnx))
        guard SHA256.hash(onnx).hexString == settings.model.onnxSha256 else {
            throw PipelineError.malformedArtifact(path: path, detail: "onnx section does not match model.onnx_sha256")
        }
        let rows = try Self.readRows(Array(try section(.calibration)), path: path)
        // In place: a copy of the circuit's bytes was a large part of a prover's peak memory.
        let (system, hash) = try R1CS.deserialize(bytes, range: try section(.r1cs).indices, path: "\(path) (r1cs section)")
        var salt: BN254.Fr?
        if settings.publicSignals.parameters?.salted == true {
            let text = String(decoding: try section(.parameterSalt), as: UTF8.self)
            do { salt = try Poseidon.salt(parsing: text) } catch {
                throw PipelineError.malformedArtifact(path: path, detail: "parameter salt section: \(error)")
            }
        }
        self.init(settings: settings, onnx: onnx, calibrationRows: rows, system: system, circuitHash: hash, parameterSalt: salt)
        guard circuitHash.hexString == settings.circuit.sha256 else {
            throw PipelineError.malformedArtifact(path: path, detail: "r1cs section does not match circuit.sha256")
        }
    }

    /// Reads `model.zkml` from disk.
    public init(contentsOf url: URL) throws {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(url.path) } catch {
            // FileBytes throws only `.io`, whose detail PipelineError prints after the path itself.
            guard case let .io(_, detail) = error else { throw error }
            throw PipelineError.io(path: url.path, detail: detail)
        }
        try self.init(serialized: bytes, path: url.path)
    }

    private static func readRows(_ bytes: [UInt8], path: String) throws(PipelineError) -> [[Double]] {
        var reader = BinaryReader(bytes: bytes, path: path)
        do throws(FileError) {
            let count = try reader.readUInt64("row count")
            var rows: [[Double]] = []
            for _ in 0 ..< count {
                let length = try reader.readUInt64("row length")
                guard length <= UInt64(reader.remaining / 8) else { throw reader.failure("row") }
                rows.append(try (0 ..< Int(length)).map { _ throws(FileError) in Double(bitPattern: try reader.readUInt64("value")) })
            }
            return rows
        } catch {
            throw PipelineError.malformedArtifact(path: path, detail: "calibration section is truncated")
        }
    }
}
