"""The generated verifiers on a real EVM (pyrevm): valid proofs, tampered proofs, gas, bytecode.

Run from the repository root with `scripts/test` (it builds zkml, installs the pinned requirements
into .venv-tests/ and puts ../shared/tools/solc on PATH), or by hand:
`PATH=$PWD/.venv-tests/bin:../shared/tools/solc:$PATH python3 -m pytest Tests/EVM -s`. Both
languages run every case; without a solc the Solidity cases say SKIPPED, and in CI or at
ZKML_TEST_LEVEL=full they fail (evm_support.require_solc).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from evm_support import (GOLDEN, Q, R, Call, Chain, calldata_gas, compile_solidity, compile_vyper, deploy_verifier,
                         fixtures_dir, simulated_case, zkml_case, zkml_has, zkml_ok)

LANGUAGES = ["vyper", "solidity"]
GAS_REPORT: dict[tuple[str, str, int], tuple[int, int, int]] = {}


# MARK: - Proof sources

def snarkjs_case(tmp: Path) -> tuple[Path, Path, Path]:
    base = fixtures_dir()
    if base is None or not (base / "snarkjs/groth16-zkey/circuit.zkey").exists():
        pytest.skip("fixture snarkjs/groth16-zkey not found (set ZKML_FIXTURES)")
    d = base / "snarkjs/groth16-zkey"
    return d / "circuit.zkey", d / "proof.json", d / "public.json"


def real_zkml_case(tmp: Path, n: int) -> tuple[Path, Path, Path]:
    if not zkml_has("prove"):
        pytest.skip("this zkml binary has no setup/prove verbs")
    rng = random.Random(n)
    # Quantised-activation-like inputs (signed 8-bit); the outputs xᵢ² are the public signals.
    return zkml_case(tmp, [rng.randrange(-128, 128) for _ in range(n)])


def case(source: str, tmp: Path, n: int = 1) -> tuple[Path, Path, Path]:
    if source == "snarkjs":
        return snarkjs_case(tmp)
    if source == "zkml":
        return real_zkml_case(tmp, n)
    rng = random.Random(1000 + n)
    return simulated_case(tmp, n, [rng.randrange(R) for _ in range(n)], seed=n)


SOURCES = [("snarkjs", 1), ("zkml", 1), ("zkml", 2), ("zkml", 4), ("zkml", 16), ("simulated", 3)]


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


# MARK: - Valid and tampered proofs

@pytest.mark.parametrize("source,n", SOURCES, ids=[f"{s}-{n}" for s, n in SOURCES])
def test_valid_proof_is_accepted(language: str, source: str, n: int, tmp_path: Path) -> None:
    vk, proof, public = case(source, tmp_path, n)
    chain = Chain()
    address, _ = deploy_verifier(language, vk, tmp_path, chain)
    call = Call.from_zkml(proof, public)
    result = chain.call(address, call.data())
    assert result.accepted, result


@pytest.mark.parametrize("source,n", [("snarkjs", 1), ("zkml", 4), ("simulated", 3)],
                         ids=["snarkjs-1", "zkml-4", "simulated-3"])
def test_tampered_proofs_are_rejected(language: str, source: str, n: int, tmp_path: Path) -> None:
    vk, proof, public = case(source, tmp_path, n)
    chain = Chain()
    address, _ = deploy_verifier(language, vk, tmp_path, chain)
    call = Call.from_zkml(proof, public)
    assert chain.call(address, call.data()).accepted
    failures = []

    def expect_rejected(name: str, words: list[int]) -> None:
        result = chain.call(address, call.data(words))
        if not result.rejected:
            failures.append(f"{name}: {result}")

    signal_count = len(call.signals)
    # Each of the 8 proof coordinates perturbed (+1 mod q).
    for i in range(8):
        words = list(call.words)
        words[i] = (words[i] + 1) % Q
        expect_rejected(f"coordinate {i} + 1", words)
    # Each public signal changed (+1 mod r).
    for i in range(signal_count):
        words = list(call.words)
        words[8 + i] = (words[8 + i] + 1) % R
        expect_rejected(f"signal {i} + 1", words)
    # Signals ≥ r: s + r is the same scalar for ECMUL, so only the range check rejects it.
    for i in range(signal_count):
        for name, value in [("= r", R), ("+ r", call.words[8 + i] + R), ("= 2^256 - 1", 2**256 - 1)]:
            words = list(call.words)
            if value < 2**256:
                words[8 + i] = value
                expect_rejected(f"signal {i} {name}", words)
    # Coordinates ≥ q: x + q names the same field element, so only the range check (or the
    # precompile's) rejects it.
    for i in range(8):
        words = list(call.words)
        if words[i] + Q < 2**256:
            words[i] += Q
            expect_rejected(f"coordinate {i} + q", words)
    # Off-curve A and C (y + 1), B not on the twist (y.re + 1).
    for name, position in [("A off the curve", 1), ("B off the twist", 5), ("C off the curve", 7)]:
        words = list(call.words)
        words[position] = (words[position] + 1) % Q
        expect_rejected(name, words)
    # The classic bug: B with the real part first (snarkjs JSON order) must not verify.
    words = list(call.words)
    words[2], words[3], words[4], words[5] = words[3], words[2], words[5], words[4]
    expect_rejected("B real part first", words)
    # Infinity for A (the all-zero point) and a proof of all zeros.
    words = list(call.words)
    words[0] = words[1] = 0
    expect_rejected("A = infinity", words)
    expect_rejected("all-zero proof", [0] * 8 + call.signals)
    assert not failures, "accepted tampered proofs:\n" + "\n".join(failures)


def test_short_calldata_is_rejected(language: str, tmp_path: Path) -> None:
    vk, proof, public = case("simulated", tmp_path, 2)
    chain = Chain()
    address, _ = deploy_verifier(language, vk, tmp_path, chain)
    call = Call.from_zkml(proof, public)
    assert chain.call(address, call.data()[:-32]).rejected


# MARK: - Gas and bytecode

GAS_CASES = [(source, n) for source in ("zkml", "simulated") for n in (1, 2, 4, 16)]


@pytest.mark.parametrize("source,n", GAS_CASES, ids=[f"{s}-{n}" for s, n in GAS_CASES])
def test_gas_and_bytecode(language: str, source: str, n: int, tmp_path: Path) -> None:
    vk, proof, public = case(source, tmp_path, n)
    chain = Chain()
    address, size = deploy_verifier(language, vk, tmp_path, chain)
    call = Call.from_zkml(proof, public)
    result = chain.call(address, call.data())
    assert result.accepted, result
    GAS_REPORT[(language, source, n)] = (result.gas, size, calldata_gas(call.data()))
    # Targets (issue #38): at 16 signals the Solidity runtime within 3 KB, the Vyper twin's 4.5 KB.
    limit = (3 * 1024 if language == "solidity" else 4608) if n <= 16 else 6 * 1024
    assert size <= limit, f"{language} runtime bytecode {size} bytes > {limit} at {n} signals"
    if source == "zkml":  # ML-sized signals (squares of signed 8-bit values)
        first = 214_500 if language == "solidity" else 215_000
        assert result.gas <= first + 6_900 * (n - 1), f"{result.gas} gas for {n} public signals"


def test_gas_per_further_signal(language: str) -> None:
    rows = {n: GAS_REPORT.get((language, "zkml", n)) for n in (1, 2, 4, 16)}
    if any(row is None for row in rows.values()):
        pytest.skip("gas rows for zkml proofs missing (run the whole module)")
    per_signal = (rows[16][0] - rows[1][0]) / 15
    assert rows[1][0] <= (214_500 if language == "solidity" else 215_000)
    assert per_signal <= 6_900, f"{per_signal:.0f} gas per further signal"


def pytest_terminal_summary_rows() -> list[str]:
    lines = ["language  source     signals  tx gas    per further signal  runtime bytes  calldata gas"]
    for (language, source, n), (gas, size, cd) in sorted(GAS_REPORT.items()):
        base = GAS_REPORT.get((language, source, 1))
        per = f"{(gas - base[0]) / (n - 1):.0f}" if base and n > 1 else "-"
        lines.append(f"{language:9} {source:10} {n:7}  {gas:8,}  {per:>18}  {size:13,}  {cd:12,}")
    return lines


# MARK: - Golden sources compile

def test_golden_vyper_compiles_and_checks_ranges() -> None:
    """The committed golden Vyper file (key of small generator multiples) compiles, deploys, and
    returns false for signals ≥ r and coordinates ≥ q without a valid proof to hand."""
    init, runtime = compile_vyper(GOLDEN / "Verifier.vy")
    chain = Chain()
    address = chain.deploy(init)
    from vyper.utils import method_id
    selector = method_id("verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[3])")
    g1 = [1, 2]
    g2 = [11559732032986387107991004021392285783925812861821192530917403151452391805634,
          10857046999023057135944570762232829481370756359578518086990519993285655852781,
          4082367875863433681332203403145435568316851327593401208105741076214120093531,
          8495653923123431417604973247489272438418190587263600148770280649306958101930]
    words = g1 + g2 + g1 + [1, 2, 3]
    data = lambda w: selector + b"".join(x.to_bytes(32, "big") for x in w)  # noqa: E731
    assert chain.call(address, data(words)).value == 0  # well-formed but not a proof
    assert chain.call(address, data(g1 + g2 + g1 + [R, 2, 3])).rejected
    assert chain.call(address, data([Q + 1, 2] + g2 + g1 + [1, 2, 3])).rejected


SOLC_OPTIONS = {"optimized": ("--optimize", "--optimize-runs", "200"), "unoptimized": (),
                "via-ir": ("--optimize", "--via-ir")}


@pytest.mark.parametrize("options", SOLC_OPTIONS.values(), ids=SOLC_OPTIONS.keys())
@pytest.mark.parametrize("name,contract", [("Verifier.sol", "Groth16Verifier"), ("ZKMLOracle.sol", "ZKMLOracle"),
                                           ("VerifierCommitment.sol", "Groth16Verifier"),
                                           ("ZKMLOracleCommitment.sol", "ZKMLOracle")])
def test_golden_solidity_compiles_without_warnings(name: str, contract: str, options: tuple[str, ...]) -> None:
    """Every committed golden Solidity file compiles with and without the optimizer (and through
    the IR pipeline) with no warning, and deploys."""
    init, runtime = compile_solidity(GOLDEN / name, contract=contract, options=options)
    assert runtime
    if contract == "Groth16Verifier":
        Chain().deploy(init)


def test_export_verifier_errors(tmp_path: Path) -> None:
    from evm_support import zkml
    missing = zkml("export-verifier", "--vk", str(tmp_path / "absent.json"), "--out", str(tmp_path / "V.sol"))
    assert missing.returncode == 2 and "absent.json" in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    bad = tmp_path / "vk.json"
    bad.write_text(json.dumps({"protocol": "groth16", "IC": []}))
    result = zkml("export-verifier", "--vk", str(bad), "--out", str(tmp_path / "V.sol"))
    assert result.returncode == 2 and "vk.json" in result.stderr and "IC" in result.stderr
    assert not (tmp_path / "V.sol").exists()
    usage = zkml("calldata", "--proof", str(bad))
    assert usage.returncode == 2 and "--public" in usage.stderr
