#!/usr/bin/env python3
"""Time standoff's exact enumeration against its peers on random bimatrix games, and check they agree.

Peers (each skipped with a message when missing):

* ``standoff``   ``standoff solve FILE.nfg --method enum --format json`` (counts ``equilibria``);
* ``lrsnash``    lrslib's exact vertex enumeration (Debian package ``lrslib``);
* ``nashpy-vx``  Nashpy ``Game.vertex_enumeration()``;
* ``nashpy-se``  Nashpy ``Game.support_enumeration(non_degenerate=True)`` (equal-size supports,
  which is complete for the nondegenerate games generated here);
* ``qe-vx``      QuantEcon ``quantecon.game_theory.vertex_enumeration``.

Timing: command-line tools are timed with ``time.perf_counter`` around ``subprocess.run`` (so
process start-up is included), or with ``--clock cpu`` by the child's user + system CPU time
(``getrusage``), which other jobs on a shared machine disturb much less; Python libraries are timed in a child process of this script
around the library call alone (import time and JIT compilation excluded: each child first solves
a small 3x3 game to warm up). Each figure is the median of up to ``--repeats`` runs, fewer when a
single run is slow (``--budget``); every peer/game pair has a hard ``--timeout``.

Every peer's count is compared with lrsnash's (or the first peer that succeeded), and where both
report the profiles they are matched up to 1e-6. Any disagreement is printed loudly; the script
exits with status 3 when standoff is involved (or on any disagreement with ``--strict``). A peer
that fails or times out is shown as such in the table; it is not a mismatch.

Run it through ``scripts/compare-peers.sh``, which installs the peers and builds standoff first.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_games  # noqa: E402  (sibling module; path set just above)

ALL_PEERS = ["standoff", "lrsnash", "nashpy-vx", "nashpy-se", "qe-vx"]
# Which successful peer the others are checked against: exact first, then the float vertex enumerators.
REFERENCE_ORDER = ["lrsnash", "qe-vx", "nashpy-vx", "standoff", "nashpy-se"]
PYTHON_PEERS = {"nashpy-vx", "nashpy-se", "qe-vx"}
TOL = 1e-6
#: "wall" (elapsed time) or "cpu" (the measured process's user + system time); set by --clock.
CLOCK = "wall"

Profile = tuple[list[float], list[float]]


@dataclass
class Outcome:
    """What one peer did on one game."""

    status: str  # ok | failed | timeout | skipped
    count: int | None = None
    times: list[float] = field(default_factory=list)
    profiles: list[Profile] | None = None
    message: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


# --------------------------------------------------------------------------------------------
# Parsing the command-line peers' output


def parse_lrsnash(text: str) -> tuple[int, list[Profile]]:
    """Counts lrsnash's equilibria and reads their profiles.

    lrsnash prints blocks separated by blank lines. A block has lines ``2 y_1 .. y_n v`` (a
    player-2 strategy and player 1's payoff) and lines ``1 x_1 .. x_m u`` (a player-1 strategy and
    player 2's payoff); every player-1 line of a block pairs with every player-2 line of that block
    (several lines of one kind appear only in degenerate games). Lines starting with ``*`` are
    comments; ``*Number of equilibria found: N`` states the total, which is checked.
    """
    blocks: list[tuple[list[list[float]], list[list[float]]]] = []
    xs: list[list[float]] = []
    ys: list[list[float]] = []
    stated: int | None = None

    def close() -> None:
        nonlocal xs, ys
        if xs or ys:
            blocks.append((xs, ys))
        xs, ys = [], []

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            close()
            continue
        if line.startswith("*"):
            close()
            if line.startswith("*Number of equilibria found:"):
                stated = int(line.split(":", 1)[1])
            continue
        fields = line.split()
        if fields[0] not in ("1", "2") or len(fields) < 3:
            raise ValueError(f"unexpected lrsnash line: {line!r}")
        strategy = [float(Fraction(f)) for f in fields[1:-1]]  # last field is the opponent's payoff
        (xs if fields[0] == "1" else ys).append(strategy)
    close()
    if stated is None:
        raise ValueError("lrsnash printed no '*Number of equilibria found' line")
    profiles = [(x, y) for bx, by in blocks for x in bx for y in by]
    if len(profiles) != stated:
        raise ValueError(f"lrsnash says {stated} equilibria but its blocks hold {len(profiles)}")
    return stated, profiles


def _as_float(v: object) -> float:
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        return float(Fraction(v.strip()))
    raise ValueError(f"not a number: {v!r}")


def _strategy(v: object) -> list[float]:
    if isinstance(v, dict):
        v = v.get("probabilities", v.get("strategy", list(v.values())))
    if isinstance(v, list):
        return [_as_float(x) for x in v]
    raise ValueError("unrecognised strategy shape")


def standoff_profiles(equilibria: list) -> list[Profile] | None:
    """Best-effort reading of profiles from standoff's JSON (None when the shape is unknown).

    Accepts an equilibrium that is a profile itself or has a ``profile`` / ``strategies`` key, the
    profile being a list (or a name-keyed map) of two strategies, each a list of numbers or
    fraction strings (or a label-keyed map of them).
    """
    out: list[Profile] = []
    try:
        for eq in equilibria:
            p = eq
            if isinstance(eq, dict):
                p = eq.get("profile", eq.get("strategies"))
            if isinstance(p, dict):
                p = list(p.values())
            if not isinstance(p, list) or len(p) != 2:
                return None
            out.append((_strategy(p[0]), _strategy(p[1])))
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    return out


# --------------------------------------------------------------------------------------------
# Running peers


def run_cli(cmd: list[str], warm_cmd: list[str] | None, repeats: int, budget: float, timeout: float, parse):
    """Times a command-line peer: one warm-up run of `warm_cmd`, then up to `repeats` timed runs."""
    if warm_cmd is not None:
        try:
            subprocess.run(warm_cmd, capture_output=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired):
            pass
    times: list[float] = []
    result: tuple[int, list[Profile] | None] | None = None
    deadline = time.perf_counter() + timeout
    for _ in range(repeats):
        left = deadline - time.perf_counter()
        if left <= 0:
            break
        t0 = time.perf_counter()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=left)
        except subprocess.TimeoutExpired:
            if times:
                break
            return Outcome("timeout", message=f"over {timeout:g} s")
        except OSError as e:
            return Outcome("failed", message=str(e))
        elapsed = time.perf_counter() - t0
        if CLOCK == "cpu":
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            elapsed = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if proc.returncode != 0:
            msg = (proc.stderr or proc.stdout).strip().splitlines()
            return Outcome("failed", message=f"exit {proc.returncode}: {msg[-1] if msg else ''}")
        try:
            got = parse(proc.stdout)
        except (ValueError, KeyError, TypeError) as e:
            return Outcome("failed", message=f"unreadable output: {e}")
        if result is not None and got[0] != result[0]:
            return Outcome("failed", message=f"counts differ between runs: {result[0]} then {got[0]}")
        result = got
        times.append(elapsed)
        if sum(times) >= budget:
            break
    if result is None:
        return Outcome("timeout", message=f"over {timeout:g} s")
    return Outcome("ok", count=result[0], times=times, profiles=result[1])


def parse_standoff(stdout: str) -> tuple[int, list[Profile] | None]:
    obj = json.loads(stdout)
    if not isinstance(obj, dict) or not isinstance(obj.get("equilibria"), list):
        raise ValueError("expected one JSON object with an `equilibria` list")
    return len(obj["equilibria"]), standoff_profiles(obj["equilibria"])


def run_python_peer(peer: str, json_path: Path, repeats: int, budget: float, timeout: float) -> Outcome:
    """Runs a Python-library peer in a child process (this script in --worker mode)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", peer, str(json_path)]
    cmd += ["--repeats", str(repeats), "--budget", str(budget), "--clock", CLOCK]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Outcome("timeout", message=f"over {timeout:g} s")
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        err = (proc.stderr or proc.stdout).strip().splitlines()
        return Outcome("failed", message=f"exit {proc.returncode}: {err[-1] if err else ''}")
    res = json.loads(lines[-1])
    if "unavailable" in res:
        return Outcome("skipped", message=res["unavailable"])
    profiles = [(x, y) for x, y in res["profiles"]]
    return Outcome("ok", count=res["count"], times=res["times"], profiles=profiles)


def worker(peer: str, json_path: Path, repeats: int, budget: float) -> int:
    """Child-process side of run_python_peer: prints one JSON line with count, times, profiles."""
    try:
        import numpy as np

        if peer.startswith("nashpy"):
            import nashpy
        else:
            from quantecon import game_theory as qe_gt

            if not hasattr(qe_gt, "vertex_enumeration"):
                raise ImportError("quantecon.game_theory has no vertex_enumeration")
    except ImportError as e:
        print(json.dumps({"unavailable": f"{peer}: {e}"}))
        return 0

    def solve(a, b):
        if peer == "nashpy-vx":
            return list(nashpy.Game(a, b).vertex_enumeration())
        if peer == "nashpy-se":
            return list(nashpy.Game(a, b).support_enumeration(non_degenerate=True))
        g = qe_gt.NormalFormGame((qe_gt.Player(a), qe_gt.Player(b.T)))
        return list(qe_gt.vertex_enumeration(g))

    game = json.loads(json_path.read_text(encoding="utf-8"))
    a = np.array(game["A"], dtype=float)
    b = np.array(game["B"], dtype=float)
    wa, wb = (np.array(m, dtype=float) for m in gen_games.game_matrices(3, 0))
    solve(wa, wb)  # warm-up: first-call costs (numba JIT, lazy imports) stay out of the timings
    times: list[float] = []
    eqs: list = []
    for _ in range(max(1, repeats)):
        clock = time.process_time if CLOCK == "cpu" else time.perf_counter
        t0 = clock()
        eqs = solve(a, b)
        times.append(clock() - t0)
        if sum(times) >= budget:
            break
    profiles = [[[float(v) for v in x], [float(v) for v in y]] for x, y in eqs]
    print(json.dumps({"count": len(eqs), "times": times, "profiles": profiles}))
    return 0


# --------------------------------------------------------------------------------------------
# Checking and reporting


def same_profiles(p: list[Profile], q: list[Profile]) -> bool:
    """True if the two lists hold the same profiles up to TOL (as multisets)."""
    if len(p) != len(q):
        return False
    used = [False] * len(q)
    for x, y in p:
        for k, (u, v) in enumerate(q):
            if used[k] or len(u) != len(x) or len(v) != len(y):
                continue
            if all(abs(s - t) <= TOL for s, t in zip(x + y, u + v)):
                used[k] = True
                break
        else:
            return False
    return True


def degeneracy(a: list[list[int]], b: list[list[int]], profiles: list[Profile] | None) -> str:
    """Why the game is degenerate ("" if no sign of it was found; the test is sufficient, not necessary).

    A game is degenerate when some mixed strategy with support size k has more than k pure best
    responses. Two cheap witnesses: a pure strategy with tied best responses, and a known equilibrium
    whose two supports differ in size. Integer payoffs from 0..99 tie often enough that a few of the
    random games are degenerate; vertex enumerators that assume nondegeneracy may then miss equilibria.
    """
    for i, row in enumerate(b):
        if row.count(max(row)) > 1:
            return f"player 2 has tied best responses to row {i + 1}"
    for j in range(len(a[0])):
        col = [r[j] for r in a]
        if col.count(max(col)) > 1:
            return f"player 1 has tied best responses to column {j + 1}"
    for x, y in profiles or []:
        sx = sum(1 for v in x if v > TOL)
        sy = sum(1 for v in y if v > TOL)
        if sx != sy:
            return f"an equilibrium has supports of sizes {sx} and {sy}"
    return ""


def fmt_time(o: Outcome) -> str:
    if o.status != "ok" or o.median is None:
        return o.status
    t = o.median
    if t < 1.0:
        return f"{t * 1e3:.3g} ms"
    return f"{t:.3g} s"


def fmt_count(o: Outcome) -> str:
    return str(o.count) if o.status == "ok" else o.status


def render(rows: list[dict], peers: list[str], markdown: bool) -> str:
    head = ["n", "seed", "degen"] + [f"#eq {p}" for p in peers] + [f"time {p}" for p in peers] + ["standoff/lrsnash"]
    body = []
    for r in rows:
        res: dict[str, Outcome] = r["results"]
        ratio = "-"
        s, lr = res.get("standoff"), res.get("lrsnash")
        if s and lr and s.median is not None and lr.median:
            ratio = f"{s.median / lr.median:.3g}"
        line = [str(r["n"]), str(r["seed"]), "yes" if r["degenerate"] else "no"]
        line += [fmt_count(res[p]) + (" !" if p in r["mismatch"] else "") for p in peers]
        line += [fmt_time(res[p]) for p in peers] + [ratio]
        body.append(line)
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        out += ["| " + " | ".join(line) + " |" for line in body]
        return "\n".join(out)
    widths = [max(len(x) for x in col) for col in zip(head, *body)]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [fmt.format(*b) for b in body])


