#!/usr/bin/env python3
"""Turns `zkml bench SUITE --json` output (one or more reports on stdin) into markdown tables,
as pasted into docs/benchmarks.md.

    swift run -c release zkml bench field --json | python3 scripts/bench_table.py
"""
import json
import sys

text = sys.stdin.read()
decoder = json.JSONDecoder()
index = 0
while index < len(text):
    while index < len(text) and text[index].isspace():
        index += 1
    if index >= len(text):
        break
    report, index = decoder.raw_decode(text, index)
    machine = ", ".join(f"{k} {v}" for k, v in report["machine"].items())
    print(f"**{report['suite']}** ({machine})\n")
    print("| result | value | unit | extra | note |")
    print("| --- | ---: | --- | --- | --- |")
    for r in report["results"]:
        unit = next(k for k in r if k not in ("name", "note") and not k.endswith("_ms") and k != "threads")
        extra = ", ".join(f"{k} {r[k]:.4g}" for k in r if k not in ("name", "note", unit))
        print(f"| `{r['name']}` | {r[unit]:.4g} | {unit} | {extra} | {r.get('note', '')} |")
    print()
