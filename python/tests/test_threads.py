"""Long calls release the GIL and report progress; a failing progress callback's exception surfaces."""
from __future__ import annotations

import threading
import time

import pytest

import zkml
from conftest import ROOT


def test_progress_phases(digits) -> None:
    model, keys, _, rows = digits
    seen = []
    model.prove(rows[0], keys, progress=lambda phase, fraction: seen.append((phase, fraction)))
    phases = [phase for phase, _ in seen]
    assert seen[0::2] == [(p, 0.0) for p in phases[0::2]] and seen[1::2] == [(p, 1.0) for p in phases[0::2]]
    assert phases[0::2] in (["witness", "quotient", "proof", "write"], ["witness", "commitment", "quotient", "proof", "write"])
    seen.clear()
    zkml.compile(ROOT / "Circuits" / "mlp_digits" / "network.onnx", progress=lambda p, f: seen.append((p, f))).setup(
        progress=lambda p, f: seen.append((p, f)))
    assert [p for p, _ in seen] == ["compile", "compile", "setup", "setup", "write keys", "write keys"]


def test_progress_callback_exception_is_raised(digits) -> None:
    model, keys, _, rows = digits

    def fail(phase: str, fraction: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        model.prove(rows[0], keys, progress=fail)


def test_prove_releases_the_gil(tmp_path) -> None:
    """A Python thread keeps counting while another thread is inside zkml_prove: between the
    witness phase's start and the proof phase's end the counter must move."""
    model = zkml.compile(ROOT / "Circuits" / "cnn_digits" / "network.onnx", out=tmp_path / "m")
    keys = model.setup(out=tmp_path / "k")
    import json

    rows = json.loads((ROOT / "Circuits" / "cnn_digits" / "input.json").read_text())["input_data"]
    counter = [0]
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            counter[0] += 1

    marks = {}
    worker = threading.Thread(target=count)
    worker.start()
    try:
        start = time.perf_counter()
        model.prove(rows, keys, progress=lambda phase, fraction: marks.__setitem__((phase, fraction), (counter[0], time.perf_counter())))
    finally:
        stop.set()
        worker.join()
    (before, t0), (after, t1) = marks[("witness", 0.0)], marks[("proof", 1.0)]
    assert t1 - t0 > 0.02, "the prove was too short to tell"
    # With the GIL held for the whole call, the counting thread could not run at all in between.
    assert after - before > 1000, (before, after, t1 - t0, time.perf_counter() - start)
