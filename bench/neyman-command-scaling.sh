#!/usr/bin/env bash
# The whole `neyman` command (JVM, Spark session, loading the scored sample, set-up, toys, tables, summary) on
# local[1] against local[2], on the off-shell toy with exact ratios (submit/examples/offshell-toy-exact.yaml: 17 grid
# points, 3x10^5 reference events), scored once. The runs alternate (local[1], local[2], local[1], ...), each a fresh
# JVM; per run: wall seconds, the process's CPU seconds (user + system), and summary.json's stage_seconds; then the
# medians and local[1] wall / local[2] wall. Where the wall time goes outside the toys (JVM and Spark start, loading,
# set-up, tables) is the serial part that bounds the ratio. Run on purpose, not in CI; on an idle machine.
#   bench/neyman-command-scaling.sh [toys per point, default 600 (10,200 toys)] [repeats, default 3] [folder]
set -euo pipefail
cd "$(dirname "$0")/.."
toys="${1:-600}"
repeats="${2:-3}"
out="${3:-$(mktemp -d)}"
cfg=submit/examples/offshell-toy-exact.yaml
. bench/built.sh
mkdir -p "$out"
if [[ ! -d "$out/scored" ]]; then
  submit/nsbi score --config "$cfg" --out "$out/scored" --overwrite >/dev/null
fi
for r in $(seq 1 "$repeats"); do
  for cores in 1 2; do
    run="$out/local$cores-$r"
    /usr/bin/time -f "%e %U %S" -o "$run.time" submit/nsbi neyman --config "$cfg" --scored "$out/scored" --toys "$toys" \
      --master "local[$cores]" --out "$run" --overwrite >/dev/null 2>"$run.log" || { cat "$run.log" >&2; exit 1; }
  done
done
python3 - "$out" "$repeats" "$toys" <<'EOF'
import json, statistics, sys
out, repeats, toys = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
median = {}
for cores in (1, 2):
    rows = []
    for r in range(1, repeats + 1):
        run = f"{out}/local{cores}-{r}"
        wall, user, system = (float(x) for x in open(run + ".time").read().split()[-3:])
        summary = json.load(open(run + "/summary.json"))
        stages = {s["stage"]: s["seconds"] for s in summary["stage_seconds"]}
        n = summary["neyman"]["toys"]
        rows.append((wall, user + system, stages))
        print(f"local[{cores}] run {r}: {n} toys, {wall:.2f} s wall, {user + system:.2f} s CPU; stages: "
              + ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
              + f"; outside the toys stage {wall - stages.get('toys', 0):.2f} s")
    median[cores] = (statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows),
                     statistics.median(r[0] - r[2].get("toys", 0) for r in rows),
                     statistics.median(r[2].get("toys", 0) for r in rows))
    print(f"local[{cores}] medians: {median[cores][0]:.2f} s wall, {median[cores][1]:.2f} s CPU, toys stage "
          f"{median[cores][3]:.2f} s, outside it {median[cores][2]:.2f} s")
print(f"local[1] wall / local[2] wall: {median[1][0] / median[2][0]:.2f}x (toys stage alone: "
      f"{median[1][3] / median[2][3]:.2f}x), {toys} toys per point")
EOF
