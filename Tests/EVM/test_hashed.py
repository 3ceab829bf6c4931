"""Hashed visibility on the EVM: a model compiled with hashed input and output proves on chain
with two public signals, and a forged digest is rejected. The digests are salted by default: the
verifier's interface is unchanged (one public signal per digest), two proofs of the same input
carry unrelated digests and both verify on chain, and only the salt opens a digest.

Run from the repository root:  python3 -m pytest Tests/EVM/test_hashed.py -s
"""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from evm_support import Call, Chain, deploy_verifier, zkml, zkml_has, zkml_ok

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


def test_salted_digests_verify_on_chain_and_open_only_with_their_salt(hashed_case, tmp_path: Path) -> None:
    vk, proof, public = hashed_case
    d = vk.parent
    salt = d / "salt.json"
    assert stat.S_IMODE(os.stat(salt).st_mode) == 0o600, "salt.json must be owner-only"
    salts = json.loads(salt.read_text())
    assert [(e["role"], e["name"]) for e in salts["salts"]] == [("input", "input"), ("output", "logits")]

    # A second proof of the same input: fresh salts, unrelated digests, same verifier.
    zkml_ok("prove", str(d / "model.zkml"), "--pk", str(d / "pk.bin"), "--input", str(MODEL / "input.json"),
            "--proof", str(tmp_path / "proof.json"), "--public", str(tmp_path / "public.json"))
    first, second = json.loads(public.read_text()), json.loads((tmp_path / "public.json").read_text())
    assert len(second) == 2 and first[0] != second[0] and first[1] != second[1]
    chain = Chain()
    address, _ = deploy_verifier("vyper", vk, tmp_path, chain)
    for p, s in ((proof, public), (tmp_path / "proof.json", tmp_path / "public.json")):
        assert chain.call(address, Call.from_zkml(p, s).data()).accepted

    # Opening: only with the salt; a wrong salt is an invalid verdict naming the tensor.
    verify = ["verify", "--vk", str(vk), "--proof", str(proof), "--public", str(public), "--input", str(MODEL / "input.json")]
    assert zkml(*verify).returncode == 2
    zkml_ok(*verify, "--salt", str(salt))
    wrong = json.loads(salt.read_text())
    wrong["salts"][0]["salt"] = str(int(wrong["salts"][0]["salt"]) ^ 1)
    (tmp_path / "wrong.json").write_text(json.dumps(wrong))
    done = zkml(*verify, "--salt", str(tmp_path / "wrong.json"))
    assert done.returncode == 1 and "input 'input' does not match the proof" in done.stdout
