#!/usr/bin/env bash
# The finite reference sample (issue 13): Neyman (and Wilks) coverage of the exact-ratio off-shell toy with experiments
# drawn by the simulator, for reference samples of R total events (a third each of S, B and NI), belts at
# mu = 0, 0.5, 1, 2 with TOYS toys per point, N experiments per mu_true; a markdown table of the results.
# Run on purpose, not in CI.
#   bench/coverage-reference-size.sh OUT_DIR [experiments, default 500] [toys, default 1000] [sizes, default "10000 100000 1000000"]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/coverage-reference-size.sh OUT_DIR [experiments] [toys] [sizes]}"
n="${2:-500}"
toys="${3:-1000}"
sizes="${4:-10000 100000 1000000}"
. bench/built.sh
mkdir -p "$out"
tables=()
for size in $sizes; do
  per=$((size / 3))
  config="$out/ref-$size.yaml"
  sed -e "s/events: 100000/events: $per/" -e 's/mu_grid: {from: 0, to: 4, steps: 17}/mu_grid: [0, 0.5, 1, 2]/' \
      submit/examples/offshell-toy-exact.yaml > "$config"
  grep -q "events: $per" "$config"
  time submit/nsbi score --config "$config" --out "$out/scored-$size" --overwrite
  time submit/nsbi neyman --config "$config" --scored "$out/scored-$size" --toys "$toys" --out "$out/run-$size" --overwrite
  time submit/nsbi coverage --run "$out/run-$size" --experiments-from simulator --mu 0,0.5,1,2 --experiments "$n" \
    --out "$out/coverage-$size" --overwrite
  tables+=("reference $((3 * per))::$out/coverage-$size/coverage.json")
done
python3 bench/coverage-table.py "${tables[@]}" | tee "$out/coverage-table.md"
