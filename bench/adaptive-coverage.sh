#!/usr/bin/env bash
# Coverage of the adaptive and the adaptive + smooth belts (issue 16) on the off-shell toy with exact ratios: each belt
# is built by 'nsbi demo' with adaptive toys (and smooth critical values), then checked with N simulator-drawn
# experiments at mu_true = 0, 0.5, 1, 2 ('nsbi coverage --experiments-from simulator'); prints one table.
# With a grid precision, a third belt: adaptive + smooth with grid refinement (--grid-precision).
# Run on purpose, not in CI. The commands run one after the other, each in a driver of NSBI_DRIVER_MEMORY
# (default here 3g, not the launcher's 6g: a 6g driver was OOM-killed on a shared machine).
#   bench/adaptive-coverage.sh OUT_DIR [experiments per mu_true 300] [min toys 25] [max toys 200] [target precision 0.015]
#                              [grid precision: none]
# BELTS (environment, default all): the belts to build and check, of adaptive adaptive-smooth adaptive-smooth-refined.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/adaptive-coverage.sh OUT_DIR [experiments] [min] [max] [precision] [grid precision]}"
n="${2:-300}"
adaptive=(--min-toys "${3:-25}" --max-toys "${4:-200}" --target-precision "${5:-0.015}" --signif 2)
grid="${6:-}"
. bench/built.sh
export NSBI_DRIVER_MEMORY="${NSBI_DRIVER_MEMORY:-3g}"
belts=(adaptive adaptive-smooth)
if [ -n "$grid" ]; then
  belts+=(adaptive-smooth-refined)
fi
read -r -a belts <<< "${BELTS:-${belts[*]}}"
declare -A options=([adaptive]="" [adaptive-smooth]="--smooth-critical-values"
  [adaptive-smooth-refined]="--smooth-critical-values --grid-precision ${grid:-0}")
declare -A names=([adaptive]="adaptive" [adaptive-smooth]="adaptive + smooth"
  [adaptive-smooth-refined]="adaptive + smooth + grid refinement")
tables=()
for belt in "${belts[@]}"; do
  # shellcheck disable=SC2086
  submit/nsbi demo --config submit/examples/offshell-toy-exact.yaml "${adaptive[@]}" ${options[$belt]} \
    --out "$out/$belt" --overwrite
  submit/nsbi coverage --run "$out/$belt" --experiments-from simulator --mu 0,0.5,1,2 --experiments "$n" \
    --out "$out/coverage-$belt" --overwrite
  tables+=("${names[$belt]}::$out/coverage-$belt/coverage.json")
done
python3 bench/coverage-table.py "${tables[@]}"
