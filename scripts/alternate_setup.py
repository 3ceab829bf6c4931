#!/usr/bin/env python3
"""Times `zkml setup` for several builds in alternating rounds, so that each meets the same
machine noise, and prints the medians of wall and CPU seconds (user + system of the child).

    scripts/alternate_setup.py ROUNDS LABEL=BINARY:MODEL_DIR [LABEL=BINARY:MODEL_DIR ...]
    scripts/alternate_setup.py 10 before=/tmp/zkml-old:/tmp/cnn-old after=.build/release/zkml:/tmp/cnn

MODEL_DIR holds a `model.zkml` compiled by that build (`zkml compile ... --out MODEL_DIR`); the
keys go to MODEL_DIR/alternate and are overwritten every round.
"""
import os
import resource
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    rounds = int(sys.argv[1])
    builds = []
    for spec in sys.argv[2:]:
        label, _, rest = spec.partition("=")
        binary, _, directory = rest.rpartition(":")
        if not label or not binary or not directory:
            print(f"expected LABEL=BINARY:MODEL_DIR, got {spec!r}", file=sys.stderr)
            return 2
        os.makedirs(os.path.join(directory, "alternate"), exist_ok=True)
        builds.append((label, binary, directory))
    walls = {label: [] for label, _, _ in builds}
    cpus = {label: [] for label, _, _ in builds}
    for _ in range(rounds):
        for label, binary, directory in builds:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([binary, "setup", os.path.join(directory, "model.zkml"),
                            "--out", os.path.join(directory, "alternate")],
                           check=True, stdout=subprocess.DEVNULL)
            walls[label].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[label].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    for label, _, _ in builds:
        print(f"{label:16s} wall median {statistics.median(walls[label]):.3f} s "
              f"(min {min(walls[label]):.3f})  CPU median {statistics.median(cpus[label]):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
