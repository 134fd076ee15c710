#!/usr/bin/env bash
# Syntax benchmark: tokenize + tag + lemmatize + parse on one core, in tokens
# per second over the sentence texts of a treebank, plus the model's load time
# and memory. With BASE=path/to/older/actorgraph the older binary is measured in
# the same run, alternating, so that a noisy machine affects both alike.
#
#   benches/syntax.sh [CONLLU...]     default: ../shared/treebanks/en_ewt-ud-test.conllu
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(../shared/treebanks/en_ewt-ud-test.conllu)
cargo build --release -q
bin=target/release/actorgraph
for round in 1 2; do
  echo "round $round"
  printf '  this build: '; taskset -c 0 $bin syntax bench "${files[@]}"
  if [ -n "${BASE:-}" ]; then printf '  %s: ' "$BASE"; taskset -c 0 "$BASE" syntax bench "${files[@]}"; fi
done
$bin syntax info | grep -E "memory|features"
# Load time: the embedded model is read on first use by `parse`.
/usr/bin/time -f 'parse of one word, model load included: %e s, %M KB peak RSS' $bin parse --conllu "Kyiv." > /dev/null
