#!/usr/bin/env python3
"""Generate random games (two-player n x n, and N-player) for benchmarking standoff against its peers.

Each game is fixed by (n, seed): payoffs are integers drawn uniformly from 0..99 by
``random.Random(seed)``, first player 1's matrix A row by row, then player 2's matrix B
row by row. A[i][j] and B[i][j] are the payoffs when player 1 plays row i and player 2
plays column j. With only 100 payoff values, ties are common enough that a few of these
games are degenerate (e.g. a pure strategy with two best responses); exact enumerators
(lrsnash, standoff) must still agree on all extreme equilibria, while float vertex
enumerators that assume nondegeneracy may miss some.

Every game is written three ways, side by side, with the stem ``rand-n{n}-s{seed}``:

* ``.nfg``  Gambit's payoff-form normal form (read by ``standoff solve``);
* ``.lrs``  lrsnash's input: ``m n`` on the first line, then A and B row by row;
* ``.json`` ``{"title", "n", "seed", "A", "B"}`` for Python peers (Nashpy, QuantEcon).

Pure standard library (Python 3.11). Usable as a module (``game_matrices``,
``write_game``) or from the command line::

    python3 scripts/gen_games.py --out target/peer-games --sizes 6,8,10,12 --seeds 1,2,3

N-player games (``--shapes``, used by ``scripts/compare_gambit.py``) are fixed by (shape, seed):
for every pure profile in .nfg order (player 1's strategy fastest) the payoffs of players 1..N,
each an integer drawn uniformly from 0..99 by ``random.Random(seed)``. Each is written as
``rand-{shape}-s{seed}.nfg`` only, e.g. ``rand-3x3x3-s1.nfg`` or ``rand-2x2x2x2x2x2-s1.nfg``::

    python3 scripts/gen_games.py --out target/gambit-games --shapes 3x3x3,4x4x4,2x2x2x2x2x2 --seeds 1,2
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

Matrix = list[list[int]]

#: Payoffs are drawn uniformly from range(PAYOFF_RANGE), i.e. 0..99.
PAYOFF_RANGE = 100


def game_matrices(n: int, seed: int, cols: int | None = None, payoff_range: int = PAYOFF_RANGE) -> tuple[Matrix, Matrix]:
    """The payoff matrices (A, B) of the random n x cols game with this seed (cols defaults to n).

    Payoffs are uniform in 0..payoff_range-1 (default 0..99).
    """
    if payoff_range < 1:
        raise ValueError(f"payoff_range must be positive, got {payoff_range}")
    if n < 1:
        raise ValueError(f"a game needs at least one strategy per player, got n={n}")
    m = n
    k = n if cols is None else cols
    if k < 1:
        raise ValueError(f"a game needs at least one strategy per player, got cols={k}")
    rng = random.Random(seed)
    a = [[rng.randrange(payoff_range) for _ in range(k)] for _ in range(m)]
    b = [[rng.randrange(payoff_range) for _ in range(k)] for _ in range(m)]
    return a, b


def stem(n: int, seed: int, payoff_range: int = PAYOFF_RANGE) -> str:
    """File name stem shared by the three files of one game."""
    suffix = "" if payoff_range == PAYOFF_RANGE else f"-r{payoff_range}"
    return f"rand-n{n}-s{seed}{suffix}"


def title(n: int, seed: int, payoff_range: int = PAYOFF_RANGE) -> str:
    """Human-readable game title."""
    return f"Random {n}x{n} game, payoffs 0..{payoff_range - 1}, seed {seed}"


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


def json_text(a: Matrix, b: Matrix, n: int, seed: int, game_title: str, payoff_range: int = PAYOFF_RANGE) -> str:
    """JSON for Python peers: the two matrices and how they were made."""
    obj = {"title": game_title, "n": n, "seed": seed, "payoff_range": payoff_range, "A": a, "B": b}
    return json.dumps(obj) + "\n"


def write_game(out: Path, n: int, seed: int, payoff_range: int = PAYOFF_RANGE) -> dict[str, Path]:
    """Writes the .nfg, .lrs and .json files of game (n, seed) into `out`; returns their paths by kind."""
    out.mkdir(parents=True, exist_ok=True)
    a, b = game_matrices(n, seed, payoff_range=payoff_range)
    t = title(n, seed, payoff_range)
    base = out / stem(n, seed, payoff_range)
    paths = {
        "nfg": base.with_suffix(".nfg"),
        "lrs": base.with_suffix(".lrs"),
        "json": base.with_suffix(".json"),
    }
    paths["nfg"].write_text(nfg_text(a, b, t), encoding="utf-8")
    paths["lrs"].write_text(lrs_text(a, b), encoding="utf-8")
    paths["json"].write_text(json_text(a, b, n, seed, t, payoff_range), encoding="utf-8")
    return paths


# --------------------------------------------------------------------------------------------
# N-player games


def parse_shape(text: str) -> tuple[int, ...]:
    """Parses "3x3x3" (or "2^6", six players with two strategies) into the strategy counts."""
    t = text.strip().lower()
    try:
        if "^" in t:
            base, power = t.split("^", 1)
            shape = (int(base),) * int(power)
        else:
            shape = tuple(int(x) for x in t.split("x"))
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected a shape like 3x3x3 or 2^6, got {text!r}") from e
    if len(shape) < 2 or any(k < 1 for k in shape):
        raise argparse.ArgumentTypeError(f"a shape needs two or more players with at least one strategy each, got {text!r}")
    return shape


def shape_list(text: str) -> list[tuple[int, ...]]:
    """Parses "3x3x3,4x4x4,2^6" into a list of shapes."""
    shapes = [parse_shape(x) for x in text.replace(" ", ",").split(",") if x.strip()]
    if not shapes:
        raise argparse.ArgumentTypeError("expected at least one shape")
    return shapes


def shape_name(shape: tuple[int, ...]) -> str:
    """The name of a shape: 3x3x3 for (3, 3, 3)."""
    return "x".join(str(k) for k in shape)


def profiles(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Every pure profile (0-based strategy indices) in .nfg order: player 1's strategy fastest."""
    return [tuple(reversed(p)) for p in itertools.product(*(range(k) for k in reversed(shape)))]


