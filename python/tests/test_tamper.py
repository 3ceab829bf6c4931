"""Tampered proofs and public signals are rejected (False, with the reason), never an exception."""
from __future__ import annotations

import json
import pathlib
import shutil

import zkml

R = 21888242871839275222246405745257275088548364400416034343698204186575808495617


def copy(proof: zkml.Proof, target: pathlib.Path) -> pathlib.Path:
    target.mkdir()
    shutil.copy2(proof.proof_path, target / "proof.json")
    shutil.copy2(proof.public_path, target / "public.json")
    return target


def test_changed_output_is_rejected(digits, tmp_path: pathlib.Path) -> None:
    _, keys, proof, _ = digits
    directory = copy(proof, tmp_path / "p")
    signals = json.loads((directory / "public.json").read_text())
    signals[-1] = str(int(signals[-1]) + 1)
    (directory / "public.json").write_text(json.dumps(signals))
    forged = zkml.load_proof(directory)
    assert not forged.verify(keys)
    assert forged.last_verification["valid"] is False and forged.last_verification["reason"]


def test_changed_proof_point_is_rejected(digits, tmp_path: pathlib.Path) -> None:
    _, keys, proof, _ = digits
    directory = copy(proof, tmp_path / "p")
    document = json.loads((directory / "proof.json").read_text())
    document["pi_a"][0], document["pi_a"][1] = document["pi_a"][1], document["pi_a"][0]  # off the curve
    (directory / "proof.json").write_text(json.dumps(document))
    assert not zkml.load_proof(directory).verify(keys)
    document = json.loads(proof.proof_path.read_text())
    document["pi_c"] = json.loads(proof.proof_path.read_text())["pi_a"]  # on the curve, wrong
    (directory / "proof.json").write_text(json.dumps(document))
    assert not zkml.load_proof(directory).verify(keys)


def test_signal_at_or_above_r_is_rejected(digits, tmp_path: pathlib.Path) -> None:
    _, keys, proof, _ = digits
    directory = copy(proof, tmp_path / "p")
    signals = json.loads((directory / "public.json").read_text())
    signals[0] = str(int(signals[0]) + R)
    (directory / "public.json").write_text(json.dumps(signals))
    assert not zkml.load_proof(directory).verify(keys)
