"""ZKMLOracle end to end on the EVM: a real model proof (Circuits/mlp_digits, 64 public inputs and
10 public outputs) submitted through the generated verifier and oracle.

Checked, as docs/evm.md documents them: an honest submission records the outputs under
keccak256 of the input signals and emits `InferenceRecorded`; the outputs and the commitment read
back equal the proof's; a tampered proof, a proof made with another key for the same model, and a
bad output range revert with the oracle's custom errors; a replayed submission (the same proof, or
a re-randomised one for the same inputs) reverts with `AlreadyRecorded` and changes nothing.

Run from the repository root:  python3 -m pytest Tests/EVM/test_oracle.py -s
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evm_support import CALLER, Q, R, Call, Chain, compile_solidity, require_solc, zkml_has, zkml_ok

MODEL = Path(__file__).resolve().parents[2] / "Circuits" / "mlp_digits"


def keccak(data: bytes) -> bytes:
    from vyper.utils import keccak256
    return keccak256(data)


def selector(signature: str) -> bytes:
    return keccak(signature.encode())[:4]


def word(value: int) -> bytes:
    return value.to_bytes(32, "big")


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> dict:
    """mlp_digits compiled once, set up twice (two keys for one circuit), proved with each key."""
    if not zkml_has("prove"):
        pytest.skip("this zkml binary has no compile/setup/prove verbs")
    require_solc("ZKMLOracle.sol and Verifier.sol not compiled")
    d = tmp_path_factory.mktemp("oracle")
    zkml_ok("compile", str(MODEL / "network.onnx"), "--out", str(d))
    out = {"dir": d}
    for name in ("mine", "other"):
        keys = d / name
        zkml_ok("setup", str(d / "model.zkml"), "--out", str(keys))
        zkml_ok("prove", str(d / "model.zkml"), "--pk", str(keys / "pk.bin"), "--input", str(MODEL / "input.json"),
                "--proof", str(keys / "proof.json"), "--public", str(keys / "public.json"),
                "--output", str(keys / "output.json"))
        out[name] = keys
    zkml_ok("export-verifier", "--vk", str(d / "mine" / "verification_key.json"),
            "--out", str(d / "Verifier.sol"), "--with-oracle")
    key = json.loads((d / "mine" / "verification_key.json").read_text())
    entries = key["zkml_model"]["public_signals"]["entries"]
    output = next(e for e in entries if e["role"] == "output")
    out["first_output"], out["output_count"] = output["offset"], output["shape"][-1]
    # The signals the verifier and the oracle take: unpacked (a packed key has fewer IC points).
    out["n"] = key.get("zkml_public_packing", {}).get("values", key["nPublic"])
    return out


class Oracle:
    def __init__(self, model: dict, first_output: int | None = None, output_count: int | None = None) -> None:
        d = model["dir"]
        self.chain = Chain()
        verifier_init, _ = compile_solidity(d / "Verifier.sol")
        self.verifier = self.chain.deploy(verifier_init)
        oracle_init, _ = compile_solidity(d / "ZKMLOracle.sol", contract="ZKMLOracle")
        first = model["first_output"] if first_output is None else first_output
        count = model["output_count"] if output_count is None else output_count
        self.n = model["n"]
        self.address = self.chain.deploy(oracle_init + word(int(self.verifier, 16)) + word(first) + word(count))

    def transact(self, signature: str, args: bytes) -> tuple[bool, bytes]:
        """(success, return or revert data) of a state-changing call."""
        try:
            output = self.chain.evm.message_call(CALLER, self.address, selector(signature) + args)
        except Exception as error:  # pyrevm raises on revert; the message carries the revert data
            return False, revert_data(str(error))
        return True, bytes(output)

    def submit(self, call: Call) -> tuple[bool, bytes]:
        # A key with a commitment round (the default when lookups are cheaper) adds C₁ before the signals.
        commitment = "uint256[2]," if call.proof_words == 10 else ""
        return self.transact(f"submit(uint256[2],uint256[2][2],uint256[2],{commitment}uint256[{self.n}])", call.data()[4:])

    def view(self, signature: str, args: bytes = b"") -> bytes:
        ok, output = self.transact(signature, args)
        assert ok, f"{signature} reverted"
        return output


def revert_data(message: str) -> bytes:
    """The revert payload pyrevm puts in its exception text (`output: Some(0x…)` or `0x…`)."""
    import re
    found = re.findall(r"0x([0-9a-fA-F]*)", message)
    return bytes.fromhex(found[-1]) if found else b""


def decode_array(data: bytes) -> list[int]:
    """ABI-decodes one `uint256[]` return value."""
    offset = int.from_bytes(data[:32], "big")
    length = int.from_bytes(data[offset:offset + 32], "big")
    return [int.from_bytes(data[offset + 32 * (i + 1):offset + 32 * (i + 2)], "big") for i in range(length)]


def field(value: int) -> int:
    return value % R


def test_honest_submission_is_recorded_and_read_back(model) -> None:
    oracle = Oracle(model)
    mine = model["mine"]
    call = Call.from_zkml(mine / "proof.json", mine / "public.json")
    first, count = model["first_output"], model["output_count"]
    inputs = [s for i, s in enumerate(call.signals) if not first <= i < first + count]
    expected_commitment = keccak(b"".join(word(s) for s in inputs))

    ok, output = oracle.submit(call)
    assert ok, f"honest submission reverted: {output.hex()}"
    logs, gas = oracle.chain.evm.result.logs, oracle.chain.evm.result.gas_used
    print(f"\nZKMLOracle.submit, mlp_digits ({oracle.n} public signals): {gas:,} gas")
    assert output == expected_commitment
    assert oracle.view("inputCommitmentOf(uint256[" + str(oracle.n) + "])", call.data()[4 + 32 * call.proof_words:]) == expected_commitment
    assert int.from_bytes(oracle.view("recorded(bytes32)", expected_commitment), "big") == 1

    # The recorded outputs are the proof's output signals, which are the integers `zkml prove`
    # reported (negative ones as r − |q|).
    recorded = decode_array(oracle.view("outputsOf(bytes32)", expected_commitment))
    integers = json.loads((mine / "output.json").read_text())["output_integers"][0]
    assert recorded == call.signals[first:first + count] == [field(v) for v in integers]

    # One InferenceRecorded(inputCommitment indexed, submitter indexed, outputs) event.
    assert len(logs) == 1
    topics = [bytes(t) if not isinstance(t, str) else bytes.fromhex(t.removeprefix("0x")) for t in logs[0].topics]
    assert topics[0] == keccak(b"InferenceRecorded(bytes32,address,uint256[])")
    assert topics[1] == expected_commitment
    assert topics[2] == word(int(CALLER, 16))
    data = logs[0].data  # pyrevm gives (topics, data) here
    assert decode_array(bytes(data[-1] if isinstance(data, (tuple, list)) else data)) == recorded

    # Nothing is recorded under another commitment.
    assert decode_array(oracle.view("outputsOf(bytes32)", word(1))) == []


def test_tampered_and_foreign_proofs_revert(model) -> None:
    oracle = Oracle(model)
    mine, other = model["mine"], model["other"]
    call = Call.from_zkml(mine / "proof.json", mine / "public.json")
    invalid = selector("ProofInvalid()")
    cases = {}
    p = call.proof_words

    def tampered(index: int, value: int) -> Call:
        words = list(call.words)
        words[index] = value
        return Call(words, call.selector, p)

    cases["C moved off the curve"] = tampered(7, (call.words[7] + 1) % Q)
    words = list(call.words)
    words[0], words[1] = call.words[6], call.words[7]  # A replaced by C
    cases["A replaced by C"] = Call(words, call.selector, p)
    first = model["first_output"]
    cases["an output changed by one"] = tampered(p + first, field(call.words[p + first] + 1))
    cases["an input changed by one"] = tampered(p, field(call.words[p] + 1))
    if p == 10:
        # The commitment C₁ of the round-one wires: moved off the curve, or replaced by A.
        cases["the commitment moved off the curve"] = tampered(9, (call.words[9] + 1) % Q)
        words = list(call.words)
        words[8], words[9] = call.words[0], call.words[1]
        cases["the commitment replaced by A"] = Call(words, call.selector, p)
    cases["a proof made with another key for the same model"] = Call.from_zkml(other / "proof.json", other / "public.json")
    for name, bad in cases.items():
        ok, data = oracle.submit(bad)
        assert not ok and data[:4] == invalid, f"{name}: expected ProofInvalid(), got ok={ok} data={data.hex()}"
    # None of them recorded anything: the honest proof still goes through afterwards.
    ok, _ = oracle.submit(call)
    assert ok


def test_replayed_submission_reverts(model) -> None:
    oracle = Oracle(model)
    mine = model["mine"]
    call = Call.from_zkml(mine / "proof.json", mine / "public.json")
    ok, commitment = oracle.submit(call)
    assert ok
    already = selector("AlreadyRecorded(bytes32)") + commitment
    ok, data = oracle.submit(call)
    assert not ok and data == already, f"replay: ok={ok} data={data.hex()}"
    # A re-randomised proof of the same statement is a different byte string that still verifies
    # (Groth16 is malleable: A·k, B·k⁻¹); the oracle keys on the signals, so it is a replay too.
    from py_ecc.optimized_bn128 import FQ, FQ2, multiply, normalize
    k = 7
    a = (FQ(call.words[0]), FQ(call.words[1]), FQ(1))
    b = (FQ2([call.words[3], call.words[2]]), FQ2([call.words[5], call.words[4]]), FQ2([1, 0]))
    ax, ay = normalize(multiply(a, k))
    bx, by = normalize(multiply(b, pow(k, -1, R)))
    words = [int(ax.n), int(ay.n)] + [int(v) for v in (bx.coeffs[1], bx.coeffs[0], by.coeffs[1], by.coeffs[0])] + call.words[6:]
    randomised = Call(words, call.selector, call.proof_words)
    assert randomised.words != call.words
    assert oracle.chain.call(oracle.verifier, randomised.data()).accepted, "the re-randomised proof should verify"
    ok, data = oracle.submit(randomised)
    assert not ok and data == already, f"re-randomised replay: ok={ok} data={data.hex()}"


def test_output_range_is_checked_at_deployment(model) -> None:
    for first, count in [(0, 0), (model["n"], 1), (model["n"] - 1, 2)]:
        with pytest.raises(Exception):
            Oracle(model, first_output=first, output_count=count)
