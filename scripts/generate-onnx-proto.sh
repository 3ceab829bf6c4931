#!/usr/bin/env bash
# Regenerates Sources/ZKONNX/Generated/onnx_subset.pb.swift from Sources/ZKONNX/Proto/onnx_subset.proto
# (or writes it into the folder given as the first argument: scripts/check_generated.sh).
#
# The build never runs this: the generated file is committed. Run it only after editing the .proto.
# Needs `protoc` (Debian: apt-get install -y protobuf-compiler) and `protoc-gen-swift` built from
# swift-protobuf at the same version the package resolves (1.39.0 at the time of writing):
#   git clone <swift-protobuf> /tmp/swift-protobuf && cd /tmp/swift-protobuf && git checkout 1.39.0
#   swift build -c release --product protoc-gen-swift
#   PROTOC_GEN_SWIFT=/tmp/swift-protobuf/.build/release/protoc-gen-swift scripts/generate-onnx-proto.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/Sources/ZKONNX/Generated}"
plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}"
if [[ -z "$plugin" ]]; then
  echo "protoc-gen-swift not found: set PROTOC_GEN_SWIFT" >&2
  exit 1
fi
protoc \
  --plugin=protoc-gen-swift="$plugin" \
  --proto_path="$root/Sources/ZKONNX/Proto" \
  --swift_out="$out" \
  --swift_opt=Visibility=Internal \
  --swift_opt=FileNaming=DropPath \
  onnx_subset.proto
echo "wrote $out/onnx_subset.pb.swift"
