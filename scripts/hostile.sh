#!/usr/bin/env bash
# The hostile-input suite of issue 14: huge, deep, wide and malformed inputs against the release
# binary, each run alone under `ulimit -v 4000000` (4 GB of address space) and `timeout 60`.
# Prints a markdown table: command, input, exit status, user+sys CPU seconds, peak RSS, and the
# first line of the message (stderr, or the start of stdout).
#
#   cargo build --release && scripts/hostile.sh > tests/data/limits.md
#
# Inputs are made under target/hostile/ (once; delete the directory to remake them). Every row
# must end with exit 0, 1 or 2 (never 124 timeout, 134 abort or 101 panic) in at most 30 s of CPU.
# Options: STANDOFF=path/to/binary; HOSTILE_FILTER=regex runs only the rows whose command or input
# matches; HOSTILE_TIMEOUT=seconds of wall time (default 60; on a machine shared by many jobs a
# run gets a fraction of a core, so raise it there: CPU time is also capped, at 60 s, by ulimit -t).
set -u
cd "$(dirname "$0")/.."
BIN=${STANDOFF:-target/release/standoff}
DIR=target/hostile
FILTER=${HOSTILE_FILTER:-}
TIMEOUT=${HOSTILE_TIMEOUT:-60}
CPULIMIT=60
[ -x "$BIN" ] || { echo "no binary at $BIN (cargo build --release)" >&2; exit 2; }
mkdir -p "$DIR"

