#!/usr/bin/env bash
# Throughput benchmark: `actorgraph build` single-threaded and on all cores over a
# corpus, against the floor of `rg -o -F -f ALIASES` (every alias string the rules
# match) over the same text, with peak RSS from /usr/bin/time -v.
#
#   benches/run.sh [CORPUS...]      default: ../shared/corpus/news/*.jsonl
#
# Needs ripgrep and GNU time (apt-get install ripgrep time); prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=("$@")
[ ${#corpus[@]} -gt 0 ] || corpus=(../shared/corpus/news/*.jsonl)
for tool in rg /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "benches/run.sh: $tool is missing: apt-get install ripgrep time" >&2; exit 1; }
done
cargo build --release -q
bin=target/release/actorgraph
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$bin rules list --aliases > "$tmp/aliases.txt"
bytes=$(cat "${corpus[@]}" | wc -c)
mb=$(echo "$bytes / 1000000" | bc -l)
cores=$(nproc)

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$tmp/time.txt" || { cat "$tmp/time.txt" >&2; exit 1; }
  local secs rss
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
  printf '%s|%s|%s\n' "$label" "$secs" "$rss"
}

{
  measure "rg -o -F -f aliases (floor)" sh -c "cat ${corpus[*]} | rg -o -F -f $tmp/aliases.txt"
  measure "actorgraph build -j1" $bin build -q -j1 "${corpus[@]}" -o "$tmp/out1" --max-evidence 20
  measure "actorgraph build -j$cores" $bin build -q -j"$cores" "${corpus[@]}" -o "$tmp/outN" --max-evidence 20
} > "$tmp/results.txt"

floor=$(awk -F'|' 'NR==1 {print $2}' "$tmp/results.txt")
printf 'corpus: %s (%.1f MB), %s cores, %s alias strings\n\n' "${corpus[*]}" "$mb" "$cores" "$(wc -l < "$tmp/aliases.txt")"
echo "| run | seconds | MB/s | x ripgrep floor | peak RSS MB |"
echo "|---|---:|---:|---:|---:|"
while IFS='|' read -r label secs rss; do
  printf '| %s | %.2f | %.1f | %.1f | %.0f |\n' "$label" "$secs" "$(echo "$mb / $secs" | bc -l)" "$(echo "$secs / $floor" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done < "$tmp/results.txt"
cmp -s "$tmp/out1/graph.json" "$tmp/outN/graph.json" && echo && echo "graph.json identical for -j1 and -j$cores"
