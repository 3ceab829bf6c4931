#!/usr/bin/env python3
"""Runs zkml over the EZKL example corpus and writes docs/conformance.md.

    .venv/bin/pip install -r Circuits/requirements.txt
    swift build -c release --product zkml
    .venv/bin/python scripts/conformance.py --zkml .build/release/zkml \
        [--corpus ../shared/corpus/ezkl-examples] [--out docs/conformance.md]

Per model: does it load and quantize (`zkml infer`), which operator stops it, and the largest
absolute and relative error of zkml's quantized output (and of zkml's float graph) against
onnxruntime's float output on the model's own input.json. The corpus is read in place.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import onnxruntime as ort


def flatten(value):
    return np.asarray(value, dtype=np.float64).ravel()


def reference(model_path, input_path):
    session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    with open(input_path) as f:
        rows = json.load(f)["input_data"]
    feeds = {}
    for meta, row in zip(session.get_inputs(), rows):
        shape = [d if isinstance(d, int) and d > 0 else 1 for d in meta.shape]
        dtype = {"tensor(float)": np.float32, "tensor(double)": np.float64, "tensor(int64)": np.int64,
                 "tensor(int32)": np.int32, "tensor(bool)": np.bool_}.get(meta.type, np.float32)
        data = flatten(row)
        if int(np.prod(shape)) != data.size and len(shape) > 0:
            shape[0] = max(1, data.size // max(1, int(np.prod(shape[1:]))))
        feeds[meta.name] = data.astype(dtype).reshape(shape)
    return [flatten(o) for o in session.run(None, feeds)]


def errors(got, want):
    abs_err, rel_err = 0.0, 0.0
    for g, w in zip(got, want):
        g, w = flatten(g), flatten(w)
        if g.size != w.size:
            return None
        if g.size == 0:
            continue
        diff = np.abs(g - w)
        abs_err = max(abs_err, float(diff.max()))
        rel_err = max(rel_err, float((diff / np.maximum(np.abs(w), 1e-6)).max()) if np.abs(w).max() > 0 else 0.0)
    return abs_err, rel_err


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--zkml", default=os.path.join(here, "..", ".build", "release", "zkml"))
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "ezkl-examples"))
    parser.add_argument("--out", default=os.path.join(here, "..", "docs", "conformance.md"))
    parser.add_argument("--timeout", type=int, default=120)
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    rows = []
    names = sorted(n for n in os.listdir(args.corpus) if os.path.isdir(os.path.join(args.corpus, n)))
    for name in names:
        model = os.path.join(args.corpus, name, "network.onnx")
        data = os.path.join(args.corpus, name, "input.json")
        if not (os.path.exists(model) and os.path.exists(data)):
            continue
        row = {"name": name, "loads": "no", "status": "", "abs": "", "rel": "", "float_abs": ""}
        try:
            want = reference(model, data)
        except Exception as error:  # the reference itself fails: nothing to compare against
            row["status"] = f"onnxruntime fails: {str(error).splitlines()[0][:60]}"
            rows.append(row)
            continue
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            try:
                result = subprocess.run([args.zkml, "infer", model, "--input", data, "--float", "-o", out.name],
                                        capture_output=True, text=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                row["status"] = "timeout"
                rows.append(row)
                continue
            message = (result.stderr.strip() or result.stdout.strip()).splitlines()
            message = message[-1] if message else ""
            if result.returncode != 0:
                unsupported = re.search(r"operator (\S+) \(opset (\d+)\)", message)
                if unsupported:
                    row["loads"] = "yes"
                    row["status"] = f"unsupported op {unsupported.group(1)}"
                else:
                    row["loads"] = "no" if "not a valid ONNX" in message or "cannot read" in message else "yes"
                    row["status"] = re.sub(r"^Error: ", "", message)[:110].replace("|", "\\|")
                rows.append(row)
                continue
            with open(out.name) as f:
                document = json.load(f)
        row["loads"] = "yes"
        quantized = errors(document["output_data"], want)
        float_err = errors(document.get("float_output_data", []), want)
        if quantized is None:
            row["status"] = "output shape differs"
        else:
            row["status"] = "ok"
            row["abs"], row["rel"] = f"{quantized[0]:.3g}", f"{quantized[1]:.3g}"
            row["float_abs"] = f"{float_err[0]:.2g}" if float_err else ""
        rows.append(row)
        print(f"{name}: {row['status']} {row['abs']}", file=sys.stderr)
    ok = sum(r["status"] == "ok" for r in rows)
    unsupported = {}
    for r in rows:
        if r["status"].startswith("unsupported op "):
            op = r["status"].split()[-1]
            unsupported[op] = unsupported.get(op, 0) + 1
    lines = [
        "# Conformance over the EZKL example corpus",
        "",
        "Generated by `scripts/conformance.py` (do not edit by hand). For each model of",
        "`shared/corpus/ezkl-examples`: `zkml infer` with the default quantization (24-bit activations,",
        "scale 2^-12, no calibration) on the model's own `input.json`, compared with onnxruntime's float",
        "output. *abs*/*rel*: largest absolute / relative error of the de-quantized output (relative",
        "to max(|reference|, 1e-6) per element); *float abs*: zkml's own float graph vs onnxruntime.",
        "Proving is not part of this table yet (the circuit compiler is a later issue).",
        "",
        f"**{ok} of {len(rows)} models run end to end.** Unsupported operators (models blocked): "
        + (", ".join(f"{op} ({count})" for op, count in sorted(unsupported.items(), key=lambda kv: (-kv[1], kv[0]))) or "none") + ".",
        "",
        "| model | loads | status | abs | rel | float abs |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(f"| {r['name']} | {r['loads']} | {r['status']} | {r['abs']} | {r['rel']} | {r['float_abs']} |")
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{ok}/{len(rows)} ok; wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
