#!/usr/bin/env python3
"""zkml against EZKL on the same ONNX models, the same inputs, the same machine, in one run.

Run it through ./run (which makes the pinned virtual environment and builds zkml), or directly:

    Benchmarks/compare/.venv/bin/python Benchmarks/compare/compare.py \
        --zkml .build/release/zkml --json docs/data/compare.json

Per model it runs, alternating the two tools phase by phase so that both see the same machine
state:

    phase     EZKL 23.x (Python API, its defaults)                 zkml (CLI)
    compile   gen_settings + calibrate_settings("resources")       zkml compile
              + compile_circuit
    setup     setup (the KZG SRS is made beforehand, offline,      zkml setup
              with gen_srs, and timed apart as "srs")
    prove     gen_witness, then prove (timed apart; the ratio      zkml prove (parse, quantize,
              uses prove alone)                                    witness, proof)
    verify    verify                                               zkml verify

EZKL's defaults are kept: public inputs and outputs, fixed parameters, "resources" calibration;
the only setting given is the batch size (the models declare a symbolic batch dimension, which
EZKL cannot lay out) and, with --ezkl-max-logrows and --ezkl-scales, the circuit size and the
scales its calibration may choose from (for a model whose default circuit does not fit this
machine's memory; the results record both). zkml runs with its defaults too (24-bit activations
at scale 2^-12, public inputs and outputs, weights as constants).

Every phase runs in a fresh process. zkml's numbers are the whole process: wall time, CPU time
of all threads (os.wait4) and the process's own peak RSS (VmHWM, printed in its --json summary;
everything it maps counts, the Swift runtime and Foundation included). EZKL's phases run in a worker process that measures around the one API
call: wall and CPU seconds (getrusage of the process, all threads) exclude interpreter start and
`import ezkl`, and the memory figure is the process's peak RSS minus the peak it had after the
import (the interpreter and the library), so every EZKL figure is an underestimate and every
ratio here is conservative.

Output error: the largest |output − float output| over all output elements, where the float
output is onnxruntime's on the same input.json (computed here, in this run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODELS = ["mlp_digits", "mlp784", "cnn_digits", "lenet_digits28"]
TARGET_CPU_RATIO = 30.0
TARGET_MEMORY_RATIO = 10.0


# ----------------------------------------------------------------------------------------------
# EZKL worker: one phase per process
# ----------------------------------------------------------------------------------------------

def _vm_hwm_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


# --ezkl-max-logrows, --ezkl-scales: the largest circuit and the scales EZKL's calibration may
# choose (None: its own choice).
EZKL_MAX_LOGROWS: int | None = None
EZKL_SCALES: list[int] | None = None


def ezkl_worker(phase: str, work: Path, model: Path, data: Path, max_logrows: int | None = None,
                scales: list[int] | None = None) -> None:
    """Runs one EZKL phase in this process and prints its measurements as one JSON line."""
    import asyncio
    import inspect
    import resource

    import ezkl

    def call(function, *args, **kwargs):
        result = function(*args, **kwargs)
        if inspect.iscoroutine(result):  # some EZKL releases made these async
            result = asyncio.run(result)
        return result

    settings = str(work / "settings.json")
    compiled = str(work / "network.compiled")
    srs = str(work / "kzg.srs")
    vk, pk = str(work / "vk.key"), str(work / "pk.key")
    witness, proof = str(work / "witness.json"), str(work / "proof.json")

    baseline_kb = _vm_hwm_kb()
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    if phase == "compile":
        run_args = ezkl.PyRunArgs()
        run_args.variables = [("batch", 1)]
        ok = call(ezkl.gen_settings, str(model), settings, py_run_args=run_args)
        limit = {"max_logrows": max_logrows} if max_logrows is not None else {}
        if scales is not None:
            limit["scales"] = scales
        ok = ok and call(ezkl.calibrate_settings, str(data), str(model), settings, "resources", **limit)
        ok = ok and call(ezkl.compile_circuit, str(model), compiled, settings)
    elif phase == "srs":
        logrows = json.loads(Path(settings).read_text())["run_args"]["logrows"]
        call(ezkl.gen_srs, srs, logrows)
        ok = True
    elif phase == "setup":
        ok = call(ezkl.setup, compiled, vk, pk, srs)
    elif phase == "witness":
        ok = call(ezkl.gen_witness, str(data), compiled, witness) is not None
    elif phase == "prove":
        ok = call(ezkl.prove, witness, compiled, pk, proof, srs) is not None
    elif phase == "verify":
        ok = call(ezkl.verify, proof, settings, vk, srs)
    else:
        raise SystemExit(f"unknown EZKL phase {phase!r}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_kb = _vm_hwm_kb()
    print(json.dumps({"ok": bool(ok), "wall_s": wall, "cpu_s": cpu,
                      "peak_rss_mb": peak_kb / 1024, "baseline_rss_mb": baseline_kb / 1024,
                      "rss_mb": max(0, peak_kb - baseline_kb) / 1024}))


# ----------------------------------------------------------------------------------------------
# Measuring processes
# ----------------------------------------------------------------------------------------------

class PhaseFailed(RuntimeError):
    pass


def run_measured(command: list[str], label: str) -> tuple[dict, str]:
    """Runs `command` and returns its wall time, CPU time (all threads) and peak RSS (wait4)."""
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out_file, stderr=err_file)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code  # reaped by wait4; tell Popen
    if code != 0:
        raise PhaseFailed(f"{label}: exit {code}: {err.decode(errors='replace').strip()[-2000:]}")
    return ({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024},
            out.decode(errors="replace"))


def run_ezkl(phase: str, work: Path, model: Path, data: Path) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--ezkl-worker", phase,
               str(work), str(model), str(data), str(EZKL_MAX_LOGROWS or 0), ",".join(map(str, EZKL_SCALES or []))]
    process_figures, out = run_measured(command, f"EZKL {phase} ({model.parent.name})")
    figures = json.loads(out.strip().splitlines()[-1])
    if not figures.pop("ok"):
        raise PhaseFailed(f"EZKL {phase} ({model.parent.name}) returned false")
    figures["process_wall_s"] = process_figures["wall_s"]
    figures["process_cpu_s"] = process_figures["cpu_s"]
    return figures


def run_zkml(zkml: str, phase: str, work: Path, model: Path, data: Path) -> dict:
    if phase == "compile":
        command = [zkml, "compile", str(model), "--out", str(work), "--json"]
    elif phase == "setup":
        command = [zkml, "setup", str(work / "model.zkml"), "--out", str(work), "--json"]
    elif phase == "prove":
        command = [zkml, "prove", str(work / "model.zkml"), "--pk", str(work / "pk.bin"), "--input", str(data),
                   "--proof", str(work / "proof.json"), "--public", str(work / "public.json"),
                   "--output", str(work / "output.json"), "--json"]
    elif phase == "verify":
        command = [zkml, "verify", "--vk", str(work / "verification_key.json"), "--proof", str(work / "proof.json"),
                   "--public", str(work / "public.json"), "--json"]
    else:
        raise ValueError(phase)
    figures, out = run_measured(command, f"zkml {phase} ({model.parent.name})")
    summary = json.loads(out)
    # wait4's ru_maxrss of a child includes the parent's resident set at fork time (here, a
    # Python process with onnxruntime loaded), so the peak comes from the process itself: zkml's
    # --json summaries carry its VmHWM (the kernel's high-water mark of its own address space).
    figures["rss_mb"] = summary["peak_rss_mb"]
    if phase == "compile":
        figures["constraints"] = summary["constraints"]
    if phase == "verify" and not summary.get("valid"):
        raise PhaseFailed(f"zkml verify ({model.parent.name}): proof not valid")
    return figures


# ----------------------------------------------------------------------------------------------
# Accuracy and sizes
# ----------------------------------------------------------------------------------------------

def float_outputs(model: Path, data: Path) -> list[list[float]]:
    import numpy as np
    import onnxruntime as ort

    session = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    rows = json.loads(data.read_text())["input_data"]
    feeds = {}
    for spec, row in zip(session.get_inputs(), rows):
        shape = [1 if not isinstance(d, int) else d for d in spec.shape]
        feeds[spec.name] = np.asarray(row, dtype=np.float32).reshape(shape)
    return [np.asarray(o, dtype=np.float64).reshape(-1).tolist() for o in session.run(None, feeds)]


def max_error(got: list[list[float]], reference: list[list[float]], what: str) -> float:
    if len(got) != len(reference) or any(len(g) != len(r) for g, r in zip(got, reference)):
        raise PhaseFailed(f"{what}: output shapes differ from onnxruntime's")
    return max(abs(float(g) - r) for gs, rs in zip(got, reference) for g, r in zip(gs, rs))


def ezkl_outputs(work: Path) -> list[list[float]]:
    witness = json.loads((work / "witness.json").read_text())
    return [[float(v) for v in output] for output in witness["pretty_elements"]["rescaled_outputs"]]


def zkml_outputs(work: Path) -> list[list[float]]:
    document = json.loads((work / "output.json").read_text())
    return [[float(v) for v in _flatten(output)] for output in document["output_data"]]


def _flatten(value):
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    else:
        yield value


def ezkl_proof_bytes(work: Path) -> int:
    proof = json.loads((work / "proof.json").read_text())
    return len(bytes.fromhex(proof["hex_proof"].removeprefix("0x")))


def zkml_proof_bytes(work: Path) -> int:
    proof = json.loads((work / "proof.json").read_text())
    # Affine coordinates only (the JSON's third projective coordinate is always 1): A, C in G1, B in
    # G2, and the commitment-round point C1 (G1) when the circuit has lookups (docs/groth16.md).
    words = len(proof["pi_a"][:2]) + 2 * len(proof["pi_b"][:2]) + len(proof["pi_c"][:2])
    words += len(proof.get("pi_commitment", [])[:2])
    return 32 * words


# ----------------------------------------------------------------------------------------------
# The run
# ----------------------------------------------------------------------------------------------

def median_of(runs: list[dict]) -> dict:
    keys = runs[0].keys()
    return {k: statistics.median(r[k] for r in runs) for k in keys if isinstance(runs[0][k], (int, float))}


def compare_model(name: str, zkml: str, work_root: Path, repeat: int, long_seconds: float) -> dict:
    model = ROOT / "Circuits" / name / "network.onnx"
    data = ROOT / "Circuits" / name / "input.json"
    ezkl_work, zkml_work = work_root / name / "ezkl", work_root / name / "zkml"
    for directory in (ezkl_work, zkml_work):
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)

    reference = float_outputs(model, data)
    result: dict = {"model": name, "ezkl": {}, "zkml": {}}
    log = lambda message: print(f"[{name}] {message}", file=sys.stderr, flush=True)

    # Phases that produce files run once; their repeats re-run the same phase on the same files.
    # compile and setup: EZKL first; prove and verify: alternate the order from round to round.
    log("compile")
    result["ezkl"]["compile"] = run_ezkl("compile", ezkl_work, model, data)
    result["zkml"]["compile"] = run_zkml(zkml, "compile", zkml_work, model, data)
    log("srs (EZKL, offline gen_srs)")
    result["ezkl"]["srs"] = run_ezkl("srs", ezkl_work, model, data)

    for phase in ("setup", "prove", "verify"):
        rounds = repeat if phase != "setup" else max(1, min(repeat, 2))
        ezkl_runs, zkml_runs, witness_runs = [], [], []
        for round_index in range(rounds):
            log(f"{phase} round {round_index + 1}/{rounds}")
            order = ("ezkl", "zkml") if round_index % 2 == 0 else ("zkml", "ezkl")
            for tool in order:
                if tool == "ezkl":
                    if phase == "prove":
                        witness_runs.append(run_ezkl("witness", ezkl_work, model, data))
                    ezkl_runs.append(run_ezkl(phase, ezkl_work, model, data))
                else:
                    zkml_runs.append(run_zkml(zkml, phase, zkml_work, model, data))
            if ezkl_runs[-1]["wall_s"] > long_seconds:
                rounds = round_index + 1  # one round of a minutes-long phase is enough; say so
                break
        result["ezkl"][phase] = median_of(ezkl_runs)
        result["zkml"][phase] = median_of(zkml_runs)
        result["ezkl"][phase]["rounds"] = result["zkml"][phase]["rounds"] = rounds
        if witness_runs:
            result["ezkl"]["witness"] = median_of(witness_runs)

    settings = json.loads((ezkl_work / "settings.json").read_text())
    result["ezkl"]["rows"] = settings["num_rows"]
    result["ezkl"]["logrows"] = settings["run_args"]["logrows"]
    result["ezkl"]["input_scale"] = settings["run_args"]["input_scale"]
    result["ezkl"]["param_scale"] = settings["run_args"]["param_scale"]
    result["ezkl"]["max_logrows"] = EZKL_MAX_LOGROWS
    result["ezkl"]["scales_allowed"] = EZKL_SCALES
    result["zkml"]["constraints"] = result["zkml"]["compile"].pop("constraints")
    result["ezkl"]["proof_bytes"] = ezkl_proof_bytes(ezkl_work)
    result["zkml"]["proof_bytes"] = zkml_proof_bytes(zkml_work)
    result["ezkl"]["vk_bytes"] = (ezkl_work / "vk.key").stat().st_size
    result["zkml"]["vk_bytes"] = (zkml_work / "vk.bin").stat().st_size
    result["zkml"]["vk_json_bytes"] = (zkml_work / "verification_key.json").stat().st_size
    result["ezkl"]["pk_bytes"] = (ezkl_work / "pk.key").stat().st_size
    result["zkml"]["pk_bytes"] = (zkml_work / "pk.bin").stat().st_size
    result["ezkl"]["max_error"] = max_error(ezkl_outputs(ezkl_work), reference, f"EZKL ({name})")
    result["zkml"]["max_error"] = max_error(zkml_outputs(zkml_work), reference, f"zkml ({name})")
    result["float_max_abs_output"] = max(abs(v) for output in reference for v in output)

    e, z = result["ezkl"], result["zkml"]
    result["ratios"] = {
        "prove_cpu": e["prove"]["cpu_s"] / z["prove"]["cpu_s"],
        "prove_wall": e["prove"]["wall_s"] / z["prove"]["wall_s"],
        "prove_memory": e["prove"]["rss_mb"] / z["prove"]["rss_mb"],
        "prove_memory_total": e["prove"]["peak_rss_mb"] / z["prove"]["rss_mb"],
        "setup_wall": e["setup"]["wall_s"] / z["setup"]["wall_s"],
        "setup_cpu": e["setup"]["cpu_s"] / z["setup"]["cpu_s"],
        "verify_wall": e["verify"]["wall_s"] / z["verify"]["wall_s"],
    }
    return result


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import ezkl
    import onnxruntime
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "ezkl": getattr(ezkl, "__version__", "unknown"), "onnxruntime": onnxruntime.__version__,
            "load_average_start": os.getloadavg()}


def fmt(value: float, digits: int = 2) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def markdown(results: list[dict]) -> str:
    lines = []
    lines.append("| model | tool | size | compile s | setup s (CPU) | prove s (CPU) | prove peak MB | verify ms | proof B | vk B | max error |")
    lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        e, z = r["ezkl"], r["zkml"]
        lines.append(
            f"| `{r['model']}` | EZKL | {e['rows']:,} rows (2^{e['logrows']}) | {fmt(e['compile']['wall_s'])} "
            f"| {fmt(e['setup']['wall_s'])} ({fmt(e['setup']['cpu_s'])}) + srs {fmt(e['srs']['wall_s'])} "
            f"| {fmt(e['prove']['wall_s'])} ({fmt(e['prove']['cpu_s'])}) + witness {fmt(e['witness']['cpu_s'])} "
            f"| {fmt(e['prove']['rss_mb'], 0)} (+ {fmt(e['prove']['baseline_rss_mb'], 0)} Python) "
            f"| {fmt(e['verify']['wall_s'] * 1000)} | {e['proof_bytes']:,} | {e['vk_bytes']:,} | {e['max_error']:.4f} |")
        lines.append(
            f"| | zkml | {z['constraints']:,} constraints | {fmt(z['compile']['wall_s'])} "
            f"| {fmt(z['setup']['wall_s'])} ({fmt(z['setup']['cpu_s'])}) "
            f"| {fmt(z['prove']['wall_s'])} ({fmt(z['prove']['cpu_s'])}) | {fmt(z['prove']['rss_mb'], 0)} "
            f"| {fmt(z['verify']['wall_s'] * 1000)} | {z['proof_bytes']:,} | {z['vk_bytes']:,} | {z['max_error']:.4f} |")
    lines.append("")
    lines.append("| model | prove CPU ratio (≥ 30×) | prove memory ratio (≥ 10×; EZKL without Python's baseline) "
                 "| prove memory, whole processes | setup ratio, wall (≥ 20×) | prove wall ratio | verify ratio |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        q = r["ratios"]
        mark = lambda value, target: f"{value:.1f}×" + ("" if value >= target else " **below**")
        lines.append(f"| `{r['model']}` | {mark(q['prove_cpu'], TARGET_CPU_RATIO)} | {mark(q['prove_memory'], TARGET_MEMORY_RATIO)} "
                     f"| {q['prove_memory_total']:.1f}× | {mark(q['setup_wall'], 20.0)} | {q['prove_wall']:.1f}× | {q['verify_wall']:.1f}× |")
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--ezkl-worker":
        phase, work, model, data = sys.argv[2:6]
        limit, scales = int(sys.argv[6]), sys.argv[7]
        ezkl_worker(phase, Path(work), Path(model), Path(data), limit or None,
                    [int(v) for v in scales.split(",")] if scales else None)
        return 0

    def scale_list(text):
        """`--ezkl-scales`: non-negative integers separated by commas (argparse reports anything else)."""
        try:
            scales = [int(v) for v in text.split(",")]
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected integers separated by commas, got {text!r}") from None
        if not scales or any(v < 0 for v in scales):
            raise argparse.ArgumentTypeError(f"expected non-negative integers, got {text!r}")
        return scales

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zkml", default=str(ROOT / ".build" / "release" / "zkml"), help="the zkml executable (release build)")
    parser.add_argument("--model", action="append", dest="models", help=f"a Circuits/ model (repeatable; default {', '.join(DEFAULT_MODELS)})")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of prove and verify per model (median; default 3)")
    parser.add_argument("--long", type=float, default=60.0,
                        help="stop repeating a phase after a round whose EZKL run took longer than this (seconds; default 60)")
    parser.add_argument("--work", default=str(ROOT / "Benchmarks" / "compare" / ".work"), help="scratch directory for keys and proofs")
    parser.add_argument("--json", help="also write the results here (atomically)")
    parser.add_argument("--ezkl-max-logrows", type=int,
                        help="cap EZKL's calibration at 2^N rows (its calibrate_settings max_logrows; default: EZKL's "
                             "own choice). For a model whose default circuit EZKL cannot set up in this machine's memory")
    parser.add_argument("--ezkl-scales", type=scale_list,
                        help="comma-separated scales EZKL's calibration may choose from (its calibrate_settings "
                             "scales; default: its own range). Coarser scales shrink its lookup tables")
    args = parser.parse_args()
    global EZKL_MAX_LOGROWS, EZKL_SCALES
    EZKL_MAX_LOGROWS = args.ezkl_max_logrows
    EZKL_SCALES = args.ezkl_scales

    if not os.access(args.zkml, os.X_OK):
        print(f"compare: {args.zkml} is not an executable; build it with `swift build -c release --product zkml`", file=sys.stderr)
        return 2
    models = args.models or DEFAULT_MODELS
    for name in models:
        if not (ROOT / "Circuits" / name / "network.onnx").is_file():
            print(f"compare: no Circuits/{name}/network.onnx", file=sys.stderr)
            return 2

    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    header = {"started": started, "machine": machine(), "zkml": args.zkml, "repeat": args.repeat,
              "command": " ".join([Path(sys.argv[0]).name] + sys.argv[1:])}
    results = []
    failures = []
    for name in models:
        try:
            results.append(compare_model(name, args.zkml, Path(args.work), args.repeat, args.long))
        except PhaseFailed as failure:
            failures.append(str(failure))
            print(f"compare: {failure}", file=sys.stderr)
    header["load_average_end"] = os.getloadavg()
    header["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

    print(markdown(results))
    if args.json:
        target = Path(args.json)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_text(json.dumps({**header, "results": results, "failures": failures}, indent=1) + "\n")
        temporary.replace(target)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
