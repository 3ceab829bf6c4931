"""Bad input raises the exception of the module that refused it, with zkml's [module] message."""
from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest

import zkml
from conftest import ROOT


def test_wrong_input_size_is_a_usage_error_naming_the_argument(digits) -> None:
    model, keys, _, _ = digits
    with pytest.raises(zkml.UsageError) as caught:
        model.prove(np.zeros(3), keys)
    assert str(caught.value).startswith("[zkml] inputs: ") and "64" in str(caught.value)
    assert caught.value.module == "zkml" and caught.value.code == 2


def test_non_finite_input_is_refused(digits) -> None:
    model, keys, _, rows = digits
    bad = np.asarray(rows[0], dtype=np.float64)
    bad[5] = np.nan
    with pytest.raises((zkml.UsageError, ValueError)):
        model.prove(bad, keys)


def test_out_of_range_input_names_the_input(digits) -> None:
    model, keys, _, rows = digits
    with pytest.raises(zkml.UsageError, match="outside"):
        model.prove(np.full(64, 1e9), keys)


def test_not_an_onnx_file_is_a_model_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(zkml.ModelError) as caught:
        zkml.compile(b"not a protobuf at all", out=tmp_path)
    assert caught.value.module in ("onnx", "quant") and str(caught.value).startswith(f"[{caught.value.module}] ")
    assert list(tmp_path.iterdir()) == []  # nothing half-written, no copy of the input left behind


def test_missing_file_and_unknown_settings(tmp_path: pathlib.Path) -> None:
    with pytest.raises(zkml.UsageError, match="nope.onnx"):
        zkml.compile(tmp_path / "nope.onnx")
    with pytest.raises(TypeError, match="bitz"):
        zkml.compile(ROOT / "Circuits" / "mlp_digits" / "network.onnx", bitz=16)
    with pytest.raises(zkml.UsageError, match="input_visibility"):
        zkml.compile(ROOT / "Circuits" / "mlp_digits" / "network.onnx", out=tmp_path, input_visibility="secret")
    with pytest.raises(zkml.ModelError, match="activationBits"):
        zkml.compile(ROOT / "Circuits" / "mlp_digits" / "network.onnx", out=tmp_path, bits=99)


def test_key_of_another_model_is_refused(digits, tmp_path: pathlib.Path) -> None:
    model, _, _, rows = digits
    other = zkml.compile(ROOT / "Circuits" / "mlp_digits" / "network.onnx", out=tmp_path / "m", bits=20).setup(out=tmp_path / "k")
    with pytest.raises(zkml.ZKMLError) as caught:
        model.prove(rows[0], other)
    assert caught.value.module in ("pipeline", "groth16") and isinstance(caught.value, zkml.ProofError)


def test_malformed_proof_file_is_an_error_but_a_wrong_proof_is_false(digits, tmp_path: pathlib.Path) -> None:
    _, keys, proof, _ = digits
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "proof.json").write_text("{\"pi_a\": 3}")
    (broken / "public.json").write_text(proof.public_path.read_text())
    with pytest.raises(zkml.ProofError, match="proof.json"):
        zkml.load_proof(broken).verify(keys)
    with pytest.raises(zkml.UsageError):
        zkml.load_proof(tmp_path / "absent")


def test_packed_calldata_needs_keys(digits) -> None:
    _, keys, proof, _ = digits
    assert proof.calldata(packed=True, keys=keys).startswith("0x")
    with pytest.raises(zkml.UsageError, match="packed"):
        proof.calldata(packed=True)
