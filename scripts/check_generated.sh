#!/usr/bin/env bash
# Regenerates every generated source into a temporary folder and compares it with the committed
# copy under its module's Generated/ folder:
#
#   Sources/ZKPoseidon/Generated/PoseidonConstants.swift  ← scripts/poseidon_constants.py (python3)
#   Sources/ZKONNX/Generated/onnx_subset.pb.swift         ← scripts/generate-onnx-proto.sh (protoc and
#                                                           protoc-gen-swift, see that script)
#
# Runs without network. A generator whose tool is missing prints SKIPPED for its file: the check
# still passes on a developer's machine, but fails when the CI environment variable is set.
# Exit status: 0 when every file checked is identical, 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0

# compare NAME COMMITTED GENERATED
compare() {
  if diff -u "$2" "$3" > "$scratch/$1.diff"; then
    echo "ok: $1"
  else
    echo "FAILED: $1 differs from its generator's output:" >&2
    cat "$scratch/$1.diff" >&2
    status=1
  fi
}

# skip NAME REASON
skip() {
  if [[ -n "${CI:-}" ]]; then
    echo "FAILED: $1 not checked: $2 (required when CI is set)" >&2
    status=1
  else
    echo "SKIPPED: $1: $2"
  fi
}

# Poseidon constants (plain Python).
if command -v python3 > /dev/null; then
  mkdir -p "$scratch/poseidon"
  python3 "$root/scripts/poseidon_constants.py" --out "$scratch/poseidon" > /dev/null
  compare PoseidonConstants.swift "$root/Sources/ZKPoseidon/Generated/PoseidonConstants.swift" \
    "$scratch/poseidon/PoseidonConstants.swift"
else
  skip PoseidonConstants.swift "python3 not found"
fi

# The ONNX protobuf subset (protoc with swift-protobuf's plugin).
plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}"
if ! command -v protoc > /dev/null; then
  skip onnx_subset.pb.swift "protoc not found (Debian: apt-get install protobuf-compiler)"
elif [[ -z "$plugin" ]]; then
  skip onnx_subset.pb.swift "protoc-gen-swift not found (set PROTOC_GEN_SWIFT, see scripts/generate-onnx-proto.sh)"
else
  mkdir -p "$scratch/onnx"
  PROTOC_GEN_SWIFT="$plugin" "$root/scripts/generate-onnx-proto.sh" "$scratch/onnx" > /dev/null
  compare onnx_subset.pb.swift "$root/Sources/ZKONNX/Generated/onnx_subset.pb.swift" "$scratch/onnx/onnx_subset.pb.swift"
fi

exit "$status"
