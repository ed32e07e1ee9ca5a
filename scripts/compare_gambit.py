#!/usr/bin/env python3
"""Time standoff's N-player methods against Gambit's (pygambit) on random N-player games, and check every answer exactly.

Games: random 3x3x3, 4x4x4 and 2x2x2x2x2x2 (six players, two strategies) games with integer
payoffs 0..99, fixed by (shape, seed) (``scripts/gen_games.py --shapes``), written as .nfg and
given to both programs as the same file.

Methods, side by side on each game (a side that has no such method shows ``-``):

* ``simpdiv``   Gambit ``simpdiv_solve`` from the centroid (rational grid, maxregret 1e-7 of the
  payoff range); ours ``standoff solve --method simpdiv`` when the binary has it (a binary that
  rejects the name with "invalid value" shows ``n/a``);
* ``gnm``       Gambit ``gnm_solve`` (global Newton); ours ``--method gnm`` when the binary has it;
* ``logit``     Gambit ``logit_solve`` (principal QRE branch, float); ours ``--method logit``;
* ``enumpoly``  Gambit ``enumpoly_solve`` (all supports, polynomial systems); ours ``--method enumpoly``.

Every equilibrium either side reports is checked here, independently of both programs, in exact
arithmetic (``fractions.Fraction``): the payoff table is regenerated from (shape, seed), our
profiles are read from the JSON as exact fractions, Gambit's rational profiles as fractions and
its float profiles as the exact binary value of each float (each player's probabilities are
divided by their sum, which floats miss by an ulp or so). The table shows each side's largest
max regret over its equilibria ("0" means exactly zero). Our own claim (JSON ``max_regret`` per
equilibrium, ``exact``) must equal the regret computed here: a difference is printed loudly and
the exit status is 3, as it is when Gambit finds an equilibrium on a game where our ``logit``
finds none, or when an isolated equilibrium Gambit found is missing from our ``enumpoly`` list
although we call that list complete.

Timing: "time to the answer" of one call — the first (and for logit and simpdiv only)
equilibrium; for gnm and enumpoly the call returns all it finds, so it is the time to all of them.
Ours: the ``standoff`` child process, by ``--clock cpu`` its user + system CPU time
(``getrusage`` of the child) or by default wall-clock time around ``subprocess.run``. Gambit: a
child process of this script (``--worker``) times the pygambit call alone (``time.process_time``
or ``time.perf_counter``), so Python start-up and ``import pygambit`` stay out. Each figure is the
median of up to ``--repeats`` runs (fewer once they add up to ``--budget`` s). Every child has a
hard wall-clock ``--timeout`` and is killed on it; a method that timed out on a shape is not run
on that shape's other seeds (``--keep-going`` runs it anyway).

Run it through ``scripts/compare-gambit.sh``, which installs pygambit into target/gambit-venv and
builds standoff first. ``--self-test`` checks this script's own exact regret arithmetic, needing
neither pygambit nor standoff.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_games  # noqa: E402  (sibling module; path set just above)

METHODS = ["simpdiv", "gnm", "logit", "enumpoly"]
OURS = {"simpdiv", "gnm", "logit", "enumpoly"}
DEFAULT_SHAPES = "3x3x3,4x4x4,2^6"
#: Two equilibria are "the same" when no probability differs by more than this.
MATCH_TOL = 1e-4
#: "wall" (elapsed time) or "cpu" (user + system time of the measured process); set by --clock.
CLOCK = "wall"

Shape = tuple[int, ...]
Payoffs = dict[tuple[int, ...], list[int]]
Profile = list[list[Fraction]]


@dataclass
class Outcome:
    """What one side did with one method on one game."""

    status: str  # ok | failed | timeout | skipped | n/a | -
    times: list[float] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    regrets: list[Fraction] = field(default_factory=list)
    claimed: list[Fraction | None] = field(default_factory=list)  # ours: JSON max_regret per equilibrium
    exact_claim: bool | None = None  # ours: JSON "exact"
    complete_claim: bool | None = None  # ours: JSON "complete"
    message: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def count(self) -> int | None:
        return len(self.profiles) if self.status == "ok" else None

    @property
    def max_regret(self) -> Fraction | None:
        return max(self.regrets) if self.regrets else None


# --------------------------------------------------------------------------------------------
# Exact regret


def expected_payoffs(shape: Shape, payoffs: Payoffs, sigma: Profile, i: int) -> list[Fraction]:
    """u_i(s, σ_-i) for every pure strategy s of player i, exactly."""
    out = [Fraction(0)] * shape[i]
    for prof, pay in payoffs.items():
        w = Fraction(1)
        for j, s in enumerate(prof):
            if j != i:
                w *= sigma[j][s]
                if not w:
                    break
        if w:
            out[prof[i]] += w * pay[i]
    return out


def max_regret(shape: Shape, payoffs: Payoffs, sigma: Profile) -> Fraction:
    """max over players of (best pure payoff against the others) − (payoff of σ_i), exactly."""
    worst = Fraction(0)
    for i in range(len(shape)):
        u = expected_payoffs(shape, payoffs, sigma, i)
        mine = sum((p * v for p, v in zip(sigma[i], u)), Fraction(0))
        worst = max(worst, max(u) - mine)
    return worst


def normalised(raw: list[list[Fraction]], shape: Shape) -> Profile:
    """Checks the profile's shape, clips negative entries (float noise) to 0 and divides each
    player's probabilities by their sum, all exactly."""
    if len(raw) != len(shape) or any(len(r) != k for r, k in zip(raw, shape)):
        raise ValueError(f"profile of shape {[len(r) for r in raw]}, game {list(shape)}")
    out: Profile = []
    for r in raw:
        r = [max(Fraction(0), x) for x in r]
        total = sum(r, Fraction(0))
        if total <= 0:
            raise ValueError("a player's probabilities sum to 0")
        out.append([x / total for x in r])
    return out