# ---- inputs ----------------------------------------------------------------------------------
make_inputs() {
    [ -f "$DIR/.made" ] && return
    python3 scripts/gen_games.py --out "$DIR/g" --sizes 15,1000 --seeds 1 >/dev/null
    python3 - "$DIR" <<'PY'
import os, random, sys
d = sys.argv[1]

def nplayer(path, shape, seed, hi):
    random.seed(seed)
    n = len(shape)
    total = 1
    for m in shape:
        total *= m
    with open(path, "w") as f:
        f.write('NFG 1 R "random %s, seed %d" { %s } { %s }\n\n' % (
            "x".join(map(str, shape)), seed, " ".join('"P%d"' % i for i in range(n)), " ".join(map(str, shape))))
        row = []
        for _ in range(total * n):
            row.append(str(random.randrange(hi)))
            if len(row) == 4096:
                f.write(" ".join(row) + "\n")
                row = []
        f.write(" ".join(row) + "\n")

for n in (17, 18, 20):
    nplayer(os.path.join(d, "p%d.nfg" % n), [2] * n, n, 10)
nplayer(os.path.join(d, "r543.nfg"), [5, 4, 3], 1, 3)
nplayer(os.path.join(d, "r555.nfg"), [5, 5, 5], 1, 100)

def efg(path, title, players, write_body):
    with open(path, "w") as f:
        f.write('EFG 2 R "%s" { %s }\n""\n\n' % (title, " ".join('"%s"' % p for p in players)))
        write_body(f)

# A perfect-information ternary tree of depth 11 (265,720 nodes), two players alternating.
def ternary(f):
    count = [0, 0]
    def node(depth):
        if depth == 11:
            count[1] += 1
            f.write('t "" %d "" { %d %d }\n' % (count[1], random.randrange(100), random.randrange(100)))
            return
        count[0] += 1
        f.write('p "" %d %d "" { "a" "b" "c" } 0\n' % (depth % 2 + 1, count[0]))
        for _ in range(3):
            node(depth + 1)
    random.seed(3)
    node(0)
efg(os.path.join(d, "tree.efg"), "ternary tree, depth 11", ["A", "B"], ternary)

# Chains: at each node the mover stops (a leaf) or goes on; `tied` gives every leaf the same payoffs.
def chain(length, tied=False):
    def body(f):
        for k in range(length):
            f.write('p "" %d %d "" { "stop" "go" } 0\n' % (k % 2 + 1, k + 1))
            a, b = (1, 1) if tied else (k % 7, (3 * k) % 5)
            f.write('t "" %d "" { %d %d }\n' % (k + 1, a, b))
        f.write('t "" %d "" { 0 0 }\n' % (length + 1))
    return body
efg(os.path.join(d, "chain200k.efg"), "200,000-deep chain", ["A", "B"], chain(200000))
efg(os.path.join(d, "chain30k.efg"), "30,000-node chain", ["A", "B"], chain(15000))
efg(os.path.join(d, "chain20k.efg"), "20,000-node chain", ["A", "B"], chain(10000))
efg(os.path.join(d, "tied3k.efg"), "3,000-node chain, all payoffs tied", ["A", "B"], chain(1500, tied=True))

# 200,000-deep chains with a coin flip at every other node, and ending in a simultaneous move
# (not perfect information, so solved by subgames).
def chance_chain(f):
    for k in range(200000):
        if k % 2:
            f.write('c "" %d "" { "l" 1/2 "r" 1/2 } 0\n' % (k + 1))
        else:
            f.write('p "" %d %d "" { "stop" "go" } 0\n' % (k % 2 + 1, k + 1))
        f.write('t "" %d "" { %d %d }\n' % (k + 1, k % 7, (3 * k) % 5))
    f.write('t "" %d "" { 0 0 }\n' % 200001)
efg(os.path.join(d, "chance200k.efg"), "200,000-deep chain with chance", ["A", "B"], chance_chain)
def simultaneous_end(f):
    for k in range(200000):
        f.write('p "" %d %d "" { "stop" "go" } 0\n' % (k % 2 + 1, k + 1))
        f.write('t "" %d "" { %d %d }\n' % (k + 1, k % 7, (3 * k) % 5))
    f.write('p "" 1 200001 "" { "x" "y" } 0\n')
    for k, first in ((200003, 1), (200005, 0)):
        f.write('p "" 2 200002 "" { "u" "v" } 0\n')
        f.write('t "" %d "" { %d %d }\n' % (k, first, 1 - first))
        f.write('t "" %d "" { %d %d }\n' % (k + 1, 1 - first, first))
efg(os.path.join(d, "imperfect200k.efg"), "200,000-deep chain, simultaneous end", ["A", "B"], simultaneous_end)

# One decision node with many tied actions.
def wide(k):
    def body(f):
        f.write('p "" 1 1 "" { %s } 0\n' % " ".join('"a%d"' % i for i in range(k)))
        for i in range(k):
            f.write('t "" 1 "" { 1 1 }\n' if i == 0 else 't "" 1\n')
    return body
efg(os.path.join(d, "wide20k.efg"), "20,000 tied actions", ["A", "B"], wide(20000))
efg(os.path.join(d, "wide100k.efg"), "100,000 tied actions", ["A", "B"], wide(100000))

# 200,000 player names; 200,000 strategy labels; 200,000 labels declared with too few payoffs.
with open(os.path.join(d, "names200k.nfg"), "w") as f:
    f.write('NFG 1 R "200,000 players" { %s } { %s }\n' % (" ".join('"p%d"' % i for i in range(200000)), " ".join(["1"] * 200000)))
    f.write(" ".join(["0"] * 200000) + "\n")
with open(os.path.join(d, "labels200k.nfg"), "w") as f:
    f.write('NFG 1 R "200,000 strategies" { "A" "B" }\n{ { %s } { "x" } }\n""\n' % " ".join('"s%d"' % i for i in range(200000)))
    f.write(" ".join(["1 1"] * 200000) + "\n")
with open(os.path.join(d, "short200k.nfg"), "w") as f:
    f.write('NFG 1 R "declared 200,000 x 200,000" { "A" "B" }\n{ { %s } { %s } }\n""\n1 2 3 4\n' % (
        " ".join('"s%d"' % i for i in range(200000)), " ".join('"t%d"' % i for i in range(200000))))
with open(os.path.join(d, "digits.txt"), "w") as f:
    f.write("7" * 1000000)
PY
    # A 1000x1000 TOML model, from the .nfg.
    "$BIN" convert "$DIR/g/rand-n1000-s1.nfg" --to toml -o "$DIR/big.toml" >/dev/null 2>&1 || true
    cp "$DIR/g/rand-n1000-s1.nfg" "$DIR/big2.nfg"
    ln -sf /dev/zero "$DIR/zero.toml"
    ln -sf /dev/urandom "$DIR/urandom.nfg"
    touch "$DIR/.made"
}

