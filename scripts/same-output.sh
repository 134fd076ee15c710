#!/usr/bin/env bash
# Checks that a change to the reading code leaves every output byte-identical.
#
#   scripts/same-output.sh save  DIR [BIN]   write the reference outputs of BIN into DIR
#   scripts/same-output.sh check DIR [BIN]   write them again into a temp dir and compare
#
# BIN defaults to target/release/actorgraph (build it first). The outputs: `build`
# graph.json and graph.dot of seeds/, of the devgold and holdout inputs and of a ~20 MB
# news slice (bbc_2004_2005 plus the first 15 MB of whole lines of the White House
# briefings); `extract --jsonl` of the slice (every relation instance); `eval` tables
# and JSON on the three gold sets with their errors; `explain --json --no-parse` of
# every seed document (mentions, skeletons, pattern hits). The rules fingerprint in
# graph.json (`"rules": "<sha256>"`) is masked: moving words into rules/lexicon.toml
# changes it without changing any reading. Needs ../shared beside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: same-output.sh save|check DIR [BIN]}
dir=${2:?usage: same-output.sh save|check DIR [BIN]}
bin=$(realpath "${3:-target/release/actorgraph}")
shared=../shared
[ -d "$shared" ] || shared=/work/shared
uk=$shared/corpus/ukraine
news=$shared/corpus/news

write_all() { # out dir
  local out=$1 tmp
  mkdir -p "$out"
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  head -c 15000000 "$news/whitehouse_briefing_room_2021_2026.jsonl" | sed '$d' > "$tmp/wh.jsonl"
  local slice=("$news/bbc_2004_2005.jsonl" "$tmp/wh.jsonl")
  local dev=("$uk/ukraine_web.jsonl" "$uk"/uk_0*.txt)
  local hold=("$uk/ukraine_web.jsonl" "$uk/uk_006.txt" "$uk/uk_028.txt")
  run_build() { # name, inputs...
    local name=$1; shift
    "$bin" build -q "$@" -o "$tmp/$name" 2>/dev/null
    sed -E 's/^(  "rules": )"[0-9a-f]{64}"/\1"<masked>"/' "$tmp/$name/graph.json" > "$out/$name.graph.json"
    cp "$tmp/$name/graph.dot" "$out/$name.graph.dot"
  }
  run_build seeds seeds
  run_build dev "${dev[@]}"
  run_build holdout "${hold[@]}"
  run_build news "${slice[@]}"
  "$bin" extract --jsonl "${slice[@]}" 2>/dev/null | sed -E 's/"rules":"[0-9a-f]{64}"/"rules":"<masked>"/g' > "$out/news.extract.jsonl"
  run_eval() { # name, gold, inputs...
    local name=$1 gold=$2; shift 2
    "$bin" eval --gold "$gold" "$@" --show errors > "$out/eval-$name.txt" 2>/dev/null
    "$bin" eval --gold "$gold" "$@" --json > "$out/eval-$name.json" 2>/dev/null
  }
  run_eval seeds "$shared/gold"
  run_eval dev tests/data/devgold "${dev[@]}"
  run_eval holdout tests/data/holdout "${hold[@]}"
  for f in seeds/*; do
    "$bin" explain --doc "$f" --json --no-parse > "$out/explain-$(basename "$f").json"
  done
}

case $mode in
  save)
    write_all "$dir"
    echo "saved $(ls "$dir" | wc -l) outputs in $dir"
    ;;
  check)
    new=$(mktemp -d); trap 'rm -rf "$new"' EXIT
    write_all "$new"
    if diff -rq "$dir" "$new"; then
      echo "same output: all $(ls "$dir" | wc -l) files byte-identical"
    else
      echo "DIFFERENT (first lines of each diff):" >&2
      for f in $(diff -rq "$dir" "$new" | awk '/^Files/ {print $2}'); do
        diff "$f" "$new/$(basename "$f")" | head -20 >&2
      done
      exit 1
    fi
    ;;
  *) echo "usage: same-output.sh save|check DIR [BIN]" >&2; exit 2 ;;
esac
