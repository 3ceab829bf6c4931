#!/usr/bin/env python3
"""Gas and bytecode of packed verifiers (docs/evm.md, "Public-signal packing"): the bundled
mlp_digits and LeNet-5 (`Circuits/lenet_digits28`) compiled with the compile options of each row,
set up, proved on their `input.json`, their Solidity (solc, optimizer on, 200 runs) and Vyper
verifiers deployed on pyrevm (Cancun) and called through `verifyProof` (the unpacked signals,
`zkml calldata`) and `verifyPackedProof` (the words, `zkml calldata --packed`). Gas is the
transaction total. A contract above EIP-170 is reported as not deployable with its size; the last
row is LeNet-5's plain layout, exported with `--no-size-check` to show its size.

    scripts/test                       # once: builds zkml and the .venv-tests environment
    PATH=$PWD/.venv-tests/bin:../shared/tools/solc:$PATH python3 scripts/evm_packed_gas.py
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "EVM"))
from evm_support import REPO, Call, Chain, compile_vyper, solc_path, zkml_ok  # noqa: E402

ROWS = [
    ("mlp_digits", "default (lookups)", []),
    ("mlp_digits", "`--range-checks bits --input-bits 14`", ["--range-checks", "bits", "--input-bits", "14"]),
    ("mlp_digits", "`--range-checks bits --input-bits 10 --input-scale 8`",
     ["--range-checks", "bits", "--input-bits", "10", "--input-scale", "8"]),
    ("lenet_digits28", "default (lookups)", []),
    ("lenet_digits28", "`--input-bits 14`", ["--input-bits", "14"]),
    ("lenet_digits28", "`--range-checks bits --input-bits 14`", ["--range-checks", "bits", "--input-bits", "14"]),
    ("lenet_digits28", "`--input-bits 10 --input-scale 8`", ["--input-bits", "10", "--input-scale", "8"]),
    ("lenet_digits28", "`--public-layout plain`", ["--public-layout", "plain"]),
]
EIP170 = 24_576


def solc() -> str:
    """The solc to compile with (PATH, else ../shared/tools/solc); its absence is an error here."""
    path = solc_path()
    if path is None:
        raise SystemExit("no solc: put ../shared/tools/solc on PATH (see its README)")
    return path


def solidity(path: Path) -> tuple[bytes, bytes]:
    """(init, runtime) from solc; the size warning of an oversized contract is allowed here."""
    done = subprocess.run([solc(), "--optimize", "--optimize-runs", "200", "--combined-json", "bin,bin-runtime", str(path)],
                          capture_output=True, text=True, check=True)
    entry = next(v for k, v in json.loads(done.stdout)["contracts"].items() if k.endswith(":Groth16Verifier"))
    return bytes.fromhex(entry["bin"]), bytes.fromhex(entry["bin-runtime"])


def prove(model: str, options: list[str], d: Path) -> tuple[Path, Path, Path]:
    """Compiles `Circuits/<model>` with `options`, sets it up and proves its `input.json` in `d`:
    (proof.json, public.json, verification_key.json)."""
    circuit = REPO / "Circuits" / model
    zkml_ok("compile", str(circuit / "network.onnx"), "--out", str(d / "build"), *options)
    zkml_ok("setup", str(d / "build" / "model.zkml"), "--out", str(d / "keys"))
    proof, public = d / "proof.json", d / "public.json"
    zkml_ok("prove", str(d / "build" / "model.zkml"), "--pk", str(d / "keys" / "pk.bin"), "--input", str(circuit / "input.json"),
            "--proof", str(proof), "--public", str(public))
    return proof, public, d / "keys" / "verification_key.json"


def measure(language: str, directory: Path, vk: Path, proof: Path, public: Path) -> str:
    out = directory / ("Verifier.sol" if language == "solidity" else "Verifier.vy")
    zkml_ok("export-verifier", "--vk", str(vk), "--out", str(out), "--lang", language, "--no-size-check")
    try:
        init, runtime = solidity(out) if language == "solidity" else compile_vyper(out)
    except (AssertionError, subprocess.CalledProcessError) as error:  # vyper 0.4.3 fails on LeNet-5's plain verifier
        return f"does not compile ({type(error).__name__})"
    if len(runtime) > EIP170:
        return f"does not deploy ({len(runtime):,} B)"
    chain = Chain()
    address = chain.deploy(init)
    unpacked = chain.call(address, Call.from_zkml(proof, public).data())
    assert unpacked.accepted, unpacked
    if "zkml_public_packing" not in json.loads(vk.read_text()):
        return f"{unpacked.gas:,} / – / {len(runtime):,} B"
    words = zkml_ok("calldata", "--proof", str(proof), "--public", str(public), "--packed", "--vk", str(vk)).strip()
    packed = chain.call(address, bytes.fromhex(words[2:]))
    assert packed.accepted, packed
    return f"{unpacked.gas:,} / {packed.gas:,} / {len(runtime):,} B"


def main() -> None:
    print("| model | compile options | signals → words | Solidity: verifyProof / verifyPackedProof / runtime "
          "| Vyper: verifyProof / verifyPackedProof / runtime |")
    print("| --- | --- | ---: | --- | --- |")
    with tempfile.TemporaryDirectory() as scratch:
        for index, (model, label, options) in enumerate(ROWS):
            proof, public, vk = prove(model, options, Path(scratch) / str(index))
            d = proof.parent
            key = json.loads(vk.read_text())
            signals = key.get("zkml_public_packing", {}).get("values", key["nPublic"])
            cells = [measure(language, d, vk, proof, public) for language in ("solidity", "vyper")]
            name = "LeNet-5" if model == "lenet_digits28" else model
            print(f"| {name} | {label} | {signals} → {key['nPublic']} | {cells[0]} | {cells[1]} |", flush=True)


if __name__ == "__main__":
    main()