def exact(v: object) -> Fraction:
    """A fraction string ("3/4"), integer or float (its exact binary value) as a Fraction."""
    if isinstance(v, bool):
        raise ValueError(f"not a number: {v!r}")
    if isinstance(v, (int, float)):
        return Fraction(v)
    if isinstance(v, str):
        return Fraction(v.strip())
    raise ValueError(f"not a number: {v!r}")


def fmt_regret(r: Fraction | None) -> str:
    if r is None:
        return "-"
    return "0" if r == 0 else f"{float(r):.1e}"


# --------------------------------------------------------------------------------------------
# Running standoff


def time_child(cmd: list[str], timeout: float) -> tuple[subprocess.CompletedProcess | None, float, str]:
    """Runs `cmd` once: (process or None on timeout, seconds by CLOCK, error text)."""
    t0 = time.perf_counter()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, timeout, f"over {timeout:g} s (wall clock; killed)"
    elapsed = time.perf_counter() - t0
    if CLOCK == "cpu":
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return proc, elapsed, ""


def run_ours(binary: Path, method: str, nfg: Path, shape: Shape, payoffs: Payoffs, args) -> Outcome:
    cmd = [str(binary), "solve", str(nfg), "--method", method, "--format", "json"]
    times: list[float] = []
    stdout = None
    start = time.perf_counter()
    for _ in range(args.repeats):
        left = args.timeout - (time.perf_counter() - start)
        if left <= 0:
            break
        proc, elapsed, err = time_child(cmd, left)
        if proc is None:
            if times:
                break
            return Outcome("timeout", message=err)
        if proc.returncode != 0:
            lines = (proc.stderr or proc.stdout).strip().splitlines()
            first = lines[0] if lines else ""
            if proc.returncode == 2 and "invalid value" in first:
                return Outcome("n/a", message=f"this standoff has no --method {method}")
            return Outcome("failed", message=f"exit {proc.returncode}: {first}")
        if stdout is not None and proc.stdout != stdout:
            # Deterministic solvers: a different answer on a repeat is worth knowing about.
            print(f"note: standoff --method {method} on {nfg.name} answered differently on a repeat", file=sys.stderr)
        stdout = proc.stdout
        times.append(elapsed)
        if sum(times) >= args.budget:
            break
    if stdout is None:
        return Outcome("timeout", message=f"over {args.timeout:g} s")
    try:
        obj = json.loads(stdout)
        eqs = obj["equilibria"]
        out = Outcome("ok", times=times, exact_claim=bool(obj.get("exact")), complete_claim=bool(obj.get("complete")))
        for e in eqs:
            raw = [[exact(x) for x in strat] for strat in e["profile"]]
            prof = normalised(raw, shape)
            if prof != raw:
                raise ValueError("standoff reported a profile whose probabilities do not sum to 1 exactly")
            out.profiles.append(prof)
            out.regrets.append(max_regret(shape, payoffs, prof))
            claim = e.get("max_regret")
            out.claimed.append(exact(claim) if claim is not None else None)
    except (ValueError, KeyError, TypeError, ZeroDivisionError) as e:
        return Outcome("failed", message=f"unreadable output: {e}")
    return out


