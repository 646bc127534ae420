#!/usr/bin/env bash
# The kscan (bench/scale-benchmark.sh kscan) of this checkout's HEAD against a reference commit's, runs alternating so
# that both see the same load: per run each side's CPU per toy for each S+Y split and its ratio to the first split,
# then per side the medians over the runs. Builds both commits from `git archive` in a temporary folder (offline, their
# own target folders; nothing installed), so edits to the work tree during the runs do not enter them. Run on
# purpose, not in CI.
#   bench/kscan-against.sh REF [runs, default 3] [reference events, default 1000000] [toys, default 1000] [S+Y..., default 1+2 10+90]
# e.g. bench/kscan-against.sh 11987c3 3 1000000 1000 1+2 10+90
set -euo pipefail
cd "$(dirname "$0")/.."
ref="$1"
runs="${2:-3}"
events="${3:-1000000}"
toys="${4:-1000}"
shift $(($# < 4 ? $# : 4))
specs=("$@")
[[ ${#specs[@]} -gt 0 ]] || specs=(1+2 10+90)
build="mvn -B -ntp -o -q -DskipTests package"
. bench/against-sides.sh
out="$work/kscan.csv"
echo "side,run,split,cpu_ms_per_toy,ratio_to_first" > "$out"
for r in $(seq "$runs"); do
  for side in "$ref" "$head"; do
    # the last lines of a kscan: split,repeats,median_cpu_ms_per_toy,ratio_to_first
    bash "$work/$side/bench/scale-benchmark.sh" kscan "$events" "$toys" "${specs[@]}" 2>/dev/null \
      | sed -n '/^K_shape+K_yield,repeats/,$p' | tail -n +2 \
      | while IFS=, read -r split _ cpu ratio; do echo "$side,$r,$split,$cpu,$ratio"; done >> "$out"
  done
done
cat "$out"
python3 - "$out" "$ref" "$head" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for side in sys.argv[2:]:
    for split in dict.fromkeys(r["split"] for r in rows):
        v = [r for r in rows if r["side"] == side and r["split"] == split]
        print(f"{side:>8} {split:>7}: median CPU per toy {statistics.median(float(r['cpu_ms_per_toy']) for r in v):.3f} ms,"
              f" median ratio to the first split {statistics.median(float(r['ratio_to_first']) for r in v):.2f} ({len(v)} runs)")
PY
