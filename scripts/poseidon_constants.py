#!/usr/bin/env python3
"""Generates the Poseidon round constants and MDS matrices for BN254's scalar field.

Follows the reference parameter generation of Grassi, Khovratovich, Rechberger, Roy and
Schofnegger, "Poseidon: A New Hash Function for Zero-Knowledge Proof Systems" (USENIX Security
2021), Appendix F ("Grain LFSR"), with the parameters circomlib uses:

    prime field (field = 1), S-box x^5 (sbox = 0), n = 254 bits, t = 2..17,
    R_F = 8 full rounds, R_P = 56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68.

Procedure (per width t, one fresh LFSR each):

1. The 80-bit Grain LFSR state is initialised with the bits (most significant first) of
   field (2 bits) | sbox (4) | n (12) | t (12) | R_F (10) | R_P (10) | thirty 1 bits,
   then clocked 160 times, discarding the output. One clock: b = s[62] ^ s[51] ^ s[38] ^ s[23]
   ^ s[13] ^ s[0]; shift left, append b.
2. Output bits are produced with the self-shrinking rule: clock twice; if the first bit is 1,
   output the second, otherwise discard both and repeat.
3. A field element is n output bits read most significant first; round constants are sampled
   with rejection (values >= p are discarded and resampled). (R_F + R_P) * t constants are
   drawn, in round order, then position order: constant (r, i) is added to state[i] in round r.
4. Then the MDS matrix: 2t elements x_0..x_{t-1}, y_0..y_{t-1} are drawn (reduced mod p, not
   rejected; redrawn together if any two coincide), and M[i][j] = 1 / (x_i + y_j) (a Cauchy
   matrix). The round function multiplies the state as new[i] = sum_j M[i][j] * state[j].

The reference script also tests each candidate matrix against infinitely long subspace trails
(its algorithms 1-3) and redraws on failure. That test is not implemented here: for every width
t = 2..17 the first candidate is the matrix circomlib uses, which the known answers in
Tests/ZKPoseidonTests pin (Poseidon(1), (1, 2), (1, 2, 3, 4), (1..6), 16 inputs). The script
refuses other widths rather than emit an unchecked matrix.

The constants are the plain ones of the specification (no partial-round optimisation: circomlib's
reference `poseidon_reference.js` output uses them as is).

Usage:
    python3 scripts/poseidon_constants.py            # writes Sources/ZKPoseidon/Generated/PoseidonConstants.swift
    python3 scripts/poseidon_constants.py --out DIR  # writes DIR/PoseidonConstants.swift (scripts/check_generated.sh)
    python3 scripts/poseidon_constants.py --check    # prints the known answers, writes nothing
"""

import os
import sys

P = 0x30644E72E131A029B85045B68181585D2833E84879B9709143E1F593F0000001
FIELD_BITS = 254
FULL_ROUNDS = 8
PARTIAL_ROUNDS = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68]  # t = 2..17
WIDTHS = range(2, 18)


class Grain:
    """The Grain LFSR in self-shrinking mode (Poseidon paper, Appendix F)."""

    def __init__(self, t, full_rounds, partial_rounds):
        bits = []
        for value, width in ((1, 2), (0, 4), (FIELD_BITS, 12), (t, 12), (full_rounds, 10), (partial_rounds, 10)):
            bits.extend(int(c) for c in format(value, "b").zfill(width))
        bits.extend([1] * 30)
        assert len(bits) == 80
        self.state = bits
        for _ in range(160):
            self._clock()

    def _clock(self):
        s = self.state
        bit = s[62] ^ s[51] ^ s[38] ^ s[23] ^ s[13] ^ s[0]
        s.pop(0)
        s.append(bit)
        return bit

    def bit(self):
        while True:
            first = self._clock()
            second = self._clock()
            if first == 1:
                return second

    def integer(self, bits):
        value = 0
        for _ in range(bits):
            value = (value << 1) | self.bit()
        return value


