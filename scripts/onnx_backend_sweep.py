#!/usr/bin/env python3
"""Runs zkml over the model test cases that ship inside the `onnx` Python package and writes
docs/conformance-onnx-backend.md: models exported by another exporter (PyTorch's nn modules and
operators, through its ONNX exporter of the time, opsets 6–9) and hand-made graphs, none of them
written for zkml.

    .venv/bin/pip install -r Circuits/requirements.txt      # onnx 1.23.2 (its test data), onnxruntime
    swift build -c release --product zkml
    .venv/bin/python scripts/onnx_backend_sweep.py --zkml .build/release/zkml [--prove] [--out FILE]

Per case (`onnx/backend/test/data/<suite>/<case>/model.onnx` with `test_data_set_0/input_*.pb` and
`output_*.pb`): the inputs are written as an EZKL input.json, `zkml infer` runs the quantized model
(default settings), and its de-quantized outputs are compared with the outputs stored beside the
model (the exporter's own, from PyTorch) and with onnxruntime's; a case is *exact* when the
largest absolute error is within 1 % of the largest reference magnitude (the #31 criterion). Then,
as scripts/conformance.py does, `zkml compile` + `zkml mock`, and with --prove a Groth16 setup,
proof, verification and a forged public signal. The suites are read in place; nothing is copied.
"""
import argparse
import json
import os
import resource
import sys
import tempfile

import numpy as np
import onnx
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conformance  # noqa: E402  (errors, run, circuit: the same checks as the EZKL corpus)

SUITES = ["pytorch-converted", "pytorch-operator", "simple"]


def tensors(directory, prefix):
    """The `prefix_<i>.pb` tensors of a test data set, in index order."""
    names = sorted((n for n in os.listdir(directory) if n.startswith(prefix) and n.endswith(".pb")),
                   key=lambda n: int(n[len(prefix):-3]))
    out = []
    for name in names:
        proto = onnx.TensorProto()
        with open(os.path.join(directory, name), "rb") as f:
            proto.ParseFromString(f.read())
        out.append(numpy_helper.to_array(proto))
    return out


