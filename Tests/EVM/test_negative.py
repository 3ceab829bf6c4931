"""The negative suite of issue #10 (item 3) on the EVM: every malformed or foreign proof is
rejected, nothing reverts in a way a caller cannot handle, and no malformed input burns the gas it
was given.

Cases beyond Tests/EVM/test_verifier.py (which perturbs every coordinate, signal, range and
off-curve point): each proof element replaced by the identity; B replaced by a point on the twist
outside the r-order subgroup; a proof made for another key with the same number of signals;
calldata one word short, one word long, and with extra trailing bytes. Each call gets a fixed gas
budget (1,000,000) and must use well under it: a cheap check, or a failing precompile whose
revert returns the unused gas, never an INVALID opcode or an all-consuming loop.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from evm_support import Q, R, Call, Chain, deploy_verifier, simulated_case, CALLER

GAS_BUDGET = 1_000_000
# Malformed proofs that need no precompile to be found out (issue #38's target: rejected for at most
# 30,000 gas, transaction total). The others must reach the pairing: identity points are valid
# encodings, only the precompile checks B's subgroup, and a foreign proof is well formed.
CHEAP = {"A off the curve", "C off the curve", "A.x = q", "B.x.im = q", "signal = r"}
CHEAP_GAS = 30_000


def non_subgroup_twist_point() -> tuple[int, int, int, int]:
    """A point of the twist y² = x³ + 3/(9 + u) that is not in the r-order subgroup, as the four
    EIP-197 words (x imaginary, x real, y imaginary, y real)."""
    from py_ecc.bn128 import FQ2, b2, curve_order, field_modulus, is_on_curve, multiply

    def sqrt(a: FQ2) -> FQ2 | None:
        # q ≡ 3 (mod 4): Algorithm 9 of Adj and Rodríguez-Henríquez, "Square root computation
        # over even extension fields" (IEEE TC 2014).
        a1 = a ** ((field_modulus - 3) // 4)
        alpha = a1 * a1 * a
        x0 = a1 * a
        if alpha == FQ2([-1, 0]):
            return FQ2([0, 1]) * x0
        b = (FQ2([1, 0]) + alpha) ** ((field_modulus - 1) // 2)
        root = b * x0
        return root if root * root == a else None

    for i in range(1, 100):
        x = FQ2([i, 0])
        y = sqrt(x ** 3 + b2)
        if y is None:
            continue
        point = (x, y)
        assert is_on_curve(point, b2)
        if multiply(point, curve_order) is not None:
            return x.coeffs[1].n, x.coeffs[0].n, y.coeffs[1].n, y.coeffs[0].n
    raise AssertionError("no twist point outside the subgroup among x = 1…99")


@pytest.fixture(scope="module", params=["vyper", "solidity"])
def deployed(request, tmp_path_factory):
    language = request.param
    d = tmp_path_factory.mktemp(f"negative-{language}")
    (d / "mine").mkdir()
    (d / "other").mkdir()
    vk, proof, public = simulated_case(d / "mine", 3, [5, 7, 11], seed=71)
    _, other_proof, other_public = simulated_case(d / "other", 3, [5, 7, 11], seed=72)
    chain = Chain()
    address, _ = deploy_verifier(language, vk, d, chain)
    return chain, address, Call.from_zkml(proof, public), Call.from_zkml(other_proof, other_public)


def send(chain: Chain, address: str, data: bytes) -> tuple[bool, int | None, int]:
    """(accepted, returned value or None on revert/halt, gas used) with a fixed budget."""
    try:
        output = chain.evm.message_call(CALLER, address, data, gas=GAS_BUDGET)
    except Exception:  # pyrevm raises on revert and halt; the result still records the gas
        return False, None, chain.evm.result.gas_used
    value = int.from_bytes(output, "big") if len(output) == 32 else None
    return value == 1 and chain.evm.result.is_success, value, chain.evm.result.gas_used


def test_honest_proof_within_budget(deployed) -> None:
    chain, address, call, _ = deployed
    accepted, _, gas = send(chain, address, call.data())
    assert accepted and gas < GAS_BUDGET // 2


def test_malformed_proofs_are_rejected_cheaply(deployed) -> None:
    chain, address, call, other = deployed
    bx_i, bx_r, by_i, by_r = non_subgroup_twist_point()
    cases: dict[str, bytes] = {}

    def words(**changes: int) -> list[int]:
        w = list(call.words)
        for index, value in changes.items():
            w[int(index[1:])] = value
        return w

    cases["A = identity"] = call.data(words(w0=0, w1=0))
    cases["B = identity"] = call.data(words(w2=0, w3=0, w4=0, w5=0))
    cases["C = identity"] = call.data(words(w6=0, w7=0))
    cases["A, B, C = identity"] = call.data([0] * 8 + call.signals)
    cases["B outside the G2 subgroup"] = call.data(words(w2=bx_i, w3=bx_r, w4=by_i, w5=by_r))
    cases["A off the curve"] = call.data(words(w1=(call.words[1] + 1) % Q))
    cases["C off the curve"] = call.data(words(w7=(call.words[7] + 1) % Q))
    cases["A.x = q"] = call.data(words(w0=Q))
    cases["B.x.im = q"] = call.data(words(w2=Q))
    cases["signal = r"] = call.data(words(w8=R))
    cases["proof for another key"] = other.data()
    cases["one word short (a signal too few)"] = call.data()[:-32]
    cases["one word long (a signal too many)"] = call.data() + (1).to_bytes(32, "big")
    cases["three trailing bytes"] = call.data() + b"\x01\x02\x03"
    cases["selector only"] = call.data()[:4]
    cases["empty calldata"] = b""
    failures, report = [], []
    for name, data in cases.items():
        accepted, value, gas = send(chain, address, data)
        outcome = "accepted" if accepted else ("rejected (false)" if value == 0 else "rejected (revert)")
        report.append(f"{name}: {outcome}, {gas} gas")
        if accepted:
            failures.append(f"{name} was accepted")
        if gas >= GAS_BUDGET * 9 // 10:
            failures.append(f"{name} burned {gas} of {GAS_BUDGET} gas")
        if name in CHEAP and gas > CHEAP_GAS:
            failures.append(f"{name} cost {gas} gas: it should be rejected before any precompile (<= {CHEAP_GAS})")
    print("\n" + "\n".join(report))
    # Extra calldata is ignored by the ABI decoder: the proof itself is honest, so accepting it is
    # correct; everything else must be rejected.
    honest_extensions = {"one word long (a signal too many)", "three trailing bytes"}
    failures = [f for f in failures if not any(f.startswith(name + " was accepted") for name in honest_extensions)]
    assert not failures, "\n".join(failures)
