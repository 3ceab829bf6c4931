"""Hashed visibility on the EVM: a model compiled with hashed input and output proves on chain
with two public signals, and a forged digest is rejected.

Run from the repository root:  python3 -m pytest Tests/EVM/test_hashed.py -s
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evm_support import Call, Chain, deploy_verifier, zkml_has, zkml_ok

MODEL = Path(__file__).resolve().parents[2] / "Circuits" / "mlp_digits"


@pytest.fixture(scope="module")
def hashed_case(tmp_path_factory) -> tuple[Path, Path, Path]:
    if not zkml_has("prove"):
        pytest.skip("this zkml binary has no compile/setup/prove verbs")
    d = tmp_path_factory.mktemp("hashed")
    zkml_ok("compile", str(MODEL / "network.onnx"), "--out", str(d), "--input-visibility", "hashed", "--output-visibility", "hashed")
    zkml_ok("setup", str(d / "model.zkml"), "--out", str(d))
    zkml_ok("prove", str(d / "model.zkml"), "--pk", str(d / "pk.bin"), "--input", str(MODEL / "input.json"),
            "--proof", str(d / "proof.json"), "--public", str(d / "public.json"), "--output", str(d / "output.json"))
    return d / "verification_key.json", d / "proof.json", d / "public.json"


@pytest.mark.parametrize("language", ["vyper", "solidity"])
def test_hashed_model_verifies_on_chain(hashed_case, language: str, tmp_path: Path) -> None:
    vk, proof, public = hashed_case
    assert len(json.loads(public.read_text())) == 2, "hashed input and output: two public signals"
    chain = Chain()
    address, _ = deploy_verifier(language, vk, tmp_path, chain)
    call = Call.from_zkml(proof, public)
    honest = chain.call(address, call.data())
    assert honest.accepted, honest.detail
    for index in (8, 9):  # the input digest, the output digest
        forged = list(call.words)
        forged[index] = (forged[index] + 1) % (1 << 254)
        assert chain.call(address, call.data(forged)).rejected, f"forged digest at word {index} accepted"
    print(f"\nhashed mlp_digits ({language}): 2 public signals, {honest.gas} gas")
