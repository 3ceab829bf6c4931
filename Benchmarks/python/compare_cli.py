#!/usr/bin/env python3
"""The Python package against the command line on the same files: prove time and peak memory.

For each bundled model: compile and set up once (CLI), then REPEAT times each, alternating,
  - the CLI:    `zkml prove MODEL --pk PK --input INPUT --proof … --public … --output … --json`
                in a fresh process: its wall time (exec to exit) and peak RSS (VmHWM, from --json);
  - Python:     a fresh interpreter that imports zkml (and numpy, as a notebook has) and calls
                `zkml.load(DIR).prove(INPUT, keys)` once: the call's wall time, the process's
                peak RSS (ru_maxrss), and its RSS just before the call (interpreter, numpy, the library);
  - python_bare: the same without importing numpy (the package imports it only for array
                inputs and outputs): what the Python path costs over the bare interpreter.
Both prove the same input with the same keys through the same library code (ZKWorkflow).
Prints a JSON document of medians (and every sample) to stdout.

    python3 Benchmarks/python/compare_cli.py --zkml .build/release/zkml --repeat 9 mlp_digits cnn_digits lenet_digits28
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]

PYTHON_RUN = r"""
import json, resource, sys, time
if sys.argv[5] == "numpy":
    import numpy  # what a notebook has loaded anyway
import zkml
model = zkml.load(sys.argv[1]); keys = zkml.load_keys(sys.argv[2])
zkml.version()  # the library loaded before the measurement
before = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
start = time.perf_counter()
proof = model.prove(sys.argv[3], keys, out=sys.argv[4])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_rss_mb": peak, "rss_before_mb": before,
                  "prove_seconds": proof.summary["prove_seconds"]}))
"""


def cpu_name() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+")
    parser.add_argument("--zkml", default=str(ROOT / ".build" / "release" / "zkml"))
    parser.add_argument("--python", default=sys.executable, help="the interpreter with zkml installed")
    parser.add_argument("--repeat", type=int, default=9)
    arguments = parser.parse_args()
    baseline = {}
    for label, code in (("interpreter", "pass"), ("numpy", "import numpy"), ("zkml_loaded", "import zkml; zkml.version()"),
                        ("numpy_and_zkml_loaded", "import numpy, zkml; zkml.version()")):
        run = subprocess.run([arguments.python, "-c", code + "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"],
                             check=True, capture_output=True, text=True)
        baseline[label] = float(run.stdout)
    results = {"machine": cpu_name(), "cores": os.cpu_count(), "repeat": arguments.repeat, "python_baseline_peak_mb": baseline,
               "models": {}}
    with tempfile.TemporaryDirectory(prefix="zkml-pybench-") as scratch:
        for name in arguments.models:
            directory = ROOT / "Circuits" / name
            work = pathlib.Path(scratch) / name
            subprocess.run([arguments.zkml, "compile", str(directory / "network.onnx"), "--out", str(work)], check=True,
                           capture_output=True)
            subprocess.run([arguments.zkml, "setup", str(work / "model.zkml"), "--out", str(work)], check=True, capture_output=True)
            samples = {"cli": [], "python": [], "python_bare": []}
            for _ in range(arguments.repeat):
                out = work / "cli"
                out.mkdir(exist_ok=True)
                start = time.perf_counter()
                run = subprocess.run([arguments.zkml, "prove", str(work / "model.zkml"), "--pk", str(work / "pk.bin"),
                                      "--input", str(directory / "input.json"), "--proof", str(out / "proof.json"),
                                      "--public", str(out / "public.json"), "--output", str(out / "output.json"), "--json"],
                                     check=True, capture_output=True, text=True)
                wall = time.perf_counter() - start
                summary = json.loads(run.stdout)
                samples["cli"].append({"seconds": wall, "peak_rss_mb": summary["peak_rss_mb"], "prove_seconds": summary["prove_seconds"]})
                for side, flavour in (("python", "numpy"), ("python_bare", "bare")):
                    run = subprocess.run([arguments.python, "-c", PYTHON_RUN, str(work), str(work), str(directory / "input.json"),
                                          str(work / side), flavour], check=True, capture_output=True, text=True)
                    samples[side].append(json.loads(run.stdout))
            medians = {side: {key: statistics.median(s[key] for s in rows) for key in rows[0]} for side, rows in samples.items()}
            medians["time_ratio"] = medians["python"]["seconds"] / medians["cli"]["seconds"]
            medians["prove_phase_ratio"] = medians["python"]["prove_seconds"] / medians["cli"]["prove_seconds"]
            medians["peak_rss_difference_mb"] = medians["python"]["peak_rss_mb"] - medians["cli"]["peak_rss_mb"]
            medians["bare_time_ratio"] = medians["python_bare"]["seconds"] / medians["cli"]["seconds"]
            medians["bare_peak_rss_difference_mb"] = medians["python_bare"]["peak_rss_mb"] - medians["cli"]["peak_rss_mb"]
            medians["call_rss_increase_mb"] = medians["python"]["peak_rss_mb"] - medians["python"]["rss_before_mb"]
            results["models"][name] = {"medians": medians, "samples": samples}
            print(f"{name}: cli {medians['cli']['seconds']:.4f} s {medians['cli']['peak_rss_mb']:.1f} MB; "
                  f"python {medians['python']['seconds']:.4f} s {medians['python']['peak_rss_mb']:.1f} MB "
                  f"(before the call {medians['python']['rss_before_mb']:.1f} MB); without numpy "
                  f"{medians['python_bare']['seconds']:.4f} s {medians['python_bare']['peak_rss_mb']:.1f} MB", file=sys.stderr)
    json.dump(results, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
