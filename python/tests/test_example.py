"""The example notebook (docs/examples/sklearn_digits.py) runs end to end, and its files verify
with the command line."""
from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli


def test_sklearn_notebook_runs(tmp_path: pathlib.Path, cli: pathlib.Path) -> None:
    pytest.importorskip("skl2onnx")
    pytest.importorskip("sklearn")
    result = subprocess.run([sys.executable, str(ROOT / "docs" / "examples" / "sklearn_digits.py"), str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "proved label" in result.stdout
    proved = next(line for line in result.stdout.splitlines() if line.startswith("proved label"))
    label, sklearn_label = proved.split()[2], proved.split()[4].rstrip(",")
    assert label == sklearn_label
    checked = run_cli(cli, "verify", "--vk", str(tmp_path / "keys" / "verification_key.json"),
                      "--proof", str(tmp_path / "proof" / "proof.json"), "--public", str(tmp_path / "proof" / "public.json"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert (tmp_path / "Verifier.sol").read_text().startswith("// SPDX")