# ---- one run ---------------------------------------------------------------------------------
header() {
    cat <<EOF
# Hostile inputs, every command (issue 14)

Regenerate with \`cargo build --release && scripts/hostile.sh > tests/data/limits.md\` (inputs are
made under \`target/hostile/\`). Each command runs alone on the release binary under
\`ulimit -v 4000000\`, \`ulimit -t $CPULIMIT\` (CPU seconds) and \`timeout $TIMEOUT\` (wall seconds). CPU is user+sys seconds (the figure to trust on a
shared machine; wall time includes waiting for other jobs); RSS is the peak resident set. Exit 0
is an answer, 1 or 2 an error or a refusal naming the flag that raises the limit; never 124
(timeout), 152 (CPU limit), 134 (abort) or 101 (panic). The 30 s limit is judged by CPU time.

Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)
(the machine is shared, so wall times are longer than CPU times).

| command | input | exit | CPU s | peak RSS | message (stderr, or the start of stdout) |
|---|---|---|---|---|---|
EOF
}

ROWS=0
MAXCPU=0
MAXRSS=0
BAD=0
run() { # run LABEL INPUT -- args...
    local label=$1 input=$2
    shift 3
    if [ -n "$FILTER" ] && ! printf '%s %s' "$label" "$input" | grep -Eq -- "$FILTER"; then
        return
    fi
    local out=$DIR/out.$$ err=$DIR/err.$$ tm=$DIR/time.$$
    (
        ulimit -v 4000000
        ulimit -t "$CPULIMIT"
        exec /usr/bin/time -f '%U %S %M' -o "$tm" timeout "$TIMEOUT" "$BIN" "$@"
    ) >"$out" 2>"$err" </dev/null
    local code=$?
    local u s m
    read -r u s m < <(tail -n 1 "$tm" 2>/dev/null || echo "0 0 0")
    local cpu
    cpu=$(awk -v u="${u:-0}" -v s="${s:-0}" 'BEGIN { printf "%.2f", u + s }')
    local msg
    msg=$(grep -av '^Command exited' "$err" | grep -am1 . | LC_ALL=C tr -cd '\11\40-\176' | cut -c1-200)
    if [ -z "$msg" ]; then
        msg="(stdout: $(head -c 400 "$out" | tr '\n' ' ' | LC_ALL=C tr -cd '\40-\176' | tr -s ' ' | cut -c1-120))"
    fi
    msg=${msg//|/\\|}
    printf '| %s | %s | %s | %s | %s MB | %s |\n' "$label" "$input" "$code" "$cpu" "$(( ${m:-0} / 1024 ))" "$msg"
    ROWS=$((ROWS + 1))
    MAXCPU=$(awk -v a="$MAXCPU" -v b="$cpu" 'BEGIN { print (b > a ? b : a) }')
    [ "${m:-0}" -gt "$MAXRSS" ] && MAXRSS=${m:-0}
    case $code in 0 | 1 | 2) ;; *) BAD=$((BAD + 1)) ;; esac
    awk -v c="$cpu" 'BEGIN { exit !(c > 30) }' && BAD=$((BAD + 1))
    rm -f "$out" "$err" "$tm"
}

make_inputs
header
N=$DIR/g/rand-n1000-s1.nfg
for m in auto pure enum lemke lp correlated logit; do run "solve --method $m" "1000x1000 nfg" -- solve --method $m "$N"; done
run "solve --method lemke --start-label 1" "1000x1000 nfg" -- solve --method lemke --start-label 1 "$N"
run "info" "1000x1000 nfg" -- info "$N"
run "region" "1000x1000 nfg" -- region "$N"
run "plot region" "1000x1000 nfg" -- plot "$N" --kind region -o "$DIR/region.svg"
run "qre" "1000x1000 nfg" -- qre "$N"
run "convert --to toml" "1000x1000 nfg" -- convert "$N" --to toml -o "$DIR/conv.toml"
run "compare" "1000x1000 nfg x2" -- compare "$N" "$DIR/big2.nfg"
run "info" "1000x1000 toml" -- info "$DIR/big.toml"
run "solve --method pure" "1000x1000 toml" -- solve --method pure "$DIR/big.toml"
for m in auto pure logit; do run "solve --method $m" "20-player nfg" -- solve --method $m "$DIR/p20.nfg"; done
run "info" "20-player nfg" -- info "$DIR/p20.nfg"
run "convert --to toml" "20-player nfg" -- convert "$DIR/p20.nfg" --to toml -o "$DIR/conv20.toml"
for p in 17 18; do
    run "solve --method auto" "$p-player nfg" -- solve "$DIR/p$p.nfg"
    run "info" "$p-player nfg" -- info "$DIR/p$p.nfg"
done
T=$DIR/tree.efg
for m in auto spe pure enum lemke lp logit; do run "solve --method $m" "265,720-node tree efg" -- solve --method $m "$T"; done
run "info" "265,720-node tree efg" -- info "$T"
run "convert --to nfg" "265,720-node tree efg" -- convert "$T" --to nfg -o "$DIR/conv.nfg"
run "region" "265,720-node tree efg" -- region "$T"
C=$DIR/chain200k.efg
for m in auto spe enum lemke lp; do run "solve --method $m" "200,000-deep chain efg" -- solve --method $m "$C"; done
run "info" "200,000-deep chain efg" -- info "$C"
run "plot tree" "200,000-deep chain efg" -- plot "$C" --kind tree -o "$DIR/chain.svg"
run "convert --to toml" "200,000-deep chain efg" -- convert "$C" --to toml -o "$DIR/chain.toml"
run "convert --to efg" "200,000-deep chain efg" -- convert "$C" --to efg -o "$DIR/chain2.efg"
run "region" "200,000-deep chain efg" -- region "$C"
for m in auto lemke; do run "solve --method $m" "200,000-deep chain with chance efg" -- solve --method $m "$DIR/chance200k.efg"; done
run "plot tree" "200,000-deep chain with chance efg" -- plot "$DIR/chance200k.efg" --kind tree -o "$DIR/chance.svg"
for m in auto lemke; do run "solve --method $m" "200,000-deep chain, simultaneous end efg" -- solve --method $m "$DIR/imperfect200k.efg"; done
run "solve --method enum" "30,000-node chain efg" -- solve --method enum "$DIR/chain30k.efg"
run "solve --method enum" "20,000-node chain efg" -- solve --method enum "$DIR/chain20k.efg"
run "solve" "3,000-node chain, all tied efg" -- solve "$DIR/tied3k.efg"
run "solve" "20,000 tied actions efg" -- solve "$DIR/wide20k.efg"
run "solve" "100,000 tied actions efg" -- solve "$DIR/wide100k.efg"
run "info" "200,000 player names nfg" -- info "$DIR/names200k.nfg"
run "solve" "200,000 player names nfg" -- solve "$DIR/names200k.nfg"
run "info" "200,000 strategy labels nfg" -- info "$DIR/labels200k.nfg"
run "info" "200,000x200,000 declared, 4 payoffs nfg" -- info "$DIR/short200k.nfg"
run "info" "symlink to /dev/zero (toml)" -- info "$DIR/zero.toml"
run "info" "symlink to /dev/urandom (nfg)" -- info "$DIR/urandom.nfg"
# 10^5 digits: one argument of 10^6 bytes exceeds the kernel's 128 kB per-argument limit before
# standoff starts; 10^5 is still ten times --max-digits.
run "solve --set us_sucker=<10^5 digits>" "models/standoff.toml" -- solve models/standoff.toml --set "us_sucker=$(head -c 100000 "$DIR/digits.txt")"
run "region" "random 15x15 nfg" -- region "$DIR/g/rand-n15-s1.nfg"
run "region" "random 5x5x5 nfg" -- region "$DIR/r555.nfg"
run "solve --method enumpoly" "5x4x3 nfg (payoffs 0..2)" -- solve --method enumpoly "$DIR/r543.nfg"
run "thresholds --param deal_value=-50:50" "models/attrition.toml" -- thresholds models/attrition.toml --param deal_value=-50:50
run "thresholds --param us_sucker=-5:5" "models/standoff.toml" -- thresholds models/standoff.toml --param us_sucker=-5:5
run "sweep 1000x1000 grid, csv" "models/standoff.toml" -- sweep models/standoff.toml --param us_sucker=-5:5:1000 --param dprk_standoff=-8:2:1000 --format csv -o "$DIR/sweep.csv"
run "attrition --set horizon=100000" "models/attrition.toml" -- attrition models/attrition.toml --set horizon=100000
run "attrition --set horizon=100000 --set deal_value=1" "models/attrition.toml" -- attrition models/attrition.toml --set horizon=100000 --set deal_value=1
run "attrition --continuous --set horizon=100000" "models/attrition.toml" -- attrition models/attrition.toml --continuous --set horizon=100000
run "solve --set horizon=100000" "models/attrition.toml" -- solve models/attrition.toml --set horizon=100000
echo
echo "$ROWS runs; the most CPU: $MAXCPU s; the largest peak RSS: $((MAXRSS / 1024)) MB; $BAD outside the rules (exit other than 0/1/2, or over 30 s CPU)."
