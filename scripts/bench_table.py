#!/usr/bin/env python3
"""Turns `zkml bench SUITE --json` output (one or more reports on stdin) into the Markdown tables
of docs/benchmarks.md (for a run of one suite; scripts/bench_report.py regenerates the page).

    swift run -c release zkml bench field --json | python3 scripts/bench_table.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_report import models_table, reports, suite_table  # noqa: E402

for report in reports(sys.stdin.read()):
    machine = ", ".join(f"{k} {v}" for k, v in report["machine"].items())
    print(f"**{report['suite']}** ({machine})\n")
    print("\n".join(models_table(report) if report["suite"] == "models" else suite_table(report)))
    print()
