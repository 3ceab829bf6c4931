#!/usr/bin/env python3
"""Prints the Montgomery constants of the BN254 fields, as pasted into
Sources/ZKField/BN254+Fr.swift and BN254+Fq.swift. Tests recompute every value with GMP.

    python3 scripts/field_constants.py
"""

FIELDS = {
    # scalar field r = order of G1/G2; multiplicative generator 5 (smallest quadratic
    # non-residue that generates Fr*)
    "Fr": (21888242871839275222246405745257275088548364400416034343698204186575808495617, 5),
    # base field p; multiplicative generator 3
    "Fq": (21888242871839275222246405745257275088696311157297823662689037894645226208583, 3),
}


def limbs(x):
    return ", ".join("0x%016x" % ((x >> (64 * i)) & (2**64 - 1)) for i in range(4))


def factor_small(n):
    fs, d = [], 2
    while d * d <= n and d < 10**6:
        while n % d == 0:
            fs.append(d)
            n //= d
        d += 1
    return fs, n


for name, (m, g) in FIELDS.items():
    R = 2**256 % m
    s = 0
    while (m - 1) % (2 ** (s + 1)) == 0:
        s += 1
    t = (m - 1) >> s
    root = pow(g, t, m)  # primitive 2^s-th root of unity
    assert pow(root, 2 ** (s - 1), m) == m - 1
    print(f"// {name}: modulus {m}")
    print(f"modulus      = ({limbs(m)})")
    print(f"inv          = 0x{(-pow(m, -1, 2**64)) % 2**64:016x}  // -m^-1 mod 2^64")
    print(f"R            = ({limbs(R)})  // 2^256 mod m")
    print(f"R2           = ({limbs(R * R % m)})  // 2^512 mod m")
    print(f"R3           = ({limbs(R * R * R % m)})  // 2^768 mod m")
    print(f"twoAdicity   = {s}")
    print(f"generator    = {g}")
    print(f"root (mont)  = ({limbs(root * R % m)})  // g^((m-1)/2^s) = {root}")
    print(f"top bit width = {m.bit_length()}")
    print()
