"""Verifiers for keys with a commitment round (lookups) on the EVM: docs/evm.md, "Commitment round".

The proofs carry C₁; the contract takes it as `commitment` before the public signals, hashes the
challenges c_k = keccak256(DST ‖ k ‖ C₁ ‖ signals) mod r, adds c_k·ICC_k to L and checks five
pairs in one pairing call. Keys and proofs come from the hidden `zkml dev lookup-proof`
(evm_support.lookup_case), made fresh from the build for every run.

Each verifier (Vyper; Solidity optimised and unoptimised, any solc warning failing) must accept an
honest proof for 1 signal and 1 challenge, 4 signals, and 3 signals with 2 challenges, and reject:
C₁ + G, C₁ = (0, 0), C₁ off the curve, a C₁ coordinate + q, a signal = r and + r, a signal + 1,
A or C off the curve, C₁ replaced by A, a proof made for challenges other than the hash, a proof
from another key for the same statement, and the plain four-argument call. Checks that need no
precompile (C₁ malformed, signals ≥ r, A or C off the curve) must reject for ≤ 30,000 gas.

    PATH=$PWD/.venv-tests/bin:../shared/tools/solc:$PATH python3 -m pytest Tests/EVM/test_commitment.py -s
"""
from __future__ import annotations

from pathlib import Path

import pytest

from evm_support import (CALLER, GOLDEN, Q, R, Call, Chain, compile_solidity, compile_vyper, lookup_case,
                         require_solc, zkml_has_lookup_proofs, zkml_ok)

SHAPES = [(1, 1), (4, 1), (3, 2)]  # (public signals, challenges)
VARIANTS = {"vyper": ("vyper", ()), "solidity": ("solidity", ("--optimize", "--optimize-runs", "200")),
            "solidity-unoptimized": ("solidity", ())}
CHEAP_GAS = 30_000
GAS_REPORT: dict[tuple[str, int, int], tuple[int, int]] = {}


def g1_add(p: tuple[int, int], q: tuple[int, int]) -> tuple[int, int]:
    from py_ecc.optimized_bn128 import FQ, add, normalize
    x, y = normalize(add((FQ(p[0]), FQ(p[1]), FQ(1)), (FQ(q[0]), FQ(q[1]), FQ(1))))
    return x.n, y.n


def export_and_compile(variant: str, vk: Path, directory: Path) -> tuple[bytes, bytes]:
    language, options = VARIANTS[variant]
    if language == "solidity":
        require_solc()
    out = directory / ("Verifier.sol" if language == "solidity" else "Verifier.vy")
    zkml_ok("export-verifier", "--vk", str(vk), "--out", str(out), "--lang", language)
    return compile_solidity(out, options=options) if language == "solidity" else compile_vyper(out)


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict:
    """For each shape: the key, an honest call, a chosen-challenge call and another key's call."""
    if not zkml_has_lookup_proofs():
        pytest.skip("this zkml binary has no `dev lookup-proof`")
    base = tmp_path_factory.mktemp("commitment")
    out = {}
    for n, k in SHAPES:
        d = base / f"n{n}k{k}"
        vk, proof, public = lookup_case(d / "mine", n, k, seed=1)
        _, chosen_proof, chosen_public = lookup_case(d / "chosen", n, k, seed=1, chosen_challenge=True)
        _, other_proof, other_public = lookup_case(d / "other", n, k, seed=2)
        out[(n, k)] = {"dir": d, "vk": vk, "call": Call.from_zkml(proof, public),
                       "chosen": Call.from_zkml(chosen_proof, chosen_public),
                       "other": Call.from_zkml(other_proof, other_public)}
    return out


@pytest.fixture(params=VARIANTS.keys())
def variant(request) -> str:
    return request.param


def deploy(variant: str, case: dict) -> tuple[Chain, str, int]:
    d = case["dir"] / variant
    d.mkdir(exist_ok=True)
    init, runtime = export_and_compile(variant, case["vk"], d)
    chain = Chain()
    return chain, chain.deploy(init), len(runtime)


def send(chain: Chain, address: str, data: bytes) -> tuple[bool, int]:
    """(accepted, transaction gas) with a 1,000,000 gas budget; a revert is a rejection."""
    try:
        output = chain.evm.message_call(CALLER, address, data, gas=1_000_000)
    except Exception:  # pyrevm raises on revert and halt
        return False, chain.evm.result.gas_used
    return chain.evm.result.is_success and int.from_bytes(output, "big") == 1, chain.evm.result.gas_used