# --------------------------------------------------------------------------------------------
# Running Gambit (a child process of this script, in the venv that has pygambit)


def run_gambit(method: str, nfg: Path, shape: Shape, payoffs: Payoffs, args) -> Outcome:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", method, str(nfg)]
    cmd += ["--repeats", str(args.repeats), "--budget", str(args.budget), "--clock", CLOCK]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Outcome("timeout", message=f"over {args.timeout:g} s (wall clock; killed)")
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        err = (proc.stderr or proc.stdout).strip().splitlines()
        return Outcome("failed", message=f"exit {proc.returncode}: {err[-1] if err else ''}")
    try:
        res = json.loads(lines[-1])
        if "unavailable" in res:
            return Outcome("skipped", message=res["unavailable"])
        out = Outcome("ok", times=res["times"])
        for p in res["profiles"]:
            prof = normalised([[exact(x) for x in strat] for strat in p], shape)
            out.profiles.append(prof)
            out.regrets.append(max_regret(shape, payoffs, prof))
    except (ValueError, KeyError, TypeError, ZeroDivisionError) as e:
        return Outcome("failed", message=f"unreadable worker output: {e}")
    return out


def worker(method: str, nfg: Path, repeats: int, budget: float) -> int:
    """Child-process side of run_gambit: prints one JSON line with times and profiles.

    Rational profiles (simpdiv) are sent as fraction strings, float ones as JSON numbers (which
    round-trip every double exactly)."""
    try:
        import pygambit as gbt
    except ImportError as e:
        print(json.dumps({"unavailable": f"pygambit: {e}"}))
        return 0
    game = gbt.read_nfg(str(nfg)) if hasattr(gbt, "read_nfg") else gbt.Game.read_game(str(nfg))

    def solve():
        if method == "simpdiv":
            return gbt.nash.simpdiv_solve(game.mixed_strategy_profile(rational=True))
        if method == "gnm":
            return gbt.nash.gnm_solve(game)
        if method == "logit":
            return gbt.nash.logit_solve(game)
        if method == "enumpoly":
            return gbt.nash.enumpoly_solve(game)
        raise ValueError(f"unknown method {method}")

    clock = time.process_time if CLOCK == "cpu" else time.perf_counter
    times: list[float] = []
    result = None
    for _ in range(max(1, repeats)):
        t0 = clock()
        result = solve()
        times.append(clock() - t0)
        if sum(times) >= budget:
            break

    def value(v):
        return str(Fraction(v)) if isinstance(v, Fraction) else float(v)

    profiles = [
        [[value(eq[s]) for s in player.strategies] for player in game.players] for eq in result.equilibria
    ]
    print(json.dumps({"times": times, "profiles": profiles, "version": getattr(gbt, "__version__", "?")}))
    return 0


