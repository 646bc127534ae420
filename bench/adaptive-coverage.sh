#!/usr/bin/env bash
# Coverage of the adaptive and the adaptive + smooth belts (issue 16) on the off-shell toy with exact ratios: each belt
# is built by 'nsbi demo' with adaptive toys (and smooth critical values), then checked with N simulator-drawn
# experiments at mu_true = 0, 0.5, 1, 2 ('nsbi coverage --experiments-from simulator'); prints one table.
# Run on purpose, not in CI. The four commands run one after the other, each in a driver of NSBI_DRIVER_MEMORY
# (default here 3g, not the launcher's 6g: a 6g driver was OOM-killed on a shared machine).
#   bench/adaptive-coverage.sh OUT_DIR [experiments per mu_true 300] [min toys 25] [max toys 200] [target precision 0.015]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/adaptive-coverage.sh OUT_DIR [experiments] [min] [max] [precision]}"
n="${2:-300}"
adaptive=(--min-toys "${3:-25}" --max-toys "${4:-200}" --target-precision "${5:-0.015}" --signif 2)
. bench/built.sh
export NSBI_DRIVER_MEMORY="${NSBI_DRIVER_MEMORY:-3g}"
submit/nsbi demo --config submit/examples/offshell-toy-exact.yaml "${adaptive[@]}" --out "$out/adaptive" --overwrite
submit/nsbi demo --config submit/examples/offshell-toy-exact.yaml "${adaptive[@]}" --smooth-critical-values \
  --out "$out/adaptive-smooth" --overwrite
for belt in adaptive adaptive-smooth; do
  submit/nsbi coverage --run "$out/$belt" --experiments-from simulator --mu 0,0.5,1,2 --experiments "$n" \
    --out "$out/coverage-$belt" --overwrite
done
python3 bench/coverage-table.py "adaptive::$out/coverage-adaptive/coverage.json" \
  "adaptive + smooth::$out/coverage-adaptive-smooth/coverage.json"
