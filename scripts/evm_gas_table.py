#!/usr/bin/env python3
"""Gas and bytecode of the generated verifiers, Solidity (optimizer on, off, via IR) beside the
Vyper twin, at 1, 4, 16 and 64 public signals, as the Markdown tables in docs/evm.md; then the
same for keys with a commitment round (lookups) at 1, 4 and 16 signals with one challenge and 1
signal with two.

Real zkml proofs of the square circuit of Tests/EVM/evm_support.py (public signals are squares of
signed 8-bit values, ML-sized), deployed and called on pyrevm (Cancun). Gas is the transaction
total: 21,000 + calldata + execution. "Rejects" is the transaction gas of a proof with A moved off
the curve (the cheapest rejection path; a malformed proof never reaches the pairing).

Commitment-round proofs come from `zkml dev lookup-proof` (a hand-written logUp circuit whose
public signals are sums of two table values 0…7: small, like the square circuit's); their
"rejects" column is a proof with C₁ moved off the curve.

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
from evm_support import (Q, Call, Chain, compile_solidity, compile_vyper, lookup_case, require_solc,  # noqa: E402
                         zkml_case, zkml_ok)

SIGNALS = (1, 4, 16, 64)
COMMITMENT_SHAPES = ((1, 1), (4, 1), (16, 1), (1, 2))  # (public signals, challenges)
VARIANTS = {
    "Solidity, --optimize (200 runs)": ("solidity", ("--optimize", "--optimize-runs", "200")),
    "Solidity, no optimizer": ("solidity", ()),
    "Solidity, --via-ir --optimize": ("solidity", ("--via-ir", "--optimize")),
    "Vyper 0.4.3": ("vyper", ()),
}


def export(d: Path, vk: Path) -> None:
    for language in ("solidity", "vyper"):
        out = d / ("Verifier.sol" if language == "solidity" else "Verifier.vy")
        zkml_ok("export-verifier", "--vk", str(vk), "--out", str(out), "--lang", language)


def measure(d: Path, call: Call, language: str, options: tuple[str, ...], tampered: int) -> tuple[int, int, int]:
    """(honest transaction gas, runtime bytes, gas of the proof with word `tampered`'s y moved off the curve)."""
    if language == "solidity":
        init, runtime = compile_solidity(d / "Verifier.sol", options=options)
    else:
        init, runtime = compile_vyper(d / "Verifier.vy")
    chain = Chain()
    address = chain.deploy(init)
    honest = chain.call(address, call.data())
    assert honest.accepted, (d, language, options, honest)
    words = list(call.words)
    words[tampered] = (words[tampered] + 1) % Q
    off = chain.call(address, call.data(words))
    assert off.rejected, (d, language, options, off)
    return honest.gas, len(runtime), off.gas


def main() -> None:
    solc = require_solc()
    version = subprocess.run([solc, "--version"], capture_output=True, text=True).stdout.strip().splitlines()[-1]
    rows, commitment_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        cases = {}
        for n in SIGNALS:
            d = Path(tmp) / f"n{n}"
            d.mkdir()
            rng = random.Random(n)
            vk, proof, public = zkml_case(d, [rng.randrange(-128, 128) for _ in range(n)])
            export(d, vk)
            cases[n] = (d, Call.from_zkml(proof, public))
        commitment_cases = {}
        for n, k in COMMITMENT_SHAPES:
            d = Path(tmp) / f"lookup-n{n}-k{k}"
            vk, proof, public = lookup_case(d, n, k)
            export(d, vk)
            commitment_cases[(n, k)] = (d, Call.from_zkml(proof, public))
        for name, (language, options) in VARIANTS.items():
            base = None
            for n in SIGNALS:
                d, call = cases[n]
                gas, size, off = measure(d, call, language, options, tampered=1)
                base = gas if n == 1 else base
                per = f"{(gas - base) / (n - 1):,.0f}" if n > 1 else "–"
                rows.append(f"| {name} | {n} | {gas:,} | {per} | {size:,} B | {off:,} |")
            for n, k in COMMITMENT_SHAPES:
                d, call = commitment_cases[(n, k)]
                gas, size, off = measure(d, call, language, options, tampered=9)
                base = gas if (n, k) == (1, 1) else base
                per = f"{(gas - base) / (n - 1):,.0f}" if n > 1 else "–"
                commitment_rows.append(f"| {name} | {n} | {k} | {gas:,} | {per} | {size:,} B | {off:,} |")
    print(f"{version}, vyper 0.4.3, pyrevm (Cancun)\n")
    print("| compiler | public signals | transaction gas | per further signal | runtime bytecode | rejects off-curve A |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    print("\nWith a commitment round:\n")
    print("| compiler | public signals | challenges | transaction gas | per further signal | runtime bytecode | rejects off-curve C₁ |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(commitment_rows))


if __name__ == "__main__":
    main()
