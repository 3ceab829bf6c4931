#!/usr/bin/env python3
"""Constraints per element of a Softmax, LogSoftmax and LayerNormalization row, by row length.

Writes one-node ONNX models (opset 17, the last axis; LayerNormalization with a γ and β of the
row's length) of shape [1, rows, n] to a temporary directory, runs `zkml inspect --json` on each
with the default settings (the compiler picks the limb width for the whole circuit, so a larger
circuit gets wider limbs), and prints one JSON object per model: the node's constraints, its
lookups and the constraints per element. The tables' own rows and the input range checks are
not counted (they are the "+ table" of the targets and the graph input's cost).

    pip install onnx==1.23.2    # Circuits/requirements.txt
    python3 Benchmarks/python/normalization_rows.py --zkml .build/release/zkml
    python3 Benchmarks/python/normalization_rows.py --zkml .build/release/zkml --shape 6x5 --shape 64x64
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper


def model(op: str, rows: int, n: int) -> onnx.ModelProto:
    shape = [1, rows, n]
    inputs, initializers = ["x"], []
    if op == "LayerNormalization":
        initializers = [helper.make_tensor("gamma", TensorProto.FLOAT, [n], np.linspace(0.5, 1.5, n).tolist()),
                        helper.make_tensor("beta", TensorProto.FLOAT, [n], np.linspace(-0.2, 0.2, n).tolist())]
        inputs += ["gamma", "beta"]
    node = helper.make_node(op, inputs, ["y"], axis=-1)
    graph = helper.make_graph([node], f"{op}_{rows}x{n}", [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, shape)], initializer=initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zkml", default=".build/release/zkml")
    parser.add_argument("--shape", action="append", help="ROWSxN (repeatable; default 6x5, 64x64, 16x256)")
    args = parser.parse_args()
    shapes = [tuple(int(v) for v in s.split("x")) for s in (args.shape or ["6x5", "64x64", "16x256"])]
    with tempfile.TemporaryDirectory() as directory:
        for op in ("Softmax", "LogSoftmax", "LayerNormalization"):
            for rows, n in shapes:
                path = Path(directory) / f"{op}_{rows}x{n}.onnx"
                onnx.save(model(op, rows, n), path)
                report = json.loads(subprocess.run([args.zkml, "inspect", str(path), "--json"], check=True,
                                                   capture_output=True, text=True).stdout)
                node = next(r for r in report["constraints_per_node"] if r["kind"] == "node")
                circuit = report["circuit"]
                print(json.dumps({"op": op, "rows": rows, "n": n, "node_constraints": node["constraints"],
                                  "node_lookups": node["lookups"], "per_element": round(node["constraints"] / (rows * n), 2),
                                  "circuit_constraints": circuit["constraints"]}))


if __name__ == "__main__":
    main()