def nplayer_payoffs(
    shape: tuple[int, ...], seed: int, payoff_range: int = PAYOFF_RANGE
) -> dict[tuple[int, ...], list[int]]:
    """The random game (shape, seed): pure profile -> the payoffs of players 1..N, uniform in
    0..payoff_range-1, drawn profile by profile in .nfg order."""
    if payoff_range < 1:
        raise ValueError(f"payoff_range must be positive, got {payoff_range}")
    rng = random.Random(seed)
    return {p: [rng.randrange(payoff_range) for _ in shape] for p in profiles(shape)}


def nplayer_stem(shape: tuple[int, ...], seed: int, payoff_range: int = PAYOFF_RANGE) -> str:
    suffix = "" if payoff_range == PAYOFF_RANGE else f"-r{payoff_range}"
    return f"rand-{shape_name(shape)}-s{seed}{suffix}"


def nplayer_nfg_text(shape: tuple[int, ...], payoffs: dict[tuple[int, ...], list[int]], game_title: str) -> str:
    """Gambit payoff-form .nfg of an N-player game: one line per pure profile, player 1 fastest."""
    safe = game_title.replace("\\", "\\\\").replace('"', '\\"')
    players = " ".join(f'"{i + 1}"' for i in range(len(shape)))
    counts = " ".join(str(k) for k in shape)
    body = "\n".join(" ".join(str(v) for v in payoffs[p]) for p in profiles(shape))
    return f'NFG 1 R "{safe}" {{ {players} }} {{ {counts} }}\n\n{body}\n'


def write_nplayer_game(out: Path, shape: tuple[int, ...], seed: int, payoff_range: int = PAYOFF_RANGE) -> Path:
    """Writes game (shape, seed) as .nfg into `out`; returns its path."""
    out.mkdir(parents=True, exist_ok=True)
    t = f"Random {shape_name(shape)} game, payoffs 0..{payoff_range - 1}, seed {seed}"
    path = out / f"{nplayer_stem(shape, seed, payoff_range)}.nfg"
    path.write_text(nplayer_nfg_text(shape, nplayer_payoffs(shape, seed, payoff_range), t), encoding="utf-8")
    return path


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
    p.add_argument("--payoff-range", type=int, default=PAYOFF_RANGE, help="payoffs in 0..R-1 (default 100)")
    p.add_argument("--shapes", type=shape_list, help="N-player games instead, e.g. 3x3x3,4x4x4,2^6 (.nfg only)")
    args = p.parse_args(argv)
    if args.payoff_range < 1:
        p.error("--payoff-range must be positive")
    if args.shapes:
        for shape in args.shapes:
            for seed in args.seeds:
                print(write_nplayer_game(args.out, shape, seed, args.payoff_range))
        return 0
    for n in args.sizes:
        if n < 1:
            p.error(f"sizes must be positive, got {n}")
        for seed in args.seeds:
            paths = write_game(args.out, n, seed, args.payoff_range)
            print(paths["nfg"].with_suffix(".*"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
