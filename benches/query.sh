#!/usr/bin/env bash
# Times `actorgraph query` on a generated graph of 100,000 edges (5,000 actors).
#   benches/query.sh [EDGES]
set -euo pipefail
cd "$(dirname "$0")/.."
edges=${1:-100000}
cargo build --release -q
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$edges" "$tmp/graph.json" <<'PY'
import json, random, sys
n_edges, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
rels = ["supports", "opposes", "rejects", "demands", "threatens", "negotiates", "cooperates", "pressures", "attacks"]
n_nodes = max(50, n_edges // 20)
nodes = [{"id": f"a{i:05d}", "label": f"Actor {i}", "kind": "state", "aliases": [f"Actor {i}"], "mentions": 1, "documents": ["d0"]} for i in range(n_nodes)]
seen, edges = set(), []
while len(edges) < n_edges:
    s, t, r = random.randrange(n_nodes), random.randrange(n_nodes), random.choice(rels)
    if s == t: continue
    if r in ("negotiates", "cooperates") and t < s: s, t = t, s
    k = (s, r, t)
    if k in seen: continue
    seen.add(k)
    edges.append({"source": f"a{s:05d}", "target": f"a{t:05d}", "relation": r, "symmetric": r in ("negotiates", "cooperates"),
                  "negated": False, "hedged": False, "weight": 1, "first_seen": "2025-01-01", "last_seen": "2025-01-01",
                  "evidence": [{"doc": "d0", "start": 0, "end": 1, "text": "x", "sentence": 0, "rule": "gen/x", "trigger": "x",
                                "negated": False, "hedged": False, "said_by": None}]})
edges.sort(key=lambda e: (e["source"], e["relation"], e["target"], e["negated"]))
g = {"format": "actorgraph-graph", "version": 1, "generator": "benches/query.sh", "relations": [],
     "documents": [{"id": "d0", "path": None, "bytes": 1, "sha256": "", "title": None, "date": "2025-01-01"}],
     "nodes": nodes, "edges": edges}
json.dump(g, open(path, "w"))
PY
bin=target/release/actorgraph
echo "graph: $edges edges, $(du -h "$tmp/graph.json" | cut -f1) of JSON"
$bin query --graph "$tmp/graph.json" actors > /dev/null # warm the page cache
echo "| query | median of 5 runs, seconds |"
echo "|---|---:|"
for q in "actors --sort degree" "edges --from a00001" "a00001 -[opposes]-> ?" "neighbors a00001 --depth 2" \
  "path a00001 a04000" "path a00001 a04000 --all --max-len 3" "evidence a00001 opposes a00002" "between a00001 a00002" \
  "top --by degree" "top --by pagerank" "top --by betweenness" "allies a00001" "timeline a00001 --by month" \
  "subgraph a00001 --format dot"; do
  times=()
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    $bin query --graph "$tmp/graph.json" $q > /dev/null || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  printf '| `%s` | %.2f |\n' "$q" "$median"
done