def gambit_version() -> str | None:
    try:
        proc = subprocess.run(
            [sys.executable, "-c", "import pygambit; print(pygambit.__version__)"],
            capture_output=True, text=True, timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


# --------------------------------------------------------------------------------------------
# Checks and the table


def close(p: Profile, q: Profile) -> bool:
    return all(abs(float(a) - float(b)) <= MATCH_TOL for x, y in zip(p, q) for a, b in zip(x, y))


def checks(name: str, res: dict[str, dict[str, Outcome]]) -> list[str]:
    """Problems on one game: our claims against the exact check, and the answers against Gambit's."""
    problems: list[str] = []
    for method, sides in res.items():
        o = sides["ours"]
        if o.status != "ok":
            continue
        for k, (got, claim) in enumerate(zip(o.regrets, o.claimed)):
            if claim is not None and claim != got:
                problems.append(
                    f"{name} {method}: equilibrium {k + 1} claims max regret {claim} ({float(claim):.3g}), "
                    f"the exact check finds {got} ({float(got):.3g})"
                )
        if o.exact_claim and any(o.regrets):
            problems.append(f"{name} {method}: JSON says exact but a regret is {fmt_regret(o.max_regret)}")
    gambit_found = [m for m, s in res.items() if s["gambit"].status == "ok" and s["gambit"].count]
    ours_logit = res.get("logit", {}).get("ours")
    if gambit_found and ours_logit is not None and ours_logit.status in ("ok", "failed", "timeout") and not ours_logit.count:
        problems.append(f"{name}: Gambit's {', '.join(gambit_found)} found an equilibrium, our logit {ours_logit.status}")
    ours_enum = res.get("enumpoly", {}).get("ours")
    if ours_enum is not None and ours_enum.complete_claim:
        for what in missing_from_enumpoly(res):
            problems.append(f"{name}: {what} is not in our enumpoly list, which says it is complete")
    return problems


def missing_from_enumpoly(res: dict[str, dict[str, Outcome]]) -> list[str]:
    """The equilibria Gambit found (any method; exact regret ≤ 1e-6) that are not within MATCH_TOL
    of one in our enumpoly list, deduplicated; empty when our enumpoly did not answer. Our list
    holds every isolated equilibrium and one point of each continuum it meets, so a Gambit point
    inside a continuum can be missing without a fault (the JSON notes then name the continuum)."""
    ours = res.get("enumpoly", {}).get("ours")
    if ours is None or ours.status != "ok":
        return []
    seen: list[Profile] = []
    out: list[str] = []
    for method, sides in res.items():
        g = sides["gambit"]
        if g.status != "ok":
            continue
        for k, p in enumerate(g.profiles):
            if g.regrets[k] > Fraction(1, 10**6) or any(close(p, q) for q in ours.profiles + seen):
                continue
            seen.append(p)
            out.append(f"Gambit {method} equilibrium {k + 1} ({', '.join('/'.join(f'{float(x):.4f}' for x in r) for r in p)})")
    return out


def fmt_time(o: Outcome) -> str:
    if o.status != "ok" or o.median is None:
        return o.status
    t = o.median
    return f"{t * 1e3:.3g} ms" if t < 1.0 else f"{t:.3g} s"


def fmt_count(o: Outcome) -> str:
    if o.status != "ok":
        return "-"
    return str(o.count)


def ratio(res: dict[str, Outcome]) -> float | None:
    a, b = res["ours"], res["gambit"]
    if a.status == "ok" and b.status == "ok" and a.median is not None and b.median:
        return a.median / b.median
    return None


def table(head: list[str], body: list[list[str]], markdown: bool) -> str:
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        return "\n".join(out + ["| " + " | ".join(line) + " |" for line in body])
    widths = [max(len(x) for x in col) for col in zip(head, *body)]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [fmt.format(*b) for b in body])


def render(rows: list[dict], methods: list[str], markdown: bool) -> str:
    head = ["game", "method", "ours time", "#eq", "max regret", "Gambit time", "#eq", "max regret", "ours/Gambit"]
    body = []
    for r in rows:
        for m in methods:
            sides = r["results"][m]
            q = ratio(sides)
            o, g = sides["ours"], sides["gambit"]
            body.append([
                r["name"], m,
                fmt_time(o), fmt_count(o), fmt_regret(o.max_regret),
                fmt_time(g), fmt_count(g), fmt_regret(g.max_regret),
                f"{q:.3g}" if q is not None else "-",
            ])
    return table(head, body, markdown)


