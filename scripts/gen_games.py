#!/usr/bin/env python3
"""Generate random two-player n x n games for benchmarking standoff against its peers.

Each game is fixed by (n, seed): payoffs are integers drawn uniformly from 0..99 by
``random.Random(seed)``, first player 1's matrix A row by row, then player 2's matrix B
row by row. A[i][j] and B[i][j] are the payoffs when player 1 plays row i and player 2
plays column j. Such games are almost surely nondegenerate, so every exact enumerator
must report the same number of (extreme) equilibria.

Every game is written three ways, side by side, with the stem ``rand-n{n}-s{seed}``:

* ``.nfg``  Gambit's payoff-form normal form (read by ``standoff solve``);
* ``.lrs``  lrsnash's input: ``m n`` on the first line, then A and B row by row;
* ``.json`` ``{"title", "n", "seed", "A", "B"}`` for Python peers (Nashpy, QuantEcon).

Pure standard library (Python 3.11). Usable as a module (``game_matrices``,
``write_game``) or from the command line::

    python3 scripts/gen_games.py --out target/peer-games --sizes 6,8,10,12 --seeds 1,2,3
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

Matrix = list[list[int]]

#: Payoffs are drawn uniformly from range(PAYOFF_RANGE), i.e. 0..99.
PAYOFF_RANGE = 100


def game_matrices(n: int, seed: int, cols: int | None = None) -> tuple[Matrix, Matrix]:
    """The payoff matrices (A, B) of the random n x cols game with this seed (cols defaults to n)."""
    if n < 1:
        raise ValueError(f"a game needs at least one strategy per player, got n={n}")
    m = n
    k = n if cols is None else cols
    if k < 1:
        raise ValueError(f"a game needs at least one strategy per player, got cols={k}")
    rng = random.Random(seed)
    a = [[rng.randrange(PAYOFF_RANGE) for _ in range(k)] for _ in range(m)]
    b = [[rng.randrange(PAYOFF_RANGE) for _ in range(k)] for _ in range(m)]
    return a, b


def stem(n: int, seed: int) -> str:
    """File name stem shared by the three files of one game."""
    return f"rand-n{n}-s{seed}"


def title(n: int, seed: int) -> str:
    """Human-readable game title."""
    return f"Random {n}x{n} game, payoffs 0..99, seed {seed}"


def nfg_text(a: Matrix, b: Matrix, game_title: str) -> str:
    """Gambit payoff-form .nfg text: payoffs listed per pure profile, player 1's strategy fastest."""
    m, k = len(a), len(a[0])
    if len(b) != m or any(len(row) != k for row in a + b):
        raise ValueError("A and B must both be m x n matrices")
    safe = game_title.replace("\\", "\\\\").replace('"', '\\"')
    flat: list[str] = []
    for j in range(k):  # player 2's strategy varies slowest
        for i in range(m):  # player 1's strategy varies fastest
            flat.append(str(a[i][j]))
            flat.append(str(b[i][j]))
    header = f'NFG 1 R "{safe}" {{ "1" "2" }} {{ {m} {k} }}\n\n'
    lines = [" ".join(flat[p : p + 2 * m]) for p in range(0, len(flat), 2 * m)]
    return header + "\n".join(lines) + "\n"


def lrs_text(a: Matrix, b: Matrix) -> str:
    """lrsnash input (lrslib >= 7): ``m n``, a blank line, A row by row, a blank line, B row by row."""
    m, k = len(a), len(a[0])
    rows = [f"{m} {k}", ""]
    rows += [" ".join(str(x) for x in row) for row in a]
    rows.append("")
    rows += [" ".join(str(x) for x in row) for row in b]
    return "\n".join(rows) + "\n"


def json_text(a: Matrix, b: Matrix, n: int, seed: int, game_title: str) -> str:
    """JSON for Python peers: the two matrices and how they were made."""
    return json.dumps({"title": game_title, "n": n, "seed": seed, "A": a, "B": b}) + "\n"


def write_game(out: Path, n: int, seed: int) -> dict[str, Path]:
    """Writes the .nfg, .lrs and .json files of game (n, seed) into `out`; returns their paths by kind."""
    out.mkdir(parents=True, exist_ok=True)
    a, b = game_matrices(n, seed)
    t = title(n, seed)
    base = out / stem(n, seed)
    paths = {
        "nfg": base.with_suffix(".nfg"),
        "lrs": base.with_suffix(".lrs"),
        "json": base.with_suffix(".json"),
    }
    paths["nfg"].write_text(nfg_text(a, b, t), encoding="utf-8")
    paths["lrs"].write_text(lrs_text(a, b), encoding="utf-8")
    paths["json"].write_text(json_text(a, b, n, seed, t), encoding="utf-8")
    return paths


def int_list(text: str) -> list[int]:
    """Parses "6,8,10" (also "6 8 10") into a list of ints."""
    try:
        values = [int(x) for x in text.replace(",", " ").split()]
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected a comma-separated list of integers, got {text!r}") from e
    if not values:
        raise argparse.ArgumentTypeError("expected at least one integer")
    return values


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=Path("target/peer-games"), help="output directory")
    p.add_argument("--sizes", type=int_list, default=[6, 8, 10, 12], help="n values, e.g. 6,8,10,12")
    p.add_argument("--seeds", type=int_list, default=[1, 2, 3], help="seeds, e.g. 1,2,3")
    args = p.parse_args(argv)
    for n in args.sizes:
        if n < 1:
            p.error(f"sizes must be positive, got {n}")
        for seed in args.seeds:
            paths = write_game(args.out, n, seed)
            print(paths["nfg"].with_suffix(".*"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
