"""Helpers for the EVM tests: the zkml binary, proofs, compilers and an in-process EVM (pyrevm).

Proof sources, all turned into contract calls by `zkml export-verifier` and `zkml calldata`:
- snarkjs: the shared Groth16 fixture (its key read straight from the .zkey);
- zkml: real proofs from `zkml setup` / `zkml prove` on small circom-format circuits written here;
- simulated: keys made here with known secrets and proofs built from them (py_ecc). They satisfy
  the Groth16 equation exactly as an honest proof does, and their public signals can be any
  value, so the gas table can show full-width signals too;
- lookup: keys and proofs with a commitment round (C₁, challenges hashed from it) from the hidden
  `zkml dev lookup-proof`, a small hand-written logUp circuit (ZKSynthetic's SyntheticLookup),
  until `zkml compile` emits lookups.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pyrevm import EVM

Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583
R = 21888242871839275222246405745257275088548364400416034343698204186575808495617

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
CALLER = "0x" + "11" * 20


# MARK: - Paths and the zkml binary

def fixtures_dir() -> Path | None:
    """`$ZKML_FIXTURES`, or `../shared/fixtures` beside the repository, or None."""
    env = os.environ.get("ZKML_FIXTURES")
    candidate = Path(env) if env else REPO.parent / "shared" / "fixtures"
    return candidate if candidate.is_dir() else None


def zkml_binary() -> Path:
    """`$ZKML_BIN`, else `.build/release/zkml`, built with `swift build -c release` if missing."""
    env = os.environ.get("ZKML_BIN")
    if env:
        return Path(env)
    path = REPO / ".build" / "release" / "zkml"
    if not path.exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "zkml"], cwd=REPO, check=True)
    return path


def zkml(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(zkml_binary()), *args], capture_output=True, text=True)


def zkml_ok(*args: str) -> str:
    done = zkml(*args)
    assert done.returncode == 0, f"zkml {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}"
    return done.stdout


# MARK: - Compilers

def compile_vyper(path: Path) -> tuple[bytes, bytes]:
    """(init code, runtime code) from the vyper package."""
    from vyper import compile_code

    out = compile_code(path.read_text(), output_formats=["bytecode", "bytecode_runtime"])
    return bytes.fromhex(out["bytecode"][2:]), bytes.fromhex(out["bytecode_runtime"][2:])


def solc_path() -> str | None:
    """`solc` on PATH, else the one the project's machines carry at ../shared/tools/solc."""
    found = shutil.which("solc")
    if found:
        return found
    shared = REPO.parent / "shared" / "tools" / "solc" / "solc"
    return str(shared) if shared.is_file() and os.access(shared, os.X_OK) else None


def solc_required() -> bool:
    """In CI (`CI` set) and at `ZKML_TEST_LEVEL=full` a missing solc fails the run."""
    return bool(os.environ.get("CI")) or os.environ.get("ZKML_TEST_LEVEL") == "full"


def require_solc(what: str = "Solidity verifier not compiled") -> str:
    """The solc path; without one, a skip that says so locally, a failure in CI and at the full level."""
    import pytest
    path = solc_path()
    if path:
        return path
    message = f"{what}: no `solc` on PATH (put ../shared/tools/solc on PATH; see its README)"
    if solc_required():
        pytest.fail(message + "; solc is required in CI and at ZKML_TEST_LEVEL=full", pytrace=False)
    pytest.skip("SKIPPED: " + message)


SOLC_DEFAULT = ("--optimize", "--optimize-runs", "200")


def compile_solidity(path: Path, contract: str = "Groth16Verifier",
                     options: tuple[str, ...] = SOLC_DEFAULT) -> tuple[bytes, bytes]:
    """(init code, runtime code) from solc (optimizer on, 200 runs, by default). Any warning
    fails: the generated files must compile cleanly."""
    done = subprocess.run(
        [require_solc(), *options, "--combined-json", "bin,bin-runtime", str(path)],
        capture_output=True, text=True)
    assert done.returncode == 0, f"solc {' '.join(options)} failed on {path.name}:\n{done.stderr}"
    assert "Warning" not in done.stderr, f"solc {' '.join(options)} warned on {path.name}:\n{done.stderr}"
    contracts = json.loads(done.stdout)["contracts"]
    entry = next(v for k, v in contracts.items() if k.endswith(":" + contract))
    return bytes.fromhex(entry["bin"]), bytes.fromhex(entry["bin-runtime"])


def export_verifier(language: str, vk: Path, directory: Path, name: str = "Verifier") -> tuple[Path, bytes, bytes]:
    """`zkml export-verifier` for `vk` in `language` ("solidity" or "vyper"), compiled:
    (source path, init code, runtime code). Solidity needs solc (see `require_solc`)."""
    if language == "solidity":
        require_solc()
    out = directory / (name + (".sol" if language == "solidity" else ".vy"))
    zkml_ok("export-verifier", "--vk", str(vk), "--out", str(out), "--lang", language)
    init, runtime = compile_solidity(out) if language == "solidity" else compile_vyper(out)
    return out, init, runtime


