#!/usr/bin/env python3
"""Independent Groth16 check with py_ecc (Ethereum Foundation's pure-Python BN254 pairing).

Usage: pyecc_verify.py verification_key.json proof.json public.json
Exit 0 when e(A, B) = e(alpha, beta) * e(sum x_i IC_i, gamma) * e(C, delta) holds, 1 when it does
not (or a point is off its curve, or a public signal is >= r), 2 on a usage error.

It shares no code with zkml: the files are read as snarkjs JSON (decimal strings, G2 coordinates
real part first) and every operation is py_ecc's. The Swift tests run it on zkml's proofs.
"""
import json
import sys

from py_ecc.optimized_bn128 import (FQ, FQ2, FQ12, add, b, b2, curve_order, field_modulus,
                                    is_on_curve, multiply, neg, pairing, Z1)


def g1(values):
    x, y, z = (int(v) for v in values)
    if z == 0:
        return Z1
    if z != 1 or x >= field_modulus or y >= field_modulus:
        raise ValueError("bad G1 point")
    point = (FQ(x), FQ(y), FQ(1))
    if not is_on_curve(point, b):
        raise ValueError("G1 point off the curve")
    return point


def g2(values):
    (x0, x1), (y0, y1), (z0, z1) = ((int(a), int(c)) for a, c in values)
    if (z0, z1) != (1, 0) or max(x0, x1, y0, y1) >= field_modulus:
        raise ValueError("bad G2 point")
    point = (FQ2([x0, x1]), FQ2([y0, y1]), FQ2([1, 0]))
    if not is_on_curve(point, b2):
        raise ValueError("G2 point off the twist")
    # Subgroup: r * P must be the point at infinity.
    if multiply(point, curve_order)[2] != FQ2([0, 0]):
        raise ValueError("G2 point outside the subgroup")
    return point


def verify(vk, proof, signals):
    if len(signals) != len(vk["IC"]) - 1:
        return False, "wrong number of public signals"
    if any(s < 0 or s >= curve_order for s in signals):
        return False, "public signal >= r"
    try:
        a, b_point, c = g1(proof["pi_a"]), g2(proof["pi_b"]), g1(proof["pi_c"])
        alpha, beta = g1(vk["vk_alpha_1"]), g2(vk["vk_beta_2"])
        gamma, delta = g2(vk["vk_gamma_2"]), g2(vk["vk_delta_2"])
        ic = [g1(p) for p in vk["IC"]]
    except ValueError as error:
        return False, str(error)
    accumulator = ic[0]
    for signal, point in zip(signals, ic[1:]):
        accumulator = add(accumulator, multiply(point, signal))
    # One final-exponentiated product: e(-A, B) e(alpha, beta) e(L, gamma) e(C, delta) == 1.
    product = (pairing(b_point, neg(a)) * pairing(beta, alpha) * pairing(gamma, accumulator)
               * pairing(delta, c))
    return product == FQ12.one(), "pairing equation"


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        with open(argv[1]) as f:
            vk = json.load(f)
        with open(argv[2]) as f:
            proof = json.load(f)
        with open(argv[3]) as f:
            signals = [int(s) for s in json.load(f)]
    except (OSError, ValueError, KeyError) as error:
        print(f"pyecc_verify: {error}", file=sys.stderr)
        return 2
    ok, reason = verify(vk, proof, signals)
    print("valid" if ok else f"invalid: {reason}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
