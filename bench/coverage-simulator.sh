#!/usr/bin/env bash
# Coverage of the Neyman and Wilks intervals of the exact-ratio off-shell toy, with experiments drawn by the simulator
# at the truth (issue 13): belts at mu = 0, 0.25, 0.5, 1, 2 from the exact-ratio config (3 x 10^5 reference events),
# then experiments at those mu_true at alpha_true = 0 and at (energy_scale 1, ni_norm 0, ni_shape -1), both CLs, and a
# markdown table of the results. Run on purpose, not in CI.
#   bench/coverage-simulator.sh OUT_DIR [experiments per mu_true, default 500] [toys per grid point, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/coverage-simulator.sh OUT_DIR [experiments] [toys]}"
n="${2:-500}"
toys="${3:-1000}"
. bench/built.sh
mkdir -p "$out"
config="$out/offshell-toy-exact-coverage.yaml"
sed -e 's/mu_grid: {from: 0, to: 4, steps: 17}/mu_grid: [0, 0.25, 0.5, 1, 2]/' \
    submit/examples/offshell-toy-exact.yaml > "$config"
grep -q 'mu_grid: \[0, 0.25, 0.5, 1, 2\]' "$config"
time submit/nsbi score --config "$config" --out "$out/scored" --overwrite
time submit/nsbi neyman --config "$config" --scored "$out/scored" --toys "$toys" --out "$out/run" --overwrite
for truth in nominal shifted; do
  alpha=()
  [ "$truth" = shifted ] && alpha=(--alpha energy_scale=1,ni_norm=0,ni_shape=-1)
  time submit/nsbi coverage --run "$out/run" --experiments-from simulator --mu 0,0.25,0.5,1,2 "${alpha[@]}" \
    --experiments "$n" --out "$out/coverage-$truth" --overwrite
done
python3 bench/coverage-table.py "alpha=0::$out/coverage-nominal/coverage.json" \
  "alpha=(1,0,-1)::$out/coverage-shifted/coverage.json" | tee "$out/coverage-table.md"
