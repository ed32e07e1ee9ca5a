#!/usr/bin/env python3
"""Compare `standoff qre --lambda ...` with pygambit's `logit_solve_lambda` (the first crossing of
each λ by the principal logit QRE branch) and print the largest difference in any probability.

  six-party        models/six_party.toml at pressure 2.5..4 by 0.02 and 3.07..3.09 by 0.001
                   (the sharp turn of the branch near 3.08), λ = 0.3, 0.72, 1, 2, 5
  random N SEED    N random games (shapes 3x3x3, 2x2x2x2, 2x2x2, 4x4, 3x3x2, 2^5 in turn; integer
                   payoffs 0..9 from Python's random.seed(SEED)), λ = 0.05, 0.2, 0.5, 1, 2, 5

Needs pygambit (`python3 -m venv target/pyvenv && target/pyvenv/bin/pip install pygambit`) and a
release build; run from the repository root: `target/pyvenv/bin/python scripts/qre_crosscheck.py six-party`.
Differences above 1e-4 are listed one per line.
"""
import csv
import io
import itertools
import os
import random
import subprocess
import sys
import tempfile

import pygambit as gbt

BIN = os.environ.get("STANDOFF", "target/release/standoff")


def ours(path, lams, extra=()):
    args = [BIN, "qre", path, "--format", "csv", *extra]
    for lam in lams:
        args += ["--lambda", repr(lam)]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(out)))
    return {float(r[0]): [float(x) for x in r[1:]] for r in rows[1:] if r and r[0][:1].isdigit()}


def theirs(path, lams):
    """Gambit's profiles, flat (players in order, strategies in order)."""
    g = gbt.read_nfg(path)
    out = []
    for res in gbt.qre.logit_solve_lambda(g, lam=lams):
        flat = []
        for player in g.players:
            # Iterating a player's mixed strategy gives (strategy label, probability) pairs.
            flat += [float(prob) for _, prob in res.profile[getattr(player, "label", player)]]
        out.append(flat)
    return out


def compare(name, path, model_args, lams, worst, bad):
    mine = ours(model_args[0], lams, model_args[1:])
    for lam, flat in zip(lams, theirs(path, lams)):
        d = max(abs(a - b) for a, b in zip(mine[lam], flat))
        if d > worst[0]:
            worst[:] = [d, f"{name}, λ = {lam}"]
        if d > 1e-4:
            bad.append(f"{name}, λ = {lam}: difference {d:.3g}")


def main():
    worst, bad = [0.0, None], []
    tmp = tempfile.mkdtemp()
    if sys.argv[1:2] == ["six-party"]:
        lams = [0.3, 0.72, 1.0, 2.0, 5.0]
        pressures = sorted({f"{2.5 + 0.02 * k:.3f}" for k in range(76)} | {f"{3.07 + 0.001 * k:.3f}" for k in range(21)},
                           key=float)
        for p in pressures:
            nfg = os.path.join(tmp, "six.nfg")
            subprocess.run([BIN, "convert", "models/six_party.toml", "--to", "nfg", "--set", f"pressure={p}", "-o", nfg],
                           check=True, capture_output=True)
            compare(f"pressure {p}", nfg, ["models/six_party.toml", "--set", f"pressure={p}"], lams, worst, bad)
        count = len(pressures)
    elif sys.argv[1:2] == ["random"] and len(sys.argv) == 4:
        count, seed = int(sys.argv[2]), int(sys.argv[3])
        random.seed(seed)
        lams = [0.05, 0.2, 0.5, 1.0, 2.0, 5.0]
        shapes = [(3, 3, 3), (2, 2, 2, 2), (2, 2, 2), (4, 4), (3, 3, 2), (2, 2, 2, 2, 2)]
        for k in range(count):
            shape = shapes[k % len(shapes)]
            n = len(shape)
            pays = [random.randint(0, 9) for _ in itertools.product(*[range(m) for m in shape]) for _ in range(n)]
            nfg = os.path.join(tmp, f"random{k}.nfg")
            with open(nfg, "w") as f:
                f.write('NFG 1 R "random" { ' + " ".join(f'"{i + 1}"' for i in range(n)) + " } { "
                        + " ".join(map(str, shape)) + " }\n\n" + " ".join(map(str, pays)) + "\n")
            compare(f"game {k} {shape}", nfg, [nfg], lams, worst, bad)
    else:
        sys.exit(__doc__)
    for line in bad:
        print(line)
    print(f"{count} games x {len(lams)} λ: largest difference {worst[0]:.2e} ({worst[1]}); {len(bad)} above 1e-4")


if __name__ == "__main__":
    main()
