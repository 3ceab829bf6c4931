#!/usr/bin/env python3
"""Gas and bytecode of the generated verifiers, Solidity (optimizer on, off, via IR) beside the
Vyper twin, at 1, 4, 16 and 64 public signals, as the Markdown table in docs/evm.md.

Real zkml proofs of the square circuit of Tests/EVM/evm_support.py (public signals are squares of
signed 8-bit values, ML-sized), deployed and called on pyrevm (Cancun). Gas is the transaction
total: 21,000 + calldata + execution. "Rejects" is the transaction gas of a proof with A moved off
the curve (the cheapest rejection path; a malformed proof never reaches the pairing).

    scripts/test                       # once: builds zkml and the .venv-tests environment
    PATH=$PWD/.venv-tests/bin:../shared/tools/solc:$PATH python3 scripts/evm_gas_table.py
"""
from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "EVM"))
from evm_support import Q, Call, Chain, compile_solidity, compile_vyper, require_solc, zkml_case, zkml_ok  # noqa: E402

SIGNALS = (1, 4, 16, 64)
VARIANTS = {
    "Solidity, --optimize (200 runs)": ("solidity", ("--optimize", "--optimize-runs", "200")),
    "Solidity, no optimizer": ("solidity", ()),
    "Solidity, --via-ir --optimize": ("solidity", ("--via-ir", "--optimize")),
    "Vyper 0.4.3": ("vyper", ()),
}


def main() -> None:
    solc = require_solc()
    version = subprocess.run([solc, "--version"], capture_output=True, text=True).stdout.strip().splitlines()[-1]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = {}
        for n in SIGNALS:
            d = Path(tmp) / f"n{n}"
            d.mkdir()
            rng = random.Random(n)
            vk, proof, public = zkml_case(d, [rng.randrange(-128, 128) for _ in range(n)])
            for language in ("solidity", "vyper"):
                out = d / ("Verifier.sol" if language == "solidity" else "Verifier.vy")
                zkml_ok("export-verifier", "--vk", str(vk), "--out", str(out), "--lang", language)
            cases[n] = (d, Call.from_zkml(proof, public))
        for name, (language, options) in VARIANTS.items():
            base = None
            for n in SIGNALS:
                d, call = cases[n]
                if language == "solidity":
                    init, runtime = compile_solidity(d / "Verifier.sol", options=options)
                else:
                    init, runtime = compile_vyper(d / "Verifier.vy")
                chain = Chain()
                address = chain.deploy(init)
                honest = chain.call(address, call.data())
                assert honest.accepted, (name, n, honest)
                words = list(call.words)
                words[1] = (words[1] + 1) % Q
                off = chain.call(address, call.data(words))
                assert off.rejected, (name, n, off)
                base = honest.gas if n == 1 else base
                per = f"{(honest.gas - base) / (n - 1):,.0f}" if n > 1 else "–"
                rows.append(f"| {name} | {n} | {honest.gas:,} | {per} | {len(runtime):,} B | {off.gas:,} |")
    print(f"{version}, vyper 0.4.3, pyrevm (Cancun)\n")
    print("| compiler | public signals | transaction gas | per further signal | runtime bytecode | rejects off-curve A |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