def onnxruntime_outputs(model_path, model, inputs):
    """onnxruntime's outputs on the stored inputs, or None when it cannot run the model."""
    try:
        import onnxruntime as ort
        session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
        names = [i.name for i in session.get_inputs()]
        return session.run(None, dict(zip(names, inputs)))
    except Exception:
        return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zkml", default=os.path.join(here, "..", ".build", "release", "zkml"))
    parser.add_argument("--data", default=os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data"),
                        help="the onnx package's backend test data (default: the installed package's)")
    parser.add_argument("--suite", action="append", dest="suites", help=f"a suite (repeatable; default {', '.join(SUITES)})")
    parser.add_argument("--out", default=os.path.join(here, "..", "docs", "conformance-onnx-backend.md"))
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--prove", action="store_true", help="also setup, prove and verify each case (slow)")
    parser.add_argument("--prove-max-constraints", type=int, default=1 << 20)
    parser.add_argument("--max-memory-gb", type=float, default=20,
                        help="address-space limit of each zkml process (default 16): a case too large for the machine "
                             "fails on its own instead of bringing in the OOM killer")
    args = parser.parse_args()
    # Inherited by every zkml process this script starts.
    limit = int(args.max_memory_gb * (1 << 30))
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if not os.access(args.zkml, os.X_OK):
        print(f"onnx_backend_sweep: {args.zkml} is not an executable", file=sys.stderr)
        return 2
    rows = []
    for suite in args.suites or SUITES:
        root = os.path.join(args.data, suite)
        if not os.path.isdir(root):
            print(f"onnx_backend_sweep: no suite {root}", file=sys.stderr)
            return 2
        for case in sorted(os.listdir(root)):
            model_path = os.path.join(root, case, "model.onnx")
            data_dir = os.path.join(root, case, "test_data_set_0")
            if not (os.path.isfile(model_path) and os.path.isdir(data_dir)):
                continue
            row = {"suite": suite, "name": case, "opset": "", "ops": "", "status": "", "abs": "", "rel": "", "ort": "",
                   "constraints": "", "mock": "", "proof": "", "prove_s": ""}
            rows.append(row)
            try:
                model = onnx.load(model_path)
                row["opset"] = ",".join(str(o.version) for o in model.opset_import if o.domain in ("", "ai.onnx"))
                row["ops"] = " ".join(sorted({n.op_type for n in model.graph.node}))
                inputs, want = tensors(data_dir, "input_"), tensors(data_dir, "output_")
            except Exception as error:
                row["status"] = f"test data unreadable: {str(error).splitlines()[0][:60]}"
                continue
            if any(a.dtype.kind not in "fiub" for a in inputs):
                row["status"] = "non-numeric input (" + ", ".join(sorted({str(a.dtype) for a in inputs})) + ")"
                continue
            largest = max((float(np.abs(a.astype(np.float64)).max()) for a in inputs if a.size), default=0.0)
            if not np.isfinite(largest) or largest > 1e30:
                # A few cases store uninitialised memory as their input (values like 1e198 and 1e-316).
                row["status"] = f"stored input is not data (|x| up to {largest:.3g})"
                continue
            with tempfile.TemporaryDirectory(prefix="zkml-onnx-backend-") as work:
                data = os.path.join(work, "input.json")
                with open(data, "w") as f:
                    json.dump({"input_data": [a.astype(np.float64).ravel().tolist() for a in inputs]}, f)
                out = os.path.join(work, "out.json")
                code, stdout, err = conformance.run(args, "infer", model_path, "--input", data, "-o", out)
                if code != 0:
                    row["status"] = (err or stdout.strip().splitlines()[-1] if stdout.strip() else err).replace("Error: ", "")[:110]
                    print(f"{suite}/{case}: {row['status']}", file=sys.stderr)
                    continue
                with open(out) as f:
                    got = json.load(f)["output_data"]
                measured = conformance.errors(got, want)
                if measured is None:
                    row["status"] = "output size differs"
                    continue
                scale = max((float(np.abs(w).max()) for w in want if w.size), default=0.0)
                row["abs"], row["rel"] = f"{measured[0]:.3g}", f"{measured[0] / scale:.3g}" if scale > 0 else ""
                row["status"] = "exact" if measured[0] <= 0.01 * max(scale, 1e-9) else "error above 1 %"
                ort_out = onnxruntime_outputs(model_path, model, inputs)
                if ort_out is not None:
                    versus = conformance.errors(got, ort_out)
                    row["ort"] = f"{versus[0]:.3g}" if versus else "size differs"
                row.update(conformance.circuit(args, model_path, data))
            print(f"{suite}/{case}: {row['status']} {row['abs']} constraints={row['constraints']} mock={row['mock']} "
                  f"proof={row['proof']}", file=sys.stderr)

    exact = sum(r["status"] == "exact" for r in rows)
    mocked = sum(r.get("mock") == "yes" for r in rows)
    proved = sum(r.get("proof") == "verified" for r in rows)
    lines = [
        "# Conformance over the onnx package's model test cases",
        "",
        "Generated by `scripts/onnx_backend_sweep.py` (do not edit by hand), over the test cases that ship",
        f"inside the `onnx` Python package ({onnx.__version__}): `backend/test/data/` suites "
        + ", ".join(f"`{s}`" for s in (args.suites or SUITES)) + ". They were exported by PyTorch's ONNX",
        "exporter of the time (nn modules and operators) or written by hand, for ONNX's own test suite, not for",
        "zkml. Per case: `zkml infer` at the default settings (24-bit activations, scale 2^-12) on the stored",
        "inputs; *abs*: largest absolute error of the de-quantized outputs against the stored outputs;",
        "*rel*: that over the largest stored magnitude (exact when ≤ 0.01); *ort abs*: the same against",
        "onnxruntime on the same inputs; *constraints*, *mock*, *proof*, *prove s* as in",
        "[conformance.md](conformance.md). Every zkml process runs under an address-space limit of",
        f"{args.max_memory_gb:g} GB (`--max-memory-gb`): `Fatal error: failed to allocate` is an allocation that limit refused;",
        "`zkml compile` refuses a circuit past its own budget of stored terms by name (docs/security.md, \"Memory estimate\").",
        "",
        f"**{exact} of {len(rows)} cases exact within 1 %; {mocked} compile to a circuit whose witness checks; "
        f"{proved} proved and verified{'' if args.prove else ' (proving not run)'}.**",
        "",
        "| suite | case | opset | operators | status | abs | rel | ort abs | constraints | mock | proof | prove s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        cells = [r["suite"], r["name"], r["opset"], r["ops"], r["status"], r["abs"], r["rel"], r["ort"],
                 r.get("constraints", ""), r.get("mock", ""), r.get("proof", ""), r.get("prove_s", "")]
        lines.append("| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |")
    temporary = args.out + ".tmp"
    with open(temporary, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(temporary, args.out)
    print(f"{exact}/{len(rows)} exact; wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
