#!/usr/bin/env python3
"""Writes Tests/ZKPairingTests/Vectors/pairing_py_ecc.json: BN254 pairing known answers computed
by py_ecc (the Ethereum Foundation's pure-Python implementation, pinned in
scripts/requirements-vectors.txt), an implementation independent of zkml's.

    python3 -m venv /tmp/zkml-vectors
    /tmp/zkml-vectors/bin/pip install -r scripts/requirements-vectors.txt
    /tmp/zkml-vectors/bin/python scripts/pairing_vectors.py

Basis conversion. py_ecc represents Fq12 as Fq[w]/(w^12 - 18 w^6 + 82) with twelve Fq
coefficients P_0..P_11 of w^0..w^11, and embeds Fq2 by u = w^6 - 9 (so w^6 = 9 + u = xi); its
twist maps (x, y) on G2 to (x w^2, y w^3). zkml's tower Fq12 = Fq6[w]/(w^2 - v),
Fq6 = Fq2[v]/(v^3 - xi) is the same field with the same w and the same twist, written as
sum_{i<6} a_i w^i with a_i in Fq2. From a_i w^i = (a_i0 - 9 a_i1) w^i + a_i1 w^(i+6):
    a_i1 = P_(i+6),   a_i0 = P_i + 9 P_(i+6)   (mod p).
The JSON stores, for each value, the six a_i in w-order as [real, imag] decimal strings, i.e.
[c0.c0, c1.c0, c0.c1, c1.c1, c0.c2, c1.c2] of zkml's Fq12. Both sides compute the standard
reduced pairing f^((p^12 - 1)/r), so values must agree exactly (no extra exponent).

Scalars come from a fixed seed, so the output is reproducible byte for byte.
"""
import json
import os
import random

from py_ecc import optimized_bn128 as bn

P = bn.field_modulus
R = bn.curve_order


def to_w_coefficients(f12):
    coeffs = [int(c) % P for c in f12.coeffs]
    out = []
    for i in range(6):
        imag = coeffs[i + 6]
        real = (coeffs[i] + 9 * imag) % P
        out.append([str(real), str(imag)])
    return out


def g1_json(pt):
    x, y = bn.normalize(pt)
    return [str(int(x)), str(int(y))]


def g2_json(pt):
    x, y = bn.normalize(pt)
    # [[x.real, x.imag], [y.real, y.imag]] (py_ecc FQ2 coeffs are (real, imag)).
    return [[str(int(x.coeffs[0])), str(int(x.coeffs[1]))], [str(int(y.coeffs[0])), str(int(y.coeffs[1]))]]


def main():
    rng = random.Random(0x5A17)
    cases = []
    scalars = [(1, 1)] + [(rng.randrange(1, R), rng.randrange(1, R)) for _ in range(3)]
    for a, b in scalars:
        p = bn.multiply(bn.G1, a)
        q = bn.multiply(bn.G2, b)
        value = bn.pairing(q, p)  # py_ecc's argument order is (G2, G1)
        cases.append({
            "a": str(a), "b": str(b),
            "g1": g1_json(p), "g2": g2_json(q),
            "pairing": to_w_coefficients(value),
        })
    document = {
        "generator": "scripts/pairing_vectors.py with py_ecc==8.0.0 (optimized_bn128.pairing)",
        "layout": "pairing = Fq12 coefficients a_0..a_5 of w^0..w^5 (w^6 = 9 + u), each [real, imag]; "
                  "= [c0.c0, c1.c0, c0.c1, c1.c1, c0.c2, c1.c2] of Fq6[w]/(w^2 - v); g1 = [x, y]; "
                  "g2 = [[x.real, x.imag], [y.real, y.imag]]; g1 = [a]G1, g2 = [b]G2",
        "cases": cases,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Tests", "ZKPairingTests", "Vectors", "pairing_py_ecc.json")
    with open(path, "w") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")
    print("wrote", os.path.normpath(path), len(cases), "cases")


if __name__ == "__main__":
    main()
