/*
 * zkml.h — the C ABI of zkml (libZKMLC.so / libZKMLC.dylib).
 *
 * Build the library with:   swift build -c release --product ZKMLC
 * It is what the Python package (python/) loads; the zkml command line calls the same
 * operations (ZKWorkflow), so a call here and the command of the same name read and write the
 * same files and fail with the same messages.
 *
 * Calling convention
 *   Every operation takes a JSON request (a UTF-8 object, fields below; NULL means {}) and
 *   answers with a JSON response:
 *
 *     int zkml_OPERATION(const char *request, zkml_progress_fn progress, void *context,
 *                        char **response);
 *
 *   Return codes (the command line's exit codes):
 *     ZKML_OK        0  done; *response holds the result object.
 *     ZKML_NEGATIVE  1  done, and the answer is no: an invalid proof (zkml_verify), an
 *                       unsatisfied witness (zkml_mock), a model with unsupported nodes
 *                       (zkml_inspect). *response holds the result object, with the reason.
 *     ZKML_ERROR     2  a usage, file, model or input error. *response holds
 *                       {"error": {"module": "quant", "message": "[quant] …", "code": 2}}; the
 *                       message names the file, the ONNX node or the request field.
 *     ZKML_INTERNAL  3  an internal inconsistency (a circuit that disagrees with the inference:
 *                       please report it); *response as for ZKML_ERROR.
 *   A request field that is unknown, mistyped or missing is ZKML_ERROR naming the field.
 *
 * Ownership
 *   - request: owned by the caller, read only during the call.
 *   - *response: allocated by the library (malloc), owned by the caller from the return on,
 *     released with zkml_free (never with another allocator's free). It is set on every return
 *     code when `response` is not NULL; pass NULL to discard it.
 *   - zkml_version's string is static: never free it.
 *   - Files: every file an operation writes is written atomically (a temporary file in the same
 *     directory, then rename); files written together appear together or not at all.
 *
 * Threads and progress
 *   Calls run on the caller's thread and take no global lock; independent calls may run on
 *   different threads at once. Long calls (setup, prove) use all cores internally.
 *   `progress`, when not NULL, is called on the calling thread as
 *   progress(context, phase, fraction) with fraction 0 when a phase starts and 1 when it ends
 *   (phases: compile: "compile"; setup: "setup", "write keys"; prove: "witness",
 *   "commitment" (circuits with lookups), "quotient", "proof", "write"; verify: "verify"; mock:
 *   "mock"). `phase` is valid
 *   only during the callback. `context` is passed through untouched.
 *
 * Request fields (paths are file system paths; rows are EZKL `input_data`: one flat,
 * row-major array of numbers per graph input)
 *   zkml_compile          model (ONNX file), out (directory for model.zkml and settings.json);
 *                         optional: name (file name recorded in the settings), bits, scale,
 *                         input_bits, input_scale, input_visibility (public|private|hashed),
 *                         output_visibility (public|hashed), param_visibility (fixed|hashed),
 *                         input_range_check (circuit|verifier), salt (all|none|inputs,outputs,
 *                         parameters), range_checks (auto|bits|lookup:W[,t…]), public_layout
 *                         (auto|packed|plain), calibration_data (rows) or calibrate (a file).
 *                         Result: zkml compile --json's object plus settings_json (the text of
 *                         settings.json).
 *   zkml_setup            model (model.zkml, or a circom .r1cs / zkml .zkr1cs), out (directory
 *                         for pk.bin, vk.bin, verification_key.json). Development keys: whoever
 *                         runs the setup can forge proofs (docs/setup.md). Result: zkml setup --json's.
 *   zkml_prove            model, pk, proof, public (paths to write), input_data (rows) or input
 *                         (an input.json); optional: input_name (what errors call the rows),
 *                         output (output.json to write), salt (a
 *                         salt.json to reuse), salt_out (where the salts go). Result: zkml prove
 *                         --json's object: outputs (de-quantized), output_names, output_shapes,
 *                         output_scales, output_integers (exact), timings.
 *   zkml_verify           vk (verification_key.json, vk.bin or .zkey), proof, public; optional:
 *                         input, output, salt, param_commitment. Result: zkml verify --json's
 *                         object (valid, reason, model, outputs, bindings); ZKML_NEGATIVE when invalid.
 *   zkml_mock             model, input_data or input (input_name as for prove). Result: satisfied, constraints, failure,
 *                         outputs; ZKML_NEGATIVE when not satisfied.
 *   zkml_inspect          model (ONNX or model.zkml) and compile's quantization and visibility
 *                         fields. Result: zkml inspect --json's object plus supported and text
 *                         (the node report); ZKML_NEGATIVE when a node is unsupported.
 *   zkml_export_verifier  vk, out (contract to write); optional: lang (solidity|vyper),
 *                         with_oracle, no_size_check (booleans). Result: contract, oracle,
 *                         language, estimated_runtime_bytes, development_key.
 *   zkml_calldata         proof, public; optional: packed (boolean) with vk. Result: hex (the
 *                         ABI-encoded call), arguments ([a, b, c, (commitment,) signals]), packed.
 */
#ifndef ZKML_H
#define ZKML_H

#ifdef __cplusplus
extern "C" {
#endif

#define ZKML_OK 0
#define ZKML_NEGATIVE 1
#define ZKML_ERROR 2
#define ZKML_INTERNAL 3

/* Phase reports of a long call (see "Threads and progress"). */
typedef void (*zkml_progress_fn)(void *context, const char *phase, double fraction);

/* zkml's version, e.g. "0.1.0" (static; do not free). */
const char *zkml_version(void);

/* Releases a response (NULL is ignored). */
void zkml_free(char *response);

int zkml_compile(const char *request, zkml_progress_fn progress, void *context, char **response);
int zkml_setup(const char *request, zkml_progress_fn progress, void *context, char **response);
int zkml_prove(const char *request, zkml_progress_fn progress, void *context, char **response);
int zkml_verify(const char *request, zkml_progress_fn progress, void *context, char **response);
int zkml_mock(const char *request, zkml_progress_fn progress, void *context, char **response);
int zkml_inspect(const char *request, zkml_progress_fn progress, void *context, char **response);
int zkml_export_verifier(const char *request, zkml_progress_fn progress, void *context, char **response);
int zkml_calldata(const char *request, zkml_progress_fn progress, void *context, char **response);

#ifdef __cplusplus
}
#endif

#endif /* ZKML_H */
