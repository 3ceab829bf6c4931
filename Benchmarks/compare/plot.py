#!/usr/bin/env python3
"""Plots prove time against circuit size from a compare.py result file.

    Benchmarks/compare/.venv/bin/python Benchmarks/compare/plot.py \
        [--json docs/data/compare.json] [--out docs/img/prove-vs-size.png]

x: zkml's R1CS constraint count, EZKL's Halo2 row count (`num_rows` in its settings.json), both on
a log scale; y: prove CPU seconds (both threads) on a log scale, one point per model and tool.
The two x quantities are not the same unit (a Halo2 row holds a whole gate of several cells and
lookups; an R1CS constraint is one product), which is why the plot shows each tool's own measure
of size and labels every point with its model.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", default=str(ROOT / "docs" / "data" / "compare.json"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "img" / "prove-vs-size.png"))
    args = parser.parse_args()

    document = json.loads(Path(args.json).read_text())
    results = document["results"]
    figure, axis = plt.subplots(figsize=(7.5, 4.8), dpi=120)
    series = [
        ("EZKL 23.0.5 (Halo2/KZG): x = rows", "ezkl", lambda r: r["ezkl"]["rows"], "tab:red", "s"),
        ("zkml (Groth16): x = R1CS constraints", "zkml", lambda r: r["zkml"]["constraints"], "tab:blue", "o"),
    ]
    for label, tool, size, color, marker in series:
        xs = [size(r) for r in results]
        ys = [r[tool]["prove"]["cpu_s"] for r in results]
        axis.scatter(xs, ys, label=label, color=color, marker=marker, s=42, zorder=3)
        for r, x, y in zip(results, xs, ys):
            axis.annotate(r["model"], (x, y), textcoords="offset points", xytext=(6, 4), fontsize=8, color=color)
    for r in results:
        axis.plot([r["ezkl"]["rows"], r["zkml"]["constraints"]],
                  [r["ezkl"]["prove"]["cpu_s"], r["zkml"]["prove"]["cpu_s"]],
                  color="0.8", linewidth=0.8, zorder=1)
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("circuit size (rows for EZKL, constraints for zkml)")
    axis.set_ylabel("prove CPU seconds (2 threads)")
    machine = document.get("machine", {})
    axis.set_title(f"Prove cost against circuit size — {machine.get('cpu', '')}, {machine.get('cores', '?')} cores,"
                   f" {document.get('started', '')[:10]}", fontsize=9)
    axis.grid(True, which="both", linewidth=0.3, color="0.85")
    axis.legend(fontsize=8, loc="upper left")
    figure.tight_layout()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(out.stem + ".tmp.png")
    figure.savefig(temporary)
    temporary.replace(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
