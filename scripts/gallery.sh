#!/usr/bin/env bash
# Regenerates the chart gallery in plots/ from the models in models/.
#
#   scripts/gallery.sh                 # builds the release binary, then draws every chart
#   STANDOFF=path/to/standoff scripts/gallery.sh   # use an already built binary instead
#
# Every chart is written atomically by `standoff plot`; the list below is the gallery that
# plots/README.md describes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${STANDOFF:-}" ]]; then
    cargo build --release --quiet
    STANDOFF="${CARGO_TARGET_DIR:-target}/release/standoff"
fi
mkdir -p plots
plot() { "$STANDOFF" plot "$@"; }

# Flagship: the US-DPRK standoff, baseline and the two scenarios.
plot models/standoff.toml --kind region
plot models/standoff.toml --kind best-response
plot models/standoff.toml --kind region --scenario coalition_pressure
plot models/standoff.toml --kind best-response --scenario coalition_pressure
plot models/standoff.toml --kind best-response --scenario hawkish_us
# China as mediator: chicken with Aumann's numbers, where correlation beats every Nash equilibrium.
plot models/mediated.toml --kind region
plot models/mediated.toml --kind best-response
plot models/mediated.toml --kind region --scenario costly_standoff
# Classics.
plot models/classics/prisoners_dilemma.toml --kind region
plot models/classics/stag_hunt.toml --kind region
plot models/classics/stag_hunt.toml --kind best-response
plot models/classics/battle_of_the_sexes.toml --kind region
plot models/classics/matching_pennies.toml --kind best-response
plot models/classics/rock_paper_scissors.toml --kind region
# Game trees: the equilibrium path (subgame perfect where the tree has perfect information) highlighted.
plot models/offer_first.toml --kind tree
plot models/freeze_first.toml --kind tree
plot models/coalition.toml --kind tree
plot models/type_uncertainty.toml --kind tree
# Three players: the coalition tree's reduced form, its feasible set projected on each pair of players.
plot models/coalition.toml --kind region
# A continuum of equilibria: the payoff sets of the equilibrium component (two segments).
plot models/offer_first.toml --kind region --scenario generous_upfront
