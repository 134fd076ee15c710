#!/usr/bin/env bash
# A/B throughput: two actorgraph binaries run alternately, `build -q --max-evidence 20`
# at -j1 and -j2, REPS times each; prints wall and CPU seconds and peak RSS per run,
# then the medians and the -j2/-j1 wall-time ratio of each binary.
#
#   benches/ab.sh OLD NEW [CORPUS] [REPS]    default corpus: ../shared/corpus/news/*.jsonl, 4 reps
#
# Copy the old binary aside before rebuilding (cp target/release/actorgraph /tmp/old).
# Alternating runs share the machine's state fairly; on a busy machine compare CPU
# seconds, and do not read a -j2/-j1 ratio when the load is above the core count.
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2")
shift 2
corpus=${1:-}
reps=${2:-4}
cd "$(dirname "$0")/.."
if [ -z "$corpus" ]; then corpus=$(mktemp); cat ../shared/corpus/news/*.jsonl > "$corpus"; fi
[ -x /usr/bin/time ] || { echo "benches/ab.sh: GNU time is missing: apt-get install time" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); corpus: $corpus ($(stat -c %s "$corpus") bytes)"
for r in $(seq 1 "$reps"); do
  for j in 1 2; do
    for b in old new; do
      bin=$old; [ $b = new ] && bin=$new
      /usr/bin/time -f "$b j$j %e %U %S %M" "$bin" build -q -j$j "$corpus" -o "$tmp/$b-$j" --max-evidence 20 \
        2>&1 >/dev/null | tail -1 | tee -a "$tmp/runs.txt"
    done
  done
  cmp -s "$tmp/old-1/graph.json" "$tmp/new-2/graph.json" || echo "warning: graph.json differs between old -j1 and new -j2"
done
python3 - "$tmp/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    b, j, wall, user, sys_, rss = line.split()
    runs.setdefault((b, j), []).append((float(wall), float(user) + float(sys_), int(rss) / 1024))
med = {k: [statistics.median(x[i] for x in v) for i in range(3)] for k, v in runs.items()}
for (b, j), (wall, cpu, rss) in sorted(med.items()):
    print(f"{b} {j}: wall {wall:.2f} s, CPU {cpu:.2f} s, peak RSS {rss:.0f} MB")
for b in ("old", "new"):
    print(f"{b}: -j2/-j1 = {med[(b, 'j1')][0] / med[(b, 'j2')][0]:.2f}x")
PY
