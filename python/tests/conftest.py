"""Fixtures of the Python package's tests: the repository, the zkml binary, compiled bundled models."""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess

import pytest

import zkml

ROOT = pathlib.Path(__file__).resolve().parents[2]


def zkml_binary() -> pathlib.Path | None:
    """The zkml command line ($ZKML_BIN, else the release build in this checkout)."""
    candidate = os.environ.get("ZKML_BIN") or str(ROOT / ".build" / "release" / "zkml")
    path = pathlib.Path(candidate)
    return path if path.exists() else None


@pytest.fixture(scope="session")
def cli() -> pathlib.Path:
    path = zkml_binary()
    if path is None:
        pytest.skip("no zkml binary (set ZKML_BIN or run swift build -c release --product zkml)")
    return path


def run_cli(binary: pathlib.Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary), *arguments], capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def digits(tmp_path_factory: pytest.TempPathFactory):
    """Circuits/mlp_digits compiled, set up and proved once: (model, keys, proof, input rows)."""
    out = tmp_path_factory.mktemp("mlp_digits")
    model = zkml.compile(ROOT / "Circuits" / "mlp_digits" / "network.onnx", out=out / "model")
    keys = model.setup(out=out / "keys")
    rows = json.loads((ROOT / "Circuits" / "mlp_digits" / "input.json").read_text())["input_data"]
    proof = model.prove(rows[0], keys, out=out / "proof")
    return model, keys, proof, rows


@pytest.fixture
def scratch(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path


def copy_tree(source: pathlib.Path, target: pathlib.Path) -> pathlib.Path:
    shutil.copytree(source, target)
    return target
