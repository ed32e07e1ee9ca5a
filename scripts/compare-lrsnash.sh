#!/usr/bin/env bash
# standoff against lrsnash only (Debian's lrslib, installed by compare-peers.sh if missing) on random
# n x n games, seeds 1-3: equilibrium counts and time ratios standoff/lrsnash, per game and per n.
#
# Two workloads, one after the other:
#   1. payoffs 0..99 (most of these games are degenerate);
#   2. payoffs 0..999999 (nondegenerate; tableau entries outgrow 128 bits, the wide-integer tiers).
# Sizes default to n = 6, 8, 10, 12, 14, 16 (LRSNASH_SIZES=6,8,10,12 for the old, quicker set).
# Extra arguments go to both runs (see scripts/compare-peers.sh --help), e.g. --markdown,
# --clock cpu (CPU time instead of wall-clock time: steadier on a busy machine), --repeats 3.
# The exit status is non-zero if either run finds standoff disagreeing with lrsnash.
set -uo pipefail
here="$(dirname "$0")"
sizes="${LRSNASH_SIZES:-6,8,10,12,14,16}"
status=0
for range in 100 1000000; do
    printf '\n## payoffs 0..%s\n\n' "$((range - 1))"
    "$here/compare-peers.sh" --sizes "$sizes" --seeds 1,2,3 --peers standoff,lrsnash --payoff-range "$range" \
        --summary "$@" || status=$?
    # Build once: the second run reuses the release binary.
    export SKIP_BUILD=1
done
exit "$status"
