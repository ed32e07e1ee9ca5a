#!/usr/bin/env bash
# Compare standoff's exact enumeration with lrsnash, Nashpy and QuantEcon on random bimatrix games.
#
# Sets up what it needs, then runs scripts/compare_peers.py (all arguments are passed on):
#   - lrsnash: `apt-get install -y lrslib` when missing (needs root; skipped with a message otherwise);
#   - target/peer-venv: a Python venv with nashpy and quantecon from PyPI (each skipped if unavailable);
#   - standoff: `cargo build --release` (skip with SKIP_BUILD=1, e.g. when the binary is fresh).
#
# Examples:
#   scripts/compare-peers.sh --quick                      # n = 6, 8, one seed: a smoke test
#   scripts/compare-peers.sh                              # n = 6, 8, 10, 12, seeds 1,2,3, 5 runs each
#   scripts/compare-peers.sh --sizes 6,8 --seeds 1,2,3,4 --repeats 9 --markdown
#   scripts/compare-peers.sh --peers standoff,lrsnash     # only these two
# See `scripts/compare-peers.sh --help` for every option.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo" || exit 1
venv="$repo/target/peer-venv"
target="${CARGO_TARGET_DIR:-$repo/target}"

note() { printf 'compare-peers: %s\n' "$*" >&2; }

for arg in "$@"; do
    if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
        exec python3 "$repo/scripts/compare_peers.py" --help
    fi
done

# 1. lrsnash (Debian package lrslib).
if ! command -v lrsnash >/dev/null 2>&1; then
    if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
        note "installing lrslib (lrsnash) with apt-get"
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lrslib; } >&2; then
            note "apt-get install lrslib failed: lrsnash will be skipped"
        fi
    else
        note "lrsnash is missing and installing lrslib needs root with apt-get: lrsnash will be skipped"
    fi
fi

# 2. Python venv with the Python peers. Each package is installed on its own so one failure skips one peer.
python="python3"
if [[ ! -x "$venv/bin/python" ]]; then
    note "creating $venv"
    mkdir -p "$repo/target"
    python3 -m venv "$venv" >&2 || note "could not create a venv: Python peers will be skipped"
fi
if [[ -x "$venv/bin/python" ]]; then
    python="$venv/bin/python"
    for pkg in nashpy quantecon; do
        if ! "$python" -c "import $pkg" >/dev/null 2>&1; then
            note "installing $pkg into $venv"
            "$python" -m pip install -q "$pkg" >&2 || note "pip install $pkg failed: its peer will be skipped"
        fi
    done
fi

# 3. standoff in release mode.
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    note "cargo build --release"
    cargo build --release --bin standoff >&2 || note "cargo build --release failed: standoff will be skipped"
fi

exec "$python" "$repo/scripts/compare_peers.py" --standoff "$target/release/standoff" "$@"
