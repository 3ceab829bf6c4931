#!/usr/bin/env python3
"""Runs zkml over the EZKL example corpus and writes docs/conformance.md.

    .venv/bin/pip install -r Circuits/requirements.txt
    swift build -c release --product zkml
    .venv/bin/python scripts/conformance.py --zkml .build/release/zkml \
        [--corpus ../shared/corpus/ezkl-examples] [--out docs/conformance.md] [--prove]

Per model: does it load and quantize (`zkml infer`), which operator stops it, and the largest
absolute and relative error of zkml's quantized output (and of zkml's float graph) against
onnxruntime's float output on the model's own input.json (the ONNX reference implementation's,
for a model onnxruntime refuses to load). Every model that runs is then compiled
to a circuit (`zkml compile`) and its witness checked (`zkml mock`); with --prove (slow: a Groth16
setup per model) it is also set up, proved and verified (`zkml setup/prove/verify`), and a proof
with a changed public signal must be rejected. The corpus is read in place.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import shutil
import tempfile
import time

import numpy as np
import onnxruntime as ort


def flatten(value):
    return np.asarray(value, dtype=np.float64).ravel()


ORT_TYPES = {"tensor(float)": np.float32, "tensor(double)": np.float64, "tensor(int64)": np.int64,
             "tensor(int32)": np.int32, "tensor(bool)": np.bool_}


def feeds_for(inputs, input_path):
    """{name: array} from input.json's rows for `inputs` [(name, shape, numpy dtype)]."""
    with open(input_path) as f:
        rows = json.load(f)["input_data"]
    feeds = {}
    for (name, dims, dtype), row in zip(inputs, rows):
        shape = [d if isinstance(d, int) and d > 0 else 1 for d in dims]
        data = flatten(row)
        if int(np.prod(shape)) != data.size and len(shape) > 0:
            shape[0] = max(1, data.size // max(1, int(np.prod(shape[1:]))))
        feeds[name] = data.astype(dtype).reshape(shape)
    return feeds


def reference(model_path, input_path):
    """onnxruntime's float outputs, and which reference gave them: a model onnxruntime refuses to
    load (an exporter's graph outside the ONNX type rules, e.g. int8 MatMul) is run by the ONNX
    reference implementation instead, and the row says so."""
    try:
        session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    except Exception as error:
        import onnx
        from onnx.reference import ReferenceEvaluator
        model = onnx.load(model_path)
        initializers = {i.name for i in model.graph.initializer}
        inputs = [(i.name, [d.dim_value for d in i.type.tensor_type.shape.dim],
                   onnx.helper.tensor_dtype_to_np_dtype(i.type.tensor_type.elem_type))
                  for i in model.graph.input if i.name not in initializers]
        outputs = ReferenceEvaluator(model).run(None, feeds_for(inputs, input_path))
        why = str(error).splitlines()[0]
        typed = re.search(r"Type '([^']+)' of input parameter .*? of operator \((\w+)\)", why)
        why = f"a {typed.group(1)} input of {typed.group(2)}" if typed else why[-70:]
        return [flatten(o) for o in outputs], f"onnx.reference (onnxruntime refuses {why})"
    inputs = [(meta.name, meta.shape, ORT_TYPES.get(meta.type, np.float32)) for meta in session.get_inputs()]
    return [flatten(o) for o in session.run(None, feeds_for(inputs, input_path))], "onnxruntime"


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


def run(args, *arguments):
    """`zkml ARGUMENTS…`: (exit code, stdout, last line of stderr)."""
    try:
        done = subprocess.run([args.zkml, *arguments], capture_output=True, text=True, timeout=args.timeout * 10)
    except subprocess.TimeoutExpired:
        return None, "", "timeout"
    lines = done.stderr.strip().splitlines()
    # A crash (an allocation refused, a trap) ends in its backtrace: report its Fatal error line.
    fatal = [line for line in lines if line.startswith("Fatal error")]
    return done.returncode, done.stdout, (fatal[0] if fatal else lines[-1] if lines else "")


def circuit(args, model, data):
    """Compile and mock (always), then setup/prove/verify and a forged public signal (--prove)."""
    row = {"constraints": "", "mock": "", "proof": "not run", "prove_s": ""}
    work = tempfile.mkdtemp(prefix="zkml-conformance-")
    try:
        code, out, err = run(args, "compile", model, "--out", work, "--json")
        if code != 0:
            row["mock"] = f"compile fails: {err[:80]}".replace("|", "\\|")
            row["proof"] = ""
            return row
        constraints = json.loads(out)["constraints"]
        row["constraints"] = str(constraints)
        artifact = os.path.join(work, "model.zkml")
        code, _, err = run(args, "mock", artifact, "--input", data)
        row["mock"] = "yes" if code == 0 else f"no ({err[:60]})".replace("|", "\\|")
        if not args.prove or code != 0:
            row["proof"] = "not run" if code == 0 else ""
            return row
        if constraints > args.prove_max_constraints:
            row["proof"] = f"skipped (> {args.prove_max_constraints} constraints)"
            return row
        paths = {k: os.path.join(work, f) for k, f in
                 [("pk", "pk.bin"), ("vk", "verification_key.json"), ("proof", "proof.json"), ("public", "public.json")]}
        code, _, err = run(args, "setup", artifact, "--out", work)
        if code != 0:
            row["proof"] = f"setup fails: {err[:60]}"
            return row
        start = time.time()
        code, _, err = run(args, "prove", artifact, "--pk", paths["pk"], "--input", data,
                           "--proof", paths["proof"], "--public", paths["public"])
        row["prove_s"] = f"{time.time() - start:.2f}"
        if code != 0:
            row["proof"] = f"prove fails: {err[:60]}"
            return row
        code, _, err = run(args, "verify", "--vk", paths["vk"], "--proof", paths["proof"], "--public", paths["public"])
        if code != 0:
            row["proof"] = f"verify exit {code}"
            return row
        with open(paths["public"]) as f:
            signals = json.load(f)
        signals[-1] = str((int(signals[-1]) + 1) % 21888242871839275222246405745257275088548364400416034343698204186575808495617)
        forged = os.path.join(work, "forged.json")
        with open(forged, "w") as f:
            json.dump(signals, f)
        code, _, _ = run(args, "verify", "--vk", paths["vk"], "--proof", paths["proof"], "--public", forged)
        row["proof"] = "verified" if code == 1 else f"forged signal accepted (exit {code})"
        return row
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--zkml", default=os.path.join(here, "..", ".build", "release", "zkml"))
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "ezkl-examples"))
    parser.add_argument("--out", default=os.path.join(here, "..", "docs", "conformance.md"))
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--prove", action="store_true", help="also setup, prove and verify each model (slow)")
    parser.add_argument("--prove-max-constraints", type=int, default=1 << 20,
                        help="skip proving circuits larger than this (default 2^20)")
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
        row = {"name": name, "loads": "no", "status": "", "abs": "", "rel": "", "float_abs": "", "reference": "onnxruntime"}
        try:
            want, row["reference"] = reference(model, data)
        except Exception as error:  # the references themselves fail: nothing to compare against
            row["status"] = f"onnxruntime and onnx.reference fail: {str(error).splitlines()[0][:60]}"
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
        row.update(circuit(args, model, data))
        rows.append(row)
        print(f"{name}: {row['status']} {row['abs']} constraints={row['constraints']} mock={row['mock']} "
              f"proof={row['proof']}", file=sys.stderr)
    ok = sum(r["status"] == "ok" for r in rows)
    mocked = sum(r.get("mock") == "yes" for r in rows)
    proved = sum(r.get("proof") == "verified" for r in rows)
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
        "*constraints*: the circuit of `zkml compile` (public inputs); *mock*: `zkml mock` accepts the",
        "witness (every constraint holds and the outputs equal the quantized inference bit for bit);",
        "*proof*: `zkml setup` + `zkml prove` + `zkml verify` (exit 0), and `zkml verify` rejects the",
        "proof once one public output is changed (`--prove`; `not run` without it); *prove s*: wall",
        "seconds of `zkml prove`. A model onnxruntime refuses to load is compared with the ONNX reference",
        "implementation (`onnx.reference`) instead, and its row names that reference and the reason.",
        "",
        f"**{ok} of {len(rows)} models run in exact fixed point; {mocked} compile to a circuit whose witness"
        + f" checks; {proved} proved and verified{'' if args.prove else ' (proving not run)'}.** Unsupported operators (models blocked): "
        + (", ".join(f"{op} ({count})" for op, count in sorted(unsupported.items(), key=lambda kv: (-kv[1], kv[0]))) or "none") + ".",
        "",
        "| model | loads | status | abs | rel | float abs | constraints | mock | proof | prove s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        status = r["status"] if r.get("reference", "onnxruntime") == "onnxruntime" else f"{r['status']}; reference: {r['reference']}"
        lines.append(f"| {r['name']} | {r['loads']} | {status.replace('|', '/')} | {r['abs']} | {r['rel']} | {r['float_abs']} "
                     f"| {r.get('constraints', '')} | {r.get('mock', '')} | {r.get('proof', '')} | {r.get('prove_s', '')} |")
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{ok}/{len(rows)} ok; wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
