#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKIO
internal import ZKGroth16
internal import ZKPipeline

extension CommandSupport {
    /// Writes DIR/pk.bin, DIR/vk.bin and DIR/verification_key.json (with the model's identity
    /// for a model, and where the secrets came from): pk.bin on this thread while the verifying
    /// key's two files are written on another (much of each write is waiting for fsync); all
    /// three are renamed into place only once all are complete, so a failure leaves the
    /// directory as it was.
    static func writeKeys(_ key: ProvingKey, settings: ModelSettings?, provenance: SetupProvenance,
                          directory out: String) throws -> (pk: String, vk: String, vkJSON: String) {
        let directory = try makeDirectory(out)
        let pk = directory.appendingPathComponent("pk.bin").path
        let vk = directory.appendingPathComponent("vk.bin").path
        let vkJSON = directory.appendingPathComponent("verification_key.json").path
        let verifyingKey = key.verifyingKey
        let (pkFile, vkFiles) = ParallelFor.concurrently({
            Result { () throws -> AtomicFileWriter in try KeyFile.stage(key, toPath: pk) }
        }, alongside: {
            Result { () throws -> [AtomicFileWriter] in
                let rendered = settings.map { Pipeline.verificationKeyJSON(verifyingKey, settings: $0) } ?? SnarkJSON.render(verifyingKey)
                return [try stage(Data(KeyFile.serialize(verifyingKey)), to: vk),
                        try stage(Data(provenance.appended(to: rendered).utf8), to: vkJSON)]
            }
        })
        for file in [try pkFile.get()] + (try vkFiles.get()) { try commit(file) }
        return (pk, vk, vkJSON)
    }
}