def deploy_verifier(language: str, vk: Path, directory: Path, chain: "Chain", name: str = "Verifier") -> tuple[str, int]:
    """Exports, compiles and deploys the verifier for `vk`: (address, runtime size in bytes)."""
    _, init, runtime = export_verifier(language, vk, directory, name)
    return chain.deploy(init), len(runtime)


# MARK: - The EVM

class Chain:
    """A fresh in-memory chain (Cancun rules) with one funded caller."""

    def __init__(self) -> None:
        self.evm = EVM(spec_id="CANCUN")
        self.evm.set_balance(CALLER, 10**24)

    def deploy(self, init_code: bytes) -> str:
        return self.evm.deploy(CALLER, init_code)

    def call(self, to: str, data: bytes) -> "CallResult":
        """A transaction to `to`; gas is the whole transaction's (21000, calldata, execution)."""
        try:
            output = self.evm.message_call(CALLER, to, data)
        except Exception as error:  # pyrevm raises on revert and halt
            return CallResult(reverted=True, value=None, gas=None, detail=str(error))
        result = self.evm.result
        value = int.from_bytes(output, "big") if len(output) == 32 else None
        return CallResult(reverted=not result.is_success, value=value, gas=result.gas_used, detail="")


@dataclass
class CallResult:
    reverted: bool
    value: int | None
    gas: int | None
    detail: str

    @property
    def accepted(self) -> bool:
        return not self.reverted and self.value == 1

    @property
    def rejected(self) -> bool:
        """False or revert, the two acceptable answers to a bad proof."""
        return self.reverted or self.value == 0


def calldata_gas(data: bytes) -> int:
    zeros = data.count(0)
    return 4 * zeros + 16 * (len(data) - zeros)


# MARK: - Calldata words

@dataclass
class Call:
    """The contract call as integers: a, b (EIP-197 order), c, [commitment,] signals."""
    words: list[int]  # 8 proof words (10 with a commitment C₁) then the signals
    selector: bytes
    proof_words: int = 8

    @property
    def signals(self) -> list[int]:
        return self.words[self.proof_words:]

    def data(self, words: list[int] | None = None) -> bytes:
        return self.selector + b"".join(w.to_bytes(32, "big") for w in (words or self.words))

    @staticmethod
    def from_zkml(proof: Path, public: Path) -> "Call":
        encoded = bytes.fromhex(zkml_ok("calldata", "--proof", str(proof), "--public", str(public)).strip()[2:])
        nested = json.loads(zkml_ok("calldata", "--proof", str(proof), "--public", str(public), "--json"))
        assert len(nested) in (4, 5), nested
        words = [int(x) for x in nested[0]] + [int(x) for pair in nested[1] for x in pair] \
            + [int(x) for part in nested[2:] for x in part]
        call = Call(words=words, selector=encoded[:4], proof_words=8 if len(nested) == 4 else 10)
        assert call.data() == encoded, "zkml calldata hex and --json disagree"
        return call


# MARK: - Simulated keys and proofs (py_ecc)

def simulated_case(directory: Path, n: int, signals: list[int], seed: int) -> tuple[Path, Path, Path]:
    """A snarkjs-layout key for `n` public signals with known secrets, and a proof for `signals`.

    With α, β, γ, δ, uᵢ known (ICᵢ = [uᵢ]G1), pick a, b; then C = [c]G1 with
    c = (a·b − α·β − ℓ·γ) / δ, ℓ = u₀ + Σ sᵢ·uᵢ, satisfies e(A, B) = e(α, β)·e(L, γ)·e(C, δ).
    """
    from py_ecc.optimized_bn128 import G1, G2, multiply, normalize

    rng = random.Random(seed)
    alpha, beta, gamma, delta, a, b = (rng.randrange(1, R) for _ in range(6))
    u = [rng.randrange(1, R) for _ in range(n + 1)]
    ell = (u[0] + sum(s * ui for s, ui in zip(signals, u[1:]))) % R
    c = (a * b - alpha * beta - ell * gamma) * pow(delta, -1, R) % R

    def g1(k: int) -> list[str]:
        x, y = normalize(multiply(G1, k))
        return [str(x.n), str(y.n), "1"]

    def g2(k: int) -> list[list[str]]:
        x, y = normalize(multiply(G2, k))
        return [[str(x.coeffs[0]), str(x.coeffs[1])], [str(y.coeffs[0]), str(y.coeffs[1])], ["1", "0"]]

    key = {"protocol": "groth16", "curve": "bn128", "nPublic": n, "vk_alpha_1": g1(alpha),
           "vk_beta_2": g2(beta), "vk_gamma_2": g2(gamma), "vk_delta_2": g2(delta), "IC": [g1(k) for k in u]}
    proof = {"pi_a": g1(a), "pi_b": g2(b), "pi_c": g1(c), "protocol": "groth16", "curve": "bn128"}
    paths = directory / "verification_key.json", directory / "proof.json", directory / "public.json"
    paths[0].write_text(json.dumps(key))
    paths[1].write_text(json.dumps(proof))
    paths[2].write_text(json.dumps([str(s) for s in signals]))
    return paths


