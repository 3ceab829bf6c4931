#!/usr/bin/env python3
"""Known-answer vector for zkml's commitment-round challenges (docs/groth16.md):

    c_k = uint256(keccak256(DST || k || C1.x || C1.y || x_1 || ... || x_n)) mod r

every item a 32-byte big-endian word, DST = keccak256("zkml.groth16.commitment.v1").
Computed here with pycryptodome's Keccak-256 (an implementation independent of zkml's) for
C1 = the BN254 G1 generator (1, 2) and public inputs [1, 2], two challenges; written to
Tests/ZKGroth16Tests/Vectors/commitment_challenge.txt, one decimal per line.

    python3 -m pip install pycryptodome==3.24.1 && python3 scripts/commitment_challenge_vector.py
"""
import pathlib
from Crypto.Hash import keccak

R = 21888242871839275222246405745257275088548364400416034343698204186575808495617


def keccak256(data: bytes) -> bytes:
    return keccak.new(digest_bits=256, data=data).digest()


def word(value: int) -> bytes:
    return value.to_bytes(32, "big")


def challenges(c1, inputs, count):
    tag = keccak256(b"zkml.groth16.commitment.v1")
    body = word(c1[0]) + word(c1[1]) + b"".join(word(x) for x in inputs)
    return [int.from_bytes(keccak256(tag + word(k) + body), "big") % R for k in range(count)]


if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/ZKGroth16Tests/Vectors/commitment_challenge.txt"
    out.write_text("".join(f"{c}\n" for c in challenges((1, 2), [1, 2], 2)))
    print(out.read_text(), end="")