@pytest.mark.parametrize("n,k", SHAPES, ids=[f"{n}-signals-{k}-challenges" for n, k in SHAPES])
def test_commitment_proofs(variant: str, n: int, k: int, cases: dict) -> None:
    case = cases[(n, k)]
    chain, address, size = deploy(variant, case)
    call: Call = case["call"]
    assert call.proof_words == 10 and len(call.signals) == n
    accepted, gas = send(chain, address, call.data())
    assert accepted, "honest proof with a commitment rejected"
    GAS_REPORT[(variant, n, k)] = (chain.call(address, call.data()).gas, size)

    failures = []

    def expect_rejected(name: str, words: list[int], cheap: bool = False) -> None:
        ok, used = send(chain, address, call.data(words))
        if ok:
            failures.append(f"{name}: accepted")
        elif cheap and used > CHEAP_GAS:
            failures.append(f"{name}: rejected for {used} gas (> {CHEAP_GAS}: reached a precompile)")

    def changed(**at: int) -> list[int]:
        words = list(call.words)
        for index, value in at.items():
            words[int(index[1:])] = value
        return words

    c1 = (call.words[8], call.words[9])
    moved = g1_add(c1, (1, 2))
    expect_rejected("C1 + G", changed(w8=moved[0], w9=moved[1]))
    expect_rejected("C1 = (0, 0)", changed(w8=0, w9=0), cheap=True)
    expect_rejected("C1 off the curve", changed(w9=(c1[1] + 1) % Q), cheap=True)
    expect_rejected("C1 = (1, 3), off the curve", changed(w8=1, w9=3), cheap=True)
    expect_rejected("C1.x + q", changed(w8=c1[0] + Q), cheap=True)
    expect_rejected("C1.y + q", changed(w9=c1[1] + Q), cheap=True)
    expect_rejected("C1 = A", changed(w8=call.words[0], w9=call.words[1]))
    expect_rejected("C1 = -C1", changed(w9=Q - c1[1]))
    for i in range(n):
        s = call.signals[i]
        expect_rejected(f"signal {i} + 1", changed(**{f"w{10 + i}": (s + 1) % R}))
        expect_rejected(f"signal {i} = r", changed(**{f"w{10 + i}": R}), cheap=True)
        expect_rejected(f"signal {i} + r", changed(**{f"w{10 + i}": s + R}), cheap=True)
    expect_rejected("A off the curve", changed(w1=(call.words[1] + 1) % Q), cheap=True)
    expect_rejected("C off the curve", changed(w7=(call.words[7] + 1) % Q), cheap=True)
    expect_rejected("C + G", changed(**dict(zip(("w6", "w7"), g1_add((call.words[6], call.words[7]), (1, 2))))))
    for name, other in [("challenge not the hash", case["chosen"]), ("proof from another key", case["other"])]:
        assert other.signals == call.signals
        ok, _ = send(chain, address, other.data())
        if ok:
            failures.append(f"{name}: accepted")
    # The plain call shape (no commitment) is another selector: the contract has no such function.
    from vyper.utils import method_id
    plain = method_id(f"verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[{n}])")
    ok, _ = send(chain, address, plain + b"".join(w.to_bytes(32, "big") for w in call.words[:8] + call.signals))
    if ok:
        failures.append("plain four-argument call: accepted")
    assert not failures, "\n".join(failures)


def test_gas_with_one_signal(cases: dict) -> None:
    """Target: ≤ 265,000 transaction gas for 1 signal and 1 challenge on the optimised Solidity verifier."""
    case = cases[(1, 1)]
    results = {}
    for variant in ("solidity", "vyper"):
        chain, address, size = deploy(variant, case)
        result = chain.call(address, case["call"].data())
        assert result.accepted
        results[variant] = (result.gas, size)
        GAS_REPORT[(variant, 1, 1)] = (result.gas, size)
    assert results["solidity"][0] <= 265_000, results
    assert results["vyper"][0] <= 270_000, results


def test_oracle_takes_the_commitment(cases: dict) -> None:
    """ZKMLOracle for a commitment key: submit(a, b, c, commitment, pubSignals) records an honest
    proof, reverts ProofInvalid() for C₁ + G and AlreadyRecorded for a replay."""
    require_solc("ZKMLOracle.sol not compiled")
    from test_oracle import revert_data
    from vyper.utils import keccak256, method_id
    case = cases[(3, 2)]
    d = case["dir"] / "oracle"
    d.mkdir(exist_ok=True)
    zkml_ok("export-verifier", "--vk", str(case["vk"]), "--out", str(d / "Verifier.sol"), "--with-oracle")
    chain = Chain()
    verifier = chain.deploy(compile_solidity(d / "Verifier.sol")[0])
    oracle_init, _ = compile_solidity(d / "ZKMLOracle.sol", contract="ZKMLOracle")
    word = lambda v: v.to_bytes(32, "big")  # noqa: E731
    oracle = chain.deploy(oracle_init + word(int(verifier, 16)) + word(2) + word(1))
    submit = method_id("submit(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[3])")
    call: Call = case["call"]

    def transact(words: list[int]) -> tuple[bool, bytes]:
        try:
            out = chain.evm.message_call(CALLER, oracle, submit + b"".join(word(w) for w in words))
        except Exception as error:  # pyrevm raises on revert; the message carries the revert data
            return False, revert_data(str(error))
        return True, bytes(out)

    moved = g1_add((call.words[8], call.words[9]), (1, 2))
    ok, data = transact(call.words[:8] + list(moved) + call.signals)
    assert not ok and data[:4] == method_id("ProofInvalid()"), data.hex()
    inputs = keccak256(b"".join(word(s) for s in call.signals[:2]))
    ok, data = transact(call.words)
    assert ok and data == inputs, data.hex()
    ok, data = transact(call.words)
    assert not ok and data == method_id("AlreadyRecorded(bytes32)") + inputs, data.hex()


def test_golden_commitment_vyper_compiles() -> None:
    init, runtime = compile_vyper(GOLDEN / "VerifierCommitment.vy")
    assert runtime
    Chain().deploy(init)


def pytest_terminal_summary_rows() -> list[str]:
    lines = ["variant               signals  challenges  tx gas   runtime bytes"]
    for (variant, n, k), (gas, size) in sorted(GAS_REPORT.items()):
        lines.append(f"{variant:21} {n:7}  {k:10}  {gas:7,}  {size:13,}")
    return lines
