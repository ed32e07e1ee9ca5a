#!/usr/bin/env bash
# Opens `standoff report` pages in a real browser (headless Chromium) and checks them:
# no console or page errors, no network requests, every section and chart present, sliders showing
# what `standoff solve --set` gives at the grid point; saves screenshots into a temporary directory
# and, with UPDATE_GALLERY=1, copies the standoff one to plots/report-standoff.png (the README gallery).
#
# Installs Debian's chromium with apt-get if /usr/bin/chromium is missing (root, or sudo when
# available) and playwright-core (pinned in tests/browser/package-lock.json) with `npm ci` into
# tests/browser/node_modules. Run from anywhere: scripts/browser-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
        echo "browser-test: /usr/bin/chromium is missing and cannot be installed (not root, no sudo)" >&2; exit 1; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "browser-test: node and npm are needed (apt-get install nodejs npm)" >&2; exit 1
fi
(cd tests/browser && npm ci --no-audit --no-fund --silent)
cargo build --release --quiet
bin="$PWD/target/release/standoff"
out="$(mktemp -d "${TMPDIR:-/tmp}/standoff-browser.XXXXXX")"
# Every model, plus one reference Gambit file of each kind (no parameters: no explorer).
models=(models/*.toml models/classics/*.toml tests/data/reference/games/contrib_games_pd.nfg
    tests/data/reference/games/catalog_books_watson2013_fig29_1.efg)
for m in "${models[@]}"; do
    name="$(basename "$m")"
    name="${name%.*}"
    case "$m" in models/classics/*) name="classics-$name" ;; esac
    "$bin" report "$m" -o "$out/$name.html"
done
STANDOFF="$bin" CHROMIUM=/usr/bin/chromium node tests/browser/check.mjs "$out" "${models[@]}"
# The gallery's screenshot is refreshed only on request, so CI leaves the clone unchanged.
if [ "${UPDATE_GALLERY:-0}" = 1 ]; then cp "$out/standoff-setting.png" plots/report-standoff.png; fi
echo "browser-test: reports and screenshots in $out"