# MARK: - Small circom-format circuits for real zkml proofs

def write_square_circuit(directory: Path, xs: list[int]) -> tuple[Path, Path]:
    """`outᵢ = xᵢ · xᵢ` with public outputs `outᵢ` and private `xᵢ`, as iden3 .r1cs and .wtns."""
    n = len(xs)
    n_wires = 1 + 2 * n
    le = lambda v: (v % R).to_bytes(32, "little")  # noqa: E731
    prime = R.to_bytes(32, "little")

    def lc(terms: list[tuple[int, int]]) -> bytes:
        return struct.pack("<I", len(terms)) + b"".join(struct.pack("<I", w) + le(c) for w, c in terms)

    constraints = b"".join(lc([(1 + n + i, 1)]) + lc([(1 + n + i, 1)]) + lc([(1 + i, 1)]) for i in range(n))
    header = struct.pack("<I", 32) + prime + struct.pack("<IIIIQI", n_wires, n, 0, n, n_wires, n)
    labels = b"".join(struct.pack("<Q", i) for i in range(n_wires))

    def container(magic: bytes, version: int, sections: list[tuple[int, bytes]]) -> bytes:
        out = magic + struct.pack("<II", version, len(sections))
        for kind, body in sections:
            out += struct.pack("<IQ", kind, len(body)) + body
        return out

    r1cs = directory / "circuit.r1cs"
    r1cs.write_bytes(container(b"r1cs", 1, [(1, header), (2, constraints), (3, labels)]))
    values = [1] + [x * x % R for x in xs] + [x % R for x in xs]
    wtns = directory / "witness.wtns"
    wtns.write_bytes(container(b"wtns", 2, [(1, struct.pack("<I", 32) + prime + struct.pack("<I", n_wires)),
                                            (2, b"".join(le(v) for v in values))]))
    return r1cs, wtns


def zkml_case(directory: Path, xs: list[int]) -> tuple[Path, Path, Path]:
    """A real zkml key and proof (setup, prove) for the square circuit."""
    r1cs, wtns = write_square_circuit(directory, xs)
    keys = directory / "keys"
    zkml_ok("setup", str(r1cs), "--out", str(keys))
    proof, public = directory / "proof.json", directory / "public.json"
    zkml_ok("prove", str(r1cs), "--pk", str(keys / "pk.bin"), "--wtns", str(wtns),
            "--proof", str(proof), "--public", str(public))
    zkml_ok("verify", "--vk", str(keys / "verification_key.json"), "--proof", str(proof), "--public", str(public))
    return keys / "verification_key.json", proof, public


def zkml_has(verb: str) -> bool:
    return verb in zkml("--help").stdout


# MARK: - Proofs with a commitment round (lookups)

def zkml_has_lookup_proofs() -> bool:
    """Whether this zkml binary has the hidden `dev lookup-proof` (not listed by --help)."""
    return zkml("dev", "lookup-proof", "--help").returncode == 0


def lookup_case(directory: Path, n: int, challenges: int = 1, seed: int = 1,
                chosen_challenge: bool = False) -> tuple[Path, Path, Path]:
    """A key and proof with a commitment round for `n` public signals and `challenges` challenges
    (`zkml dev lookup-proof`; setup and prover randomness from `seed`, the signals from `n` and
    `challenges` only, so two seeds are two keys for one statement). With `chosen_challenge` the
    proof is made for challenges other than the hash (zkml's own verify rejects it)."""
    directory.mkdir(parents=True, exist_ok=True)
    args = ["dev", "lookup-proof", "--out", str(directory), "--public", str(n), "--challenges", str(challenges),
            "--seed", str(seed)] + (["--chosen-challenge"] if chosen_challenge else [])
    verdict = zkml_ok(*args).strip()
    assert (verdict == "valid") != chosen_challenge, verdict
    paths = directory / "verification_key.json", directory / "proof.json", directory / "public.json"
    verified = zkml("verify", "--vk", str(paths[0]), "--proof", str(paths[1]), "--public", str(paths[2]))
    assert (verified.returncode == 0) != chosen_challenge, verified.stdout + verified.stderr
    return paths
