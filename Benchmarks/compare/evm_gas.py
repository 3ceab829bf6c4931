#!/usr/bin/env python3
"""On-chain verification of the same ONNX model, EZKL against zkml, in one run: each tool's
Solidity verifier compiled with the same solc (`../shared/tools/solc`, optimizer on, 200 runs),
deployed on pyrevm (Cancun) and called with that tool's own calldata for a proof of the model's
`input.json`. The statement is the same on both sides: inputs and outputs public, weights fixed.

EZKL 23.0.5: `gen_settings` with input and output visibility public, `calibrate_settings`
("resources"), `compile_circuit`, `gen_srs` at the calibrated logrows, `setup`, `gen_witness`,
`prove`, `create_evm_verifier` (a standalone verifier) and `encode_evm_calldata`. zkml: the rows of
`scripts/evm_packed_gas.py` for the model (packed verifiers, both entry points).

    Benchmarks/compare/run --model mlp_digits          # once: makes Benchmarks/compare/.venv
    PATH=../shared/tools/solc:$PATH Benchmarks/compare/.venv/bin/python Benchmarks/compare/evm_gas.py --model mlp_digits

Prints a Markdown table (gas is the transaction total; runtime is the deployed code's size).
EZKL's LeNet-5 takes about 10 minutes on 2 cores (its setup and prove). EZKL's
`create_evm_verifier` compiles its contract through svm-rs, which downloads solc from
binaries.soliditylang.org: without that network access EZKL's row says so, the zkml rows are
still measured, and the exit code is 1.
"""
from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "EVM"))
sys.path.insert(0, str(ROOT / "scripts"))
from evm_support import Chain, solc_path  # noqa: E402
import evm_packed_gas  # noqa: E402
from evm_packed_gas import solc  # noqa: E402


def call(function, *args, **kwargs):
    """Calls an EZKL function inside an event loop (some need a running one, some return a coroutine)."""
    async def run():
        result = function(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result
    return asyncio.run(run())


def ezkl_row(model: str, work: Path) -> str:
    import ezkl

    circuit = ROOT / "Circuits" / model
    onnx, data = str(circuit / "network.onnx"), str(circuit / "input.json")
    settings, compiled, srs = str(work / "settings.json"), str(work / "network.compiled"), str(work / "kzg.srs")
    vk, pk, witness, proof = str(work / "vk.key"), str(work / "pk.key"), str(work / "witness.json"), str(work / "proof.json")
    sol, abi = work / "Verifier.sol", work / "Verifier.abi"
    run_args = ezkl.PyRunArgs()
    run_args.input_visibility, run_args.output_visibility, run_args.param_visibility = "public", "public", "fixed"
    run_args.variables = [("batch", 1)]
    assert call(ezkl.gen_settings, onnx, settings, py_run_args=run_args)
    assert call(ezkl.calibrate_settings, data, onnx, settings, "resources")
    assert call(ezkl.compile_circuit, onnx, compiled, settings)
    logrows = json.loads(Path(settings).read_text())["run_args"]["logrows"]
    call(ezkl.gen_srs, srs, logrows)
    assert call(ezkl.setup, compiled, vk, pk, srs)
    assert call(ezkl.gen_witness, data, compiled, witness) is not None
    assert call(ezkl.prove, witness, compiled, pk, proof, srs) is not None
    assert call(ezkl.create_evm_verifier, vk, settings, str(sol), str(abi), srs, False)
    calldata_path = work / "calldata.bin"
    encoded = call(ezkl.encode_evm_calldata, proof, str(calldata_path))
    calldata = bytes(encoded) if encoded else calldata_path.read_bytes()
    instances = sum(len(group) for group in json.loads(Path(proof).read_text())["instances"])

    done = subprocess.run([solc(), "--optimize", "--optimize-runs", "200", "--combined-json", "bin,bin-runtime", str(sol)],
                          capture_output=True, text=True, check=True)
    contracts = json.loads(done.stdout)["contracts"]
    name, entry = max(contracts.items(), key=lambda item: len(item[1]["bin-runtime"]))
    init, runtime = bytes.fromhex(entry["bin"]), bytes.fromhex(entry["bin-runtime"])
    chain = Chain()
    address = chain.deploy(init)
    result = chain.call(address, calldata)
    assert result.accepted, f"EZKL's verifier rejected EZKL's proof: {result}"
    tampered = bytearray(calldata)
    tampered[-1] ^= 1  # the last public instance
    assert chain.call(address, bytes(tampered)).rejected, "EZKL's verifier accepted a changed instance"
    return (f"| EZKL 23.0.5 (logrows {logrows}, `{name.split(':')[-1]}`) | {instances} instances | {result.gas:,} | "
            f"{len(runtime):,} B |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", choices=["mlp_digits", "lenet_digits28"])
    args = parser.parse_args()
    failed = False
    for model in args.model or ["mlp_digits", "lenet_digits28"]:
        print(f"\n{model}\n\n| verifier | public values | transaction gas | runtime |\n| --- | --- | ---: | ---: |", flush=True)
        with tempfile.TemporaryDirectory() as scratch:
            (Path(scratch) / "ezkl").mkdir()
            try:
                print(ezkl_row(model, Path(scratch) / "ezkl"), flush=True)
            except RuntimeError as error:  # e.g. svm cannot download solc (no network)
                failed = True
                print(f"| EZKL 23.0.5: no verifier ({str(error).splitlines()[0][:160]}) | | | |", flush=True)
            for index, (name, label, options) in enumerate(evm_packed_gas.ROWS):
                if name != model or "plain" in label:
                    continue
                d = Path(scratch) / f"zkml{index}"
                proof, public, vk = evm_packed_gas.prove(model, options, d)
                packing = json.loads(vk.read_text())["zkml_public_packing"]
                cell = evm_packed_gas.measure("solidity", d, vk, proof, public)
                unpacked, packed, runtime = (part.strip() for part in cell.split("/"))
                print(f"| zkml {label}, verifyProof | {packing['values']} signals | {unpacked} | {runtime} |")
                print(f"| zkml {label}, verifyPackedProof | {len(json.loads(vk.read_text())['IC']) - 1} words | {packed} | {runtime} |",
                      flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
