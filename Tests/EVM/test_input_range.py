"""Public-input ranges left to the verifier (`zkml compile --input-range-check verifier`; the
default is `circuit`): the exported contracts and `zkml verify` reject a signal outside its signed width even
when the pairing equation holds for it.

A key with known secrets (py_ecc, `simulated_case`) makes proofs that satisfy the pairing for
any signals, so only the range check can reject them. Run from the repository root:
python3 -m pytest Tests/EVM/test_input_range.py -s
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from evm_support import R, Call, Chain, deploy_verifier, export_verifier, simulated_case, zkml, zkml_has, zkml_ok

MODEL = Path(__file__).resolve().parents[2] / "Circuits" / "mlp_digits"

# Signal 0 must be a signed 8-bit integer, signal 1 a signed 24-bit one; signal 2 is free.
RANGES = [[0, 1, 8], [1, 1, 24]]
CASES = [
    ([0, 0, 5], True),
    ([127, (1 << 23) - 1, R - 1], True),
    ([R - 128, R - (1 << 23), 1 << 200], True),
    ([128, 0, 0], False),
    ([R - 129, 0, 0], False),
    ([0, 1 << 23, 0], False),
    ([0, R - (1 << 23) - 1, 0], False),
    ([1 << 200, 0, 0], False),
]


def ranged_case(directory: Path, signals: list[int], seed: int) -> tuple[Path, Path, Path]:
    vk, proof, public = simulated_case(directory, 3, signals, seed=seed)
    key = json.loads(vk.read_text())
    key["zkml_public_signal_ranges"] = RANGES
    vk.write_text(json.dumps(key))
    return vk, proof, public


@pytest.mark.parametrize("language", ["vyper", "solidity"])
def test_contract_rejects_out_of_range_signals(language: str, tmp_path: Path) -> None:
    chain = Chain()
    address = None
    for i, (signals, valid) in enumerate(CASES):
        d = tmp_path / f"case{i}"
        d.mkdir()
        # The same secrets (seed) for every case: one key, one contract.
        vk, proof, public = ranged_case(d, signals, seed=77)
        if address is None:
            out, init, _ = export_verifier(language, vk, tmp_path)
            assert "WIDTH_8" in out.read_text() and "WIDTH_24" in out.read_text()
            address = chain.deploy(init)
        result = chain.call(address, Call.from_zkml(proof, public).data())
        assert result.accepted == valid, f"signals {signals}: {result}"
        if not valid:
            assert result.rejected
            # Without the ranges the pairing alone accepts it: the contract's check is what rejects.
            plain = json.loads(vk.read_text())
            del plain["zkml_public_signal_ranges"]
            open_vk = d / "open.json"
            open_vk.write_text(json.dumps(plain))
            open_address, _ = deploy_verifier(language, open_vk, d, chain, name="Open")
            assert chain.call(open_address, Call.from_zkml(proof, public).data()).accepted


def test_zkml_verify_rejects_out_of_range_signals(tmp_path: Path) -> None:
    for i, (signals, valid) in enumerate(CASES):
        d = tmp_path / f"case{i}"
        d.mkdir()
        vk, proof, public = ranged_case(d, signals, seed=78)
        run = zkml("verify", "--vk", str(vk), "--proof", str(proof), "--public", str(public))
        assert run.returncode == (0 if valid else 1), f"signals {signals}: {run.stdout} {run.stderr}"
        if not valid:
            assert "range" in run.stdout + run.stderr


def test_verifier_input_check_moves_the_constraints_into_the_key(tmp_path: Path) -> None:
    """--input-range-check verifier against circuit (the default), both in bits (plain Groth16)."""
    if not zkml_has("prove"):
        pytest.skip("this zkml binary has no compile/setup/prove verbs")
    counts = {}
    for mode in ("verifier", "circuit"):
        d = tmp_path / mode
        zkml_ok("compile", str(MODEL / "network.onnx"), "--out", str(d), "--input-range-check", mode, "--range-checks", "bits",
                "--public-layout", "plain")
        settings = json.loads((d / "settings.json").read_text())
        counts[mode] = settings["circuit"]["constraints"]
        zkml_ok("setup", str(d / "model.zkml"), "--out", str(d))
        key = json.loads((d / "verification_key.json").read_text())
        inputs = settings["public_signals"]["entries"][0]
        if mode == "verifier":
            assert key["zkml_public_signal_ranges"] == [[0, math.prod(inputs["shape"]), inputs["bits"]]]
        else:
            assert "zkml_public_signal_ranges" not in key
        zkml_ok("prove", str(d / "model.zkml"), "--pk", str(d / "pk.bin"), "--input", str(MODEL / "input.json"),
                "--proof", str(d / "proof.json"), "--public", str(d / "public.json"))
        zkml_ok("verify", "--vk", str(d / "verification_key.json"), "--proof", str(d / "proof.json"),
                "--public", str(d / "public.json"))
    entry = json.loads((tmp_path / "verifier" / "settings.json").read_text())["public_signals"]["entries"][0]
    # One constraint per bit per input element moves from the circuit to the verifier.
    assert counts["circuit"] - counts["verifier"] == math.prod(entry["shape"]) * entry["bits"]


def test_default_compile_checks_public_inputs_in_the_circuit(tmp_path: Path) -> None:
    """The default: input bounds in the circuit (with limb lookups when cheaper), none in the key,
    so any Groth16 verifier of the key checks the whole statement."""
    if not zkml_has("prove"):
        pytest.skip("this zkml binary has no compile/setup/prove verbs")
    zkml_ok("compile", str(MODEL / "network.onnx"), "--out", str(tmp_path))
    settings = json.loads((tmp_path / "settings.json").read_text())
    assert settings["input_range_check"] == "circuit"
    assert settings["range_checks"].startswith("lookup:")
    row = next(r for r in settings["constraints_per_node"] if r["kind"] == "input")
    assert row["constraints"] > 0 and row["lookups"] > 0
    zkml_ok("setup", str(tmp_path / "model.zkml"), "--out", str(tmp_path))
    key = json.loads((tmp_path / "verification_key.json").read_text())
    assert "zkml_public_signal_ranges" not in key and key["protocol"] == "groth16_commit"
