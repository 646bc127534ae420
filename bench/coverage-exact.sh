#!/usr/bin/env bash
# Coverage of the Neyman and Wilks intervals on the off-shell toy with exact ratios (issue 7): the demo's belts with
# exact ratios, then N experiments at each mu_true (SOURCE=simulator by default; SOURCE=bootstrap for the closure
# test of the machinery), then the report with the coverage plot.
# Run on purpose, not in CI.
#   bench/coverage-exact.sh OUT_DIR [experiments per mu_true, default 500] [toys per grid point, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/coverage-exact.sh OUT_DIR [experiments] [toys]}"
n="${2:-500}"
toys="${3:-1000}"
. bench/built.sh
submit/nsbi demo --config submit/examples/offshell-toy-exact.yaml --toys "$toys" --out "$out/run" --overwrite
submit/nsbi coverage --run "$out/run" --experiments-from "${SOURCE:-simulator}" --mu 0,0.5,1,2 --experiments "$n" \
  --out "$out/coverage" --overwrite
submit/nsbi report --run "$out/run" --coverage "$out/coverage" --overwrite
python3 - "$out/coverage/coverage.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
print(json.dumps(c, indent=1)[:4000])
PY
