"""Verifiers for packed public signals (`zkml compile`'s default layout, docs/evm.md "Public-signal
packing"), on pyrevm: Solidity (optimizer on) and the Vyper twin, real mlp_digits proofs with and
without a commitment round. Both entry points accept the honest proof — `verifyProof` with the
unpacked signals, `verifyPackedProof` with the words (`zkml calldata --packed`) — and every
negative case of a plain verifier is repeated on both: a signal moved by one, outside its width,
+ r or = r; a word moved by one or + r; A off the curve, a coordinate + q, C₁ off the curve."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evm_support import Q, R, REPO, Call, Chain, deploy_verifier, zkml, zkml_has, zkml_ok

MODEL = REPO / "Circuits" / "mlp_digits"

CONFIGURATIONS = {
    # lookups (a commitment round), 24-bit inputs: 74 signals in 8 words
    "default": [],
    # plain Groth16, 14-bit inputs: 74 signals in 5 words (the gas the issue measures against)
    "bits-inputs14": ["--range-checks", "bits", "--input-bits", "14"],
}


@pytest.fixture(scope="module", params=sorted(CONFIGURATIONS))
def packed_case(request, tmp_path_factory):
    if not zkml_has("compile"):
        pytest.skip("this zkml binary has no compile/setup/prove verbs")
    d = tmp_path_factory.mktemp("packed-" + request.param)
    zkml_ok("compile", str(MODEL / "network.onnx"), "--out", str(d / "build"), *CONFIGURATIONS[request.param])
    settings = json.loads((d / "build" / "settings.json").read_text())
    zkml_ok("setup", str(d / "build" / "model.zkml"), "--out", str(d / "keys"))
    proof, public = d / "proof.json", d / "public.json"
    zkml_ok("prove", str(d / "build" / "model.zkml"), "--pk", str(d / "keys" / "pk.bin"), "--input", str(MODEL / "input.json"),
            "--proof", str(proof), "--public", str(public))
    vk = d / "keys" / "verification_key.json"
    packing = json.loads(vk.read_text())["zkml_public_packing"]
    assert all(entry.get("packed_bits") is not None for entry in settings["public_signals"]["entries"])
    return request.param, d, vk, proof, public, packing


def packed_call(vk: Path, proof: Path, public: Path) -> bytes:
    return bytes.fromhex(zkml_ok("calldata", "--proof", str(proof), "--public", str(public), "--packed", "--vk", str(vk)).strip()[2:])


@pytest.mark.parametrize("language", ["solidity", "vyper"])
def test_packed_verifier_accepts_both_forms_and_rejects_tampering(packed_case, language: str) -> None:
    name, d, vk, proof, public, packing = packed_case
    chain = Chain()
    address, runtime = deploy_verifier(language, vk, d, chain)
    call = Call.from_zkml(proof, public)
    n = len(call.signals)
    assert n == packing["values"] == 74
    widths = [bits for count, bits in packing["runs"] for _ in range(count)]
    words = json.loads(zkml_ok("calldata", "--proof", str(proof), "--public", str(public), "--packed", "--vk", str(vk),
                               "--json"))[-1]
    unpacked, packed = chain.call(address, call.data()), chain.call(address, packed_call(vk, proof, public))
    assert unpacked.accepted and packed.accepted, (unpacked, packed)
    print(f"\npacked {name} {language}: {n} signals in {len(words)} words, verifyProof {unpacked.gas:,} gas, "
          f"verifyPackedProof {packed.gas:,} gas, runtime {runtime:,} B")

    p = call.proof_words
    bad_signals = {
        "signal 0 + 1": (p, lambda v: v + 1),
        "last signal + 1": (p + n - 1, lambda v: (v + 1) % R),
        "signal 5 at 2^(b-1)": (p + 5, lambda v: 1 << (widths[5] - 1)),
        "signal 5 at -2^(b-1) - 1": (p + 5, lambda v: R - (1 << (widths[5] - 1)) - 1),
        "signal 3 + r": (p + 3, lambda v: v + R),
        "signal 3 = r": (p + 3, lambda v: R),
        "A off the curve": (1, lambda v: (v + 1) % Q),
        "A.x + q": (0, lambda v: v + Q),
    }
    if p == 10:
        bad_signals["C1 off the curve"] = (9, lambda v: (v + 1) % Q)
    for what, (index, change) in bad_signals.items():
        w = list(call.words)
        w[index] = change(w[index])
        result = chain.call(address, call.data(w))
        assert result.rejected, f"{language} verifyProof accepted {what}"

    # The same on the words: the selector and proof of the packed call, then the words.
    packed_data = packed_call(vk, proof, public)
    head, words = packed_data[: 4 + 32 * p], [int(x) for x in words]
    for what, change in {"word 0 + 1": lambda ws: [ws[0] + 1] + ws[1:], "last word + 1": lambda ws: ws[:-1] + [ws[-1] + 1],
                         "word 0 + r": lambda ws: [ws[0] + R] + ws[1:], "word 1 = r": lambda ws: [ws[0], R] + ws[2:]}.items():
        data = head + b"".join(x.to_bytes(32, "big") for x in change(words))
        assert chain.call(address, data).rejected, f"{language} verifyPackedProof accepted {what}"
    a_off = bytearray(packed_data)
    a_off[4 + 63] ^= 1
    assert chain.call(address, bytes(a_off)).rejected, f"{language} verifyPackedProof accepted A off the curve"


def test_calldata_packed_needs_the_key_and_checks_the_signals(packed_case, tmp_path: Path) -> None:
    _, d, vk, proof, public, packing = packed_case
    done = zkml("calldata", "--proof", str(proof), "--public", str(public), "--packed")
    assert done.returncode == 2 and "--vk" in done.stderr
    signals = json.loads(public.read_text())
    signals[0] = str(1 << 40)
    bad = tmp_path / "public.json"
    bad.write_text(json.dumps(signals))
    done = zkml("calldata", "--proof", str(proof), "--public", str(bad), "--packed", "--vk", str(vk))
    assert done.returncode == 2 and "element 0" in done.stderr, done.stderr
