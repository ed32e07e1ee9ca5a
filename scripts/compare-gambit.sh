#!/usr/bin/env bash
# Compare standoff's N-player methods (logit, enumpoly, simpdiv where the binary has it) with Gambit's
# simpdiv, gnm, logit and enumpoly (pygambit) on the same random N-player .nfg games, and check every
# equilibrium either side reports in exact arithmetic.
#
# Sets up what it needs, then runs scripts/compare_gambit.py (all arguments are passed on):
#   - target/gambit-venv: a Python venv with pygambit $PYGAMBIT_VERSION (default 16.7.0) from PyPI.
#     PyPI has no Linux wheel of it for Python 3.11, so pip compiles Gambit from source: a C++
#     compiler is needed and the first run takes 10-30 minutes. Without pygambit the Gambit
#     columns say "skipped";
#   - standoff: `cargo build --release` (skip with SKIP_BUILD=1, e.g. when the binary is fresh).
#
# Examples:
#   scripts/compare-gambit.sh --self-test                  # the script's own exact arithmetic; no setup
#   scripts/compare-gambit.sh --quick --clock cpu          # seed 1 of 3x3x3, 4x4x4 and 2^6, one run each
#   scripts/compare-gambit.sh --seeds 1,2,3 --clock cpu --summary --markdown
#   scripts/compare-gambit.sh --shapes 3x3x3 --methods logit,simpdiv --timeout 20
# See `scripts/compare-gambit.sh --help` for every option.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo" || exit 1
venv="$repo/target/gambit-venv"
target="${CARGO_TARGET_DIR:-$repo/target}"
version="${PYGAMBIT_VERSION:-16.7.0}"

note() { printf 'compare-gambit: %s\n' "$*" >&2; }

for arg in "$@"; do
    if [[ "$arg" == "-h" || "$arg" == "--help" || "$arg" == "--self-test" ]]; then
        exec python3 "$repo/scripts/compare_gambit.py" "$@"
    fi
done

# 1. A venv with pygambit.
python="python3"
if [[ ! -x "$venv/bin/python" ]]; then
    note "creating $venv"
    mkdir -p "$repo/target"
    python3 -m venv "$venv" >&2 || note "could not create a venv: Gambit will be skipped"
fi
if [[ -x "$venv/bin/python" ]]; then
    python="$venv/bin/python"
    if ! "$python" -c "import pygambit" >/dev/null 2>&1; then
        note "installing pygambit==$version into $venv (compiles Gambit from source: 10-30 minutes)"
        "$python" -m pip install -q "pygambit==$version" >&2 || note "pip install pygambit failed: Gambit will be skipped"
    fi
fi

# 2. standoff in release mode.
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    note "cargo build --release"
    cargo build --release --bin standoff >&2 || note "cargo build --release failed: standoff will be skipped"
fi

exec "$python" "$repo/scripts/compare_gambit.py" --standoff "$target/release/standoff" "$@"
