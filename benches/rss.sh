#!/usr/bin/env bash
# Peak memory benchmark: `actorgraph build --max-evidence 20 -j2` over a ~1 GB
# JSONL corpus made of the news corpus repeated with distinct ids (copy K of a
# document has id "cK-ID"), with peak RSS and wall time from GNU time.
#
#   benches/rss.sh [GB]        default 1 (10^9 bytes); the corpus is built in $TMPDIR
#
# Needs GNU time (apt-get install time) and ../shared/corpus/news/. Not a test:
# it takes minutes and a gigabyte of disk. Results are in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
gb=${1:-1}
news=(../shared/corpus/news/*.jsonl)
[ -e "${news[0]}" ] || { echo "benches/rss.sh: ../shared/corpus/news/ is missing" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "benches/rss.sh: GNU time is missing: apt-get install time" >&2; exit 1; }
cargo build --release -q
bin=target/release/actorgraph
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

target=$(echo "$gb * 1000000000 / 1" | bc)
corpus=$tmp/corpus.jsonl
copy=0
: > "$corpus"
while [ "$(stat -c %s "$corpus")" -lt "$target" ]; do
  # Every line starts with {"id": "...": prefix the id so each copy is a new document.
  cat "${news[@]}" | sed "s/^{\"id\": \"/{\"id\": \"c$copy-/" >> "$corpus"
  copy=$((copy + 1))
done
bytes=$(stat -c %s "$corpus")
docs=$(wc -l < "$corpus")

/usr/bin/time -v "$bin" build -q --max-evidence 20 -j2 "$corpus" -o "$tmp/out" 2> "$tmp/time.txt" ||
  { cat "$tmp/time.txt" >&2; exit 1; }
secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
json=$(stat -c %s "$tmp/out/graph.json")
printf 'corpus: %d copies of %s = %.2f GB, %d documents\n' "$copy" "${news[*]}" "$(echo "$bytes / 1000000000" | bc -l)" "$docs"
printf 'build --max-evidence 20 -j2: %.1f s, %.1f MB/s, peak RSS %.0f MB, graph.json %.1f MB\n' \
  "$secs" "$(echo "$bytes / 1000000 / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$(echo "$json / 1000000" | bc -l)"
