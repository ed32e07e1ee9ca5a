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
# Findings: where each model's answer changes. Sweeps draw the regimes with the exact boundaries
# from `standoff thresholds`; the comparison chart puts the standoff's scenarios side by side.
sweep() { "$STANDOFF" sweep "$@" --format csv > /dev/null; }
sweep models/standoff.toml --param dprk_standoff=-8:1:181 --plot plots/standoff-dprk_standoff.svg
sweep models/offer_first.toml --param aid_value=0:10:201 --plot plots/offer_first-aid_value.svg
sweep models/freeze_first.toml --param renege_cost=0:6:121 --plot plots/freeze_first-renege_cost.svg
sweep models/coalition.toml --param credibility_after_engagement=0:5:101 --param enforce_cost=0:5:101 \
    --plot plots/coalition-map.svg
sweep models/type_uncertainty.toml --param prob_pragmatic=0:1:101 --plot plots/type_uncertainty-prob_pragmatic.svg
"$STANDOFF" compare models/standoff.toml --scenario baseline --scenario coalition_pressure --scenario hawkish_us \
    --plot plots/standoff-compare.svg > /dev/null
# The war of attrition: per-period concession and survival in the stationary mixed SPE, and the
# two deadline scenarios side by side.
"$STANDOFF" attrition models/attrition.toml --set horizon=12 --select mixed --plot plots/attrition.svg > /dev/null
"$STANDOFF" attrition models/attrition.toml --scenario deadline_dprk --scenario deadline_us --select mixed \
    --plot plots/attrition_deadlines.svg > /dev/null