def summary(rows: list[dict], markdown: bool) -> str:
    """Per n: how many games, whether standoff's and lrsnash's counts agree on all of them, and the
    smallest, median and largest time ratio standoff/lrsnash."""
    head = ["n", "games", "same #eq", "standoff/lrsnash min", "median", "max"]
    body = []
    for n in sorted({r["n"] for r in rows}):
        ratios, same, games = [], 0, 0
        for r in rows:
            if r["n"] != n:
                continue
            games += 1
            s, lr = r["results"].get("standoff"), r["results"].get("lrsnash")
            if s and lr and s.status == "ok" and lr.status == "ok":
                same += s.count == lr.count
                if s.median is not None and lr.median:
                    ratios.append(s.median / lr.median)
        cells = [f"{min(ratios):.2f}", f"{statistics.median(ratios):.2f}", f"{max(ratios):.2f}"] if ratios else ["-"] * 3
        body.append([str(n), str(games), f"{same}/{games}"] + cells)
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        return "\n".join(out + ["| " + " | ".join(line) + " |" for line in body])
    widths = [max(len(x) for x in col) for col in zip(head, *body)]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    return "\n".join([fmt.format(*head)] + [fmt.format(*b) for b in body])


def int_list(text: str) -> list[int]:
    return gen_games.int_list(text)


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parent.parent
    target = Path(os.environ.get("CARGO_TARGET_DIR", repo / "target"))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int_list, default=[6, 8, 10, 12], help="n values (default 6,8,10,12)")
    p.add_argument("--seeds", type=int_list, default=[1, 2, 3], help="seeds per n (default 1,2,3)")
    p.add_argument("--repeats", "-k", type=int, default=5, help="timed runs per peer and game; median shown")
    p.add_argument("--budget", type=float, default=20.0, help="stop repeating once timed runs add up to this (s)")
    p.add_argument("--timeout", type=float, default=300.0, help="hard limit per peer and game (s)")
    p.add_argument("--payoff-range", type=int, default=gen_games.PAYOFF_RANGE,
                   help="payoffs in 0..R-1 (default 100; e.g. 1000000 for games that are almost surely nondegenerate)")
    p.add_argument("--quick", action="store_true", help="smoke test: n=6,8, seed 1, 3 repeats")
    p.add_argument("--peers", default=",".join(ALL_PEERS), help=f"subset of {','.join(ALL_PEERS)}")
    p.add_argument("--standoff", type=Path, default=target / "release" / "standoff", help="standoff binary")
    p.add_argument("--lrsnash", default=shutil.which("lrsnash") or "lrsnash", help="lrsnash binary")
    p.add_argument("--games-dir", type=Path, default=repo / "target" / "peer-games", help="where games go")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    p.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                   help="time by elapsed wall-clock time (default) or by the process's user+system CPU time")
    p.add_argument("--summary", action="store_true", help="also print per-n standoff/lrsnash ratios")
    p.add_argument("--json-out", type=Path, help="also write every measurement here as JSON")
    p.add_argument("--strict", action="store_true", help="exit 3 on a mismatch between peers too")
    p.add_argument("--keep-going", action="store_true", help="keep running a peer on games as large as one it timed out on")
    p.add_argument("--worker", nargs=2, metavar=("PEER", "GAME_JSON"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    global CLOCK
    CLOCK = args.clock

    if args.worker:
        return worker(args.worker[0], Path(args.worker[1]), args.repeats, args.budget)
    if args.quick:
        args.sizes, args.seeds, args.repeats = [6, 8], [1], min(args.repeats, 3)
    if args.repeats < 1 or args.timeout <= 0 or args.budget < 0 or args.payoff_range < 1:
        p.error("--repeats must be >= 1, --timeout > 0, --budget >= 0, --payoff-range >= 1")
    peers = [x.strip() for x in args.peers.split(",") if x.strip()]
    unknown = [x for x in peers if x not in ALL_PEERS]
    if unknown:
        p.error(f"unknown peers {unknown}; expected some of {ALL_PEERS}")

    unavailable: dict[str, str] = {}
    if "standoff" in peers and not args.standoff.is_file():
        unavailable["standoff"] = f"no binary at {args.standoff}"
    if "lrsnash" in peers and shutil.which(args.lrsnash) is None:
        unavailable["lrsnash"] = f"`{args.lrsnash}` not found (apt-get install lrslib)"
    for name, msg in unavailable.items():
        print(f"note: skipping {name}: {msg}", file=sys.stderr)

    warm = gen_games.write_game(args.games_dir, 3, 0)
    timed_out_at: dict[str, int] = {}
    rows: list[dict] = []
    mismatches: list[str] = []
    for n in args.sizes:
        for seed in args.seeds:
            paths = gen_games.write_game(args.games_dir, n, seed, args.payoff_range)
            results: dict[str, Outcome] = {}
            for peer in peers:
                if peer in unavailable:
                    results[peer] = Outcome("skipped", message=unavailable[peer])
                elif peer in timed_out_at and n >= timed_out_at[peer] and not args.keep_going:
                    results[peer] = Outcome("skipped", message=f"timed out at n={timed_out_at[peer]}")
                elif peer == "standoff":
                    cmd = [str(args.standoff), "solve", "{}", "--method", "enum", "--format", "json"]
                    real = [str(paths["nfg"]) if c == "{}" else c for c in cmd]
                    warm_cmd = [str(warm["nfg"]) if c == "{}" else c for c in cmd]
                    results[peer] = run_cli(real, warm_cmd, args.repeats, args.budget, args.timeout, parse_standoff)
                elif peer == "lrsnash":
                    real = [args.lrsnash, str(paths["lrs"])]
                    warm_cmd = [args.lrsnash, str(warm["lrs"])]
                    results[peer] = run_cli(real, warm_cmd, args.repeats, args.budget, args.timeout, parse_lrsnash)
                else:
                    results[peer] = run_python_peer(peer, paths["json"], args.repeats, args.budget, args.timeout)
                o = results[peer]
                if o.status == "timeout":
                    timed_out_at.setdefault(peer, n)
                if o.status == "skipped" and peer in PYTHON_PEERS and "timed out" not in o.message:
                    unavailable[peer] = o.message
                    print(f"note: skipping {peer}: {o.message}", file=sys.stderr)
                if o.status == "failed":
                    print(f"note: {peer} failed on n={n} seed={seed}: {o.message}", file=sys.stderr)
                print(f"  n={n} seed={seed} {peer}: {fmt_count(o)} eq, {fmt_time(o)}", file=sys.stderr, flush=True)

            # Agreement: everyone against lrsnash, or the next best peer that succeeded.
            ok = [q for q in peers if results[q].status == "ok"]
            ref = next((q for q in REFERENCE_ORDER if q in ok), None)
            a, b = gen_games.game_matrices(n, seed, payoff_range=args.payoff_range)
            degen = degeneracy(a, b, results[ref].profiles if ref is not None else None)
            why = f" [degenerate game: {degen}]" if degen else ""
            bad: set[str] = set()
            if ref is not None:
                r = results[ref]
                for q in ok:
                    o = results[q]
                    if o.count != r.count:
                        bad.add(q)
                        mismatches.append(f"n={n} seed={seed}: {q} found {o.count} equilibria, {ref} {r.count}{why}")
                    elif o.profiles is not None and r.profiles is not None and not same_profiles(o.profiles, r.profiles):
                        bad.add(q)
                        mismatches.append(f"n={n} seed={seed}: {q} and {ref} find different equilibria{why}")
            rows.append({"n": n, "seed": seed, "results": results, "mismatch": bad, "degenerate": degen})

    print()
    print(render(rows, peers, args.markdown))
    if args.summary:
        print()
        print(summary(rows, args.markdown))
    cpu = os.cpu_count()
    clock = "CPU time (user + system)" if CLOCK == "cpu" else "wall-clock time"
    print(f"\npayoffs 0..{args.payoff_range - 1}; {clock}, median of up to {args.repeats} runs; {cpu} CPUs; "
          f"python {sys.version.split()[0]}")
    for name, msg in unavailable.items():
        print(f"skipped {name}: {msg}")
    if args.json_out:
        dump = [
            {
                "n": r["n"],
                "seed": r["seed"],
                "degenerate": r["degenerate"],
                "results": {
                    q: {"status": o.status, "count": o.count, "times": o.times, "message": o.message}
                    for q, o in r["results"].items()
                },
            }
            for r in rows
        ]
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(dump, indent=1) + "\n", encoding="utf-8")
    if mismatches:
        bar = "!" * 78
        print(f"\n{bar}\nEQUILIBRIUM COUNT / SET MISMATCH (a correctness bug in us or in a peer):", file=sys.stderr)
        for m in mismatches:
            print(f"  !!! {m}", file=sys.stderr)
        print(bar, file=sys.stderr)
        ours = [m for m in mismatches if "standoff" in m.split("[")[0]]
        if ours or args.strict:
            return 3
        print("(standoff is not involved in these; exit status 0 unless --strict)", file=sys.stderr)
        return 0
    print("all peers that ran agree on every game")
    return 0


if __name__ == "__main__":
    sys.exit(main())