def summary(rows: list[dict], methods: list[str], markdown: bool) -> str:
    """Per shape and method: games each side answered, and the median ratio ours/Gambit."""
    head = ["shape", "method", "games", "ours answered", "Gambit answered", "#eq ours", "#eq Gambit",
            "median ours/Gambit"]
    body = []
    for shape in dict.fromkeys(r["shape"] for r in rows):
        for m in methods:
            rs = [r["results"][m] for r in rows if r["shape"] == shape]
            qs = [q for q in (ratio(x) for x in rs) if q is not None]
            ours = [x["ours"] for x in rs if x["ours"].status == "ok"]
            gam = [x["gambit"] for x in rs if x["gambit"].status == "ok"]
            body.append([gen_games.shape_name(shape), m, str(len(rs)), str(len(ours)), str(len(gam)),
                         str(sum(o.count or 0 for o in ours)) if ours else "-",
                         str(sum(o.count or 0 for o in gam)) if gam else "-",
                         f"{statistics.median(qs):.3g}" if qs else "-"])
    return table(head, body, markdown)


# --------------------------------------------------------------------------------------------
# Self-test (no pygambit, no standoff)


def self_test() -> int:
    """Checks the exact regret arithmetic and the generator on cases worked out by hand."""
    # Matching pennies: the uniform profile is the equilibrium; (Heads, Heads) gives player 2 regret 2.
    shape = (2, 2)
    mp = {(0, 0): [1, -1], (1, 0): [-1, 1], (0, 1): [-1, 1], (1, 1): [1, -1]}
    half = Fraction(1, 2)
    assert max_regret(shape, mp, [[half, half], [half, half]]) == 0
    assert max_regret(shape, mp, [[Fraction(1), Fraction(0)], [Fraction(1), Fraction(0)]]) == 2
    # Against (3/4, 1/4): player 2's Tails earns 1/2, its Heads -1/2 earns regret 1 when it plays Heads.
    q = [[Fraction(3, 4), Fraction(1, 4)], [Fraction(1), Fraction(0)]]
    assert expected_payoffs(shape, mp, q, 1) == [Fraction(-1, 2), Fraction(1, 2)]
    assert max_regret(shape, mp, q) == Fraction(1)
    # A three-player coordination game: everyone's payoff is 1 if all three match, else 0.
    shape3 = (2, 2, 2)
    coord = {p: [int(len(set(p)) == 1)] * 3 for p in gen_games.profiles(shape3)}
    pure0 = [[Fraction(1), Fraction(0)]] * 3
    assert max_regret(shape3, coord, pure0) == 0
    mixed = [[half, half]] * 3  # each pure strategy earns 1/4, the mix 1/4: an equilibrium
    assert max_regret(shape3, coord, mixed) == 0
    off = [[Fraction(1), Fraction(0)], [Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)]]
    assert max_regret(shape3, coord, off) == 1  # player 3 gains 1 by matching
    # Floats are taken at their exact binary value, then each player is normalised exactly.
    assert exact(0.1) == Fraction(3602879701896397, 36028797018963968)
    total = exact(0.1) + exact(0.9)  # not exactly 1
    assert total != 1 and normalised([[exact(0.1), exact(0.9)]], (2,)) == [[exact(0.1) / total, exact(0.9) / total]]
    assert normalised([[Fraction(-1, 10**17), Fraction(1)]], (2,)) == [[Fraction(0), Fraction(1)]]
    # The generator: profiles in .nfg order (player 1 fastest), deterministic payoffs, and the .nfg body
    # lists them in that order.
    assert gen_games.profiles((2, 3))[:3] == [(0, 0), (1, 0), (0, 1)]
    g1 = gen_games.nplayer_payoffs((3, 3, 3), 1)
    assert g1 == gen_games.nplayer_payoffs((3, 3, 3), 1) and g1 != gen_games.nplayer_payoffs((3, 3, 3), 2)
    assert all(0 <= v <= 99 for pay in g1.values() for v in pay)
    text = gen_games.nplayer_nfg_text((3, 3, 3), g1, "t")
    assert text.startswith('NFG 1 R "t" { "1" "2" "3" } { 3 3 3 }')
    numbers = [int(x) for x in text.split("}")[-1].split()]
    assert numbers == [v for p in gen_games.profiles((3, 3, 3)) for v in g1[p]]
    assert gen_games.parse_shape("2^6") == (2,) * 6 and gen_games.parse_shape("4x4x4") == (4, 4, 4)
    print("self-test passed: exact regrets of matching pennies and a 3-player coordination game, "
          "float conversion, normalisation, generator order")
    return 0


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parent.parent
    target = Path(os.environ.get("CARGO_TARGET_DIR", repo / "target"))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shapes", type=gen_games.shape_list, default=gen_games.shape_list(DEFAULT_SHAPES),
                   help=f"game shapes (default {DEFAULT_SHAPES}; 2^6 = six players with two strategies)")
    p.add_argument("--seeds", type=gen_games.int_list, default=[1, 2, 3], help="seeds per shape (default 1,2,3)")
    p.add_argument("--methods", default=",".join(METHODS), help=f"subset of {','.join(METHODS)}")
    p.add_argument("--repeats", "-k", type=int, default=3, help="timed runs per side, method and game; median shown")
    p.add_argument("--budget", type=float, default=10.0, help="stop repeating once timed runs add up to this (s)")
    p.add_argument("--timeout", type=float, default=60.0, help="hard wall-clock limit per child process (s)")
    p.add_argument("--quick", action="store_true", help="smoke test: seed 1 only, 1 run, 20 s timeout")
    p.add_argument("--standoff", type=Path, default=target / "release" / "standoff", help="standoff binary")
    p.add_argument("--games-dir", type=Path, default=repo / "target" / "gambit-games", help="where games go")
    p.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    p.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                   help="time by elapsed wall-clock time (default) or by user+system CPU time")
    p.add_argument("--summary", action="store_true", help="also print per-shape medians of ours/Gambit")
    p.add_argument("--json-out", type=Path, help="also write every measurement here as JSON")
    p.add_argument("--keep-going", action="store_true", help="keep running a method on a shape after it timed out there")
    p.add_argument("--self-test", action="store_true", help="check this script's exact arithmetic and exit")
    p.add_argument("--worker", nargs=2, metavar=("METHOD", "GAME_NFG"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    global CLOCK
    CLOCK = args.clock

    if args.self_test:
        return self_test()
    if args.worker:
        return worker(args.worker[0], Path(args.worker[1]), args.repeats, args.budget)
    if args.quick:
        args.seeds, args.repeats, args.timeout = [1], 1, min(args.timeout, 20.0)
    if args.repeats < 1 or args.timeout <= 0 or args.budget < 0:
        p.error("--repeats must be >= 1, --timeout > 0, --budget >= 0")
    methods = [x.strip() for x in args.methods.split(",") if x.strip()]
    unknown = [x for x in methods if x not in METHODS]
    if unknown or not methods:
        p.error(f"unknown methods {unknown}; expected some of {METHODS}")

    have_ours = args.standoff.is_file()
    if not have_ours:
        print(f"note: skipping standoff: no binary at {args.standoff}", file=sys.stderr)
    version = gambit_version()
    if version is None:
        print(f"note: skipping Gambit: `import pygambit` fails in {sys.executable}", file=sys.stderr)

    rows: list[dict] = []
    problems: list[str] = []
    timed_out: set[tuple[str, str, Shape]] = set()
    for shape in args.shapes:
        for seed in args.seeds:
            nfg = gen_games.write_nplayer_game(args.games_dir, shape, seed)
            payoffs = gen_games.nplayer_payoffs(shape, seed)
            name = f"{gen_games.shape_name(shape)} s{seed}"
            res: dict[str, dict[str, Outcome]] = {}
            for m in methods:
                sides: dict[str, Outcome] = {}
                for side in ("ours", "gambit"):
                    if side == "ours" and m not in OURS:
                        o = Outcome("-")
                    elif (side == "ours" and not have_ours) or (side == "gambit" and version is None):
                        o = Outcome("skipped")
                    elif (side, m, shape) in timed_out and not args.keep_going:
                        o = Outcome("skipped", message="timed out on another seed of this shape")
                    elif side == "ours":
                        o = run_ours(args.standoff, m, nfg, shape, payoffs, args)
                    else:
                        o = run_gambit(m, nfg, shape, payoffs, args)
                    if o.status == "timeout":
                        timed_out.add((side, m, shape))
                    if o.status == "failed":
                        print(f"note: {side} {m} failed on {name}: {o.message}", file=sys.stderr)
                    if o.status not in ("-", "skipped"):
                        print(f"  {name} {m:8} {side:6}: {fmt_count(o)} eq, {fmt_time(o)}, "
                              f"max regret {fmt_regret(o.max_regret)}", file=sys.stderr, flush=True)
                    sides[side] = o
                res[m] = sides
            problems += checks(name, res)
            lo = res.get("logit")
            if lo and lo["ours"].count and lo["gambit"].count and not close(lo["ours"].profiles[0], lo["gambit"].profiles[0]):
                print(f"note: {name}: our logit and Gambit's end at different equilibria", file=sys.stderr)
            missing = missing_from_enumpoly(res)
            for what in missing:
                print(f"note: {name}: {what} is not in our enumpoly list", file=sys.stderr)
            rows.append({"name": name, "shape": shape, "seed": seed, "nfg": str(nfg), "results": res,
                         "missing": missing})

    print()
    print(render(rows, methods, args.markdown))
    if args.summary:
        print()
        print(summary(rows, methods, args.markdown))
    both = [r["results"]["logit"] for r in rows if "logit" in r["results"]]
    both = [x for x in both if x["ours"].status == "ok" and x["gambit"].status == "ok" and x["ours"].count and x["gambit"].count]
    if both:
        same = sum(close(x["ours"].profiles[0], x["gambit"].profiles[0]) for x in both)
        print(f"\nlogit: ours and Gambit's branch end at the same equilibrium (to {MATCH_TOL:g}) on {same} of {len(both)} games")
    enum_rows = [r for r in rows if r["results"].get("enumpoly", {}).get("ours", Outcome("-")).status == "ok"]
    if enum_rows and version is not None:
        missed = sum(len(r["missing"]) for r in enum_rows)
        print(f"\nequilibria found by Gambit (any method) that are not in our enumpoly list: {missed} "
              f"(on {len(enum_rows)} games)")
    clock = "CPU time (user + system)" if CLOCK == "cpu" else "wall-clock time"
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\npayoffs 0..{gen_games.PAYOFF_RANGE - 1}; {clock}, median of up to {args.repeats} runs; "
          f"timeout {args.timeout:g} s; {os.cpu_count()} CPUs, load average {load} at the end; "
          f"pygambit {version or 'missing'}; python {sys.version.split()[0]}")
    if args.json_out:
        dump = [
            {
                "game": r["name"], "nfg": r["nfg"], "gambit_missing_from_our_enumpoly": r["missing"],
                "results": {
                    m: {
                        side: {
                            "status": o.status, "times": o.times, "count": o.count,
                            "max_regret": str(o.max_regret) if o.max_regret is not None else None,
                            "message": o.message,
                        }
                        for side, o in sides.items()
                    }
                    for m, sides in r["results"].items()
                },
            }
            for r in rows
        ]
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(dump, indent=1) + "\n", encoding="utf-8")
    if problems:
        bar = "!" * 78
        print(f"\n{bar}\nA CLAIM FAILED THE EXACT CHECK OR AN EQUILIBRIUM IS MISSING:", file=sys.stderr)
        for m in problems:
            print(f"  !!! {m}", file=sys.stderr)
        print(bar, file=sys.stderr)
        return 3
    print("every regret standoff claims matches the exact check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