def parameters(t):
    """(round constants, MDS matrix) for width t, as integers in [0, p)."""
    if t not in WIDTHS:
        raise ValueError(f"width {t} is outside 2..17 (the MDS security test is not implemented)")
    partial = PARTIAL_ROUNDS[t - 2]
    grain = Grain(t, FULL_ROUNDS, partial)
    constants = []
    for _ in range((FULL_ROUNDS + partial) * t):
        value = grain.integer(FIELD_BITS)
        while value >= P:
            value = grain.integer(FIELD_BITS)
        constants.append(value)
    while True:
        sample = [grain.integer(FIELD_BITS) % P for _ in range(2 * t)]
        while len(set(sample)) != len(sample):
            sample = [grain.integer(FIELD_BITS) % P for _ in range(2 * t)]
        xs, ys = sample[:t], sample[t:]
        if any((x + y) % P == 0 for x in xs for y in ys):
            continue
        return constants, [[pow(x + y, P - 2, P) for y in ys] for x in xs]


def permute(state, constants, mds):
    """The Poseidon permutation, reference form (for --check)."""
    t = len(state)
    partial = PARTIAL_ROUNDS[t - 2]
    for r in range(FULL_ROUNDS + partial):
        state = [(s + constants[r * t + i]) % P for i, s in enumerate(state)]
        if r < FULL_ROUNDS // 2 or r >= FULL_ROUNDS // 2 + partial:
            state = [pow(s, 5, P) for s in state]
        else:
            state[0] = pow(state[0], 5, P)
        state = [sum(mds[i][j] * state[j] for j in range(t)) % P for i in range(t)]
    return state


def poseidon(inputs, initial_state=0):
    """circomlib's Poseidon(n): state = [initial_state] + inputs, output state[0]."""
    constants, mds = parameters(len(inputs) + 1)
    return permute([initial_state] + list(inputs), constants, mds)[0]


def swift_source():
    out = [
        "// Generated by scripts/poseidon_constants.py — do not edit.",
        "//",
        "// Poseidon over BN254's scalar field (x^5, R_F = 8, t = 2…17, circomlib's parameters), produced",
        "// by the Grain LFSR procedure of the Poseidon paper (Grassi et al., USENIX Security 2021, App. F).",
        "// Canonical (not Montgomery) values, 64 hex digits each, one per line.",
        "",
        "/// The generated round constants and MDS matrices, as hexadecimal text (cheap to compile).",
        "enum PoseidonConstants {",
        "    /// Round constants of width `t` at index `t − 2`: `(R_F + R_P) · t` values, round-major.",
        "    static let roundConstants: [String] = [",
    ]
    matrices = []
    for t in WIDTHS:
        constants, mds = parameters(t)
        out.append(f"        // t = {t}, R_P = {PARTIAL_ROUNDS[t - 2]}")
        out.append('        """')
        out.extend(f"        {c:064x}" for c in constants)
        out.append('        """,')
        matrices.append((t, mds))
    out.append("    ]")
    out.append("")
    out.append("    /// MDS matrix of width `t` at index `t − 2`: `t · t` values, row-major (`M[i][j]`).")
    out.append("    static let mds: [String] = [")
    for t, mds in matrices:
        out.append(f"        // t = {t}")
        out.append('        """')
        out.extend(f"        {value:064x}" for row in mds for value in row)
        out.append('        """,')
    out.append("    ]")
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    if "--check" in sys.argv[1:]:
        print("Poseidon(1)       =", poseidon([1]))
        print("Poseidon(1, 2)    =", hex(poseidon([1, 2])))
        print("Poseidon(1..4)    =", hex(poseidon([1, 2, 3, 4])))
        print("Poseidon(1..16)   =", poseidon(list(range(1, 17))))
        return
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    directory = os.path.join(root, "Sources", "ZKPoseidon", "Generated")
    arguments = sys.argv[1:]
    if "--out" in arguments:
        directory = arguments[arguments.index("--out") + 1]
    path = os.path.join(directory, "PoseidonConstants.swift")
    with open(path, "w") as f:
        f.write(swift_source())
    print("wrote", path)


if __name__ == "__main__":
    main()
