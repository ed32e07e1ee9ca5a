#!/usr/bin/env bash
# standoff against lrsnash only (Debian's lrslib, installed by compare-peers.sh if missing) on random
# n x n games, n = 6, 8, 10, 12, integer payoffs 0..99, seeds 1-3: equilibrium counts and time ratios.
# Extra arguments are passed on (see scripts/compare-peers.sh --help).
set -euo pipefail
exec "$(dirname "$0")/compare-peers.sh" --sizes 6,8,10,12 --seeds 1,2,3 --peers standoff,lrsnash "$@"
