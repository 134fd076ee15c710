#!/usr/bin/env bash
# Regenerates the pictures of the Ukraine-corpus graph in docs/ (and the
# README's seed graph): `view` screenshots taken with headless Chromium and
# `render` output. Needs ../shared/corpus/ukraine, Graphviz and Chromium
# (scripts/test.sh installs the last two). Look at every picture after.
set -euo pipefail
cd "$(dirname "$0")/.."
# ACTORGRAPH=path uses that binary instead of a release build.
ag=${ACTORGRAPH:-target/release/actorgraph}
[ -n "${ACTORGRAPH:-}" ] || cargo build --release -q
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# --dedupe: the corpus holds 16 syndicated copies, whose evidence would count twice.
$ag build -q --dedupe ../shared/corpus/ukraine -o "$tmp/uk"
$ag view --graph "$tmp/uk/graph.json" -o "$tmp/uk.html"
shot() {  # PAGE FRAGMENT OUT.png
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
    --window-size=1400,900 --virtual-time-budget=3000 --screenshot="$3" "file://$1#$2" 2>/dev/null
}
shot "$tmp/uk.html" "" docs/view-ukraine.png
shot "$tmp/uk.html" "search=zelensky" docs/view-ukraine-search.png
$ag render --graph "$tmp/uk/graph.json" -o docs/render-ukraine.svg
$ag render --graph "$tmp/uk/graph.json" --top 25 --min-weight 2 -o docs/render-ukraine-top25.svg
$ag render -o docs/seed-graph.svg
