#!/usr/bin/env bash
# The off-shell toy end to end with exact ratios and with the shared ONNX fixtures, then the comparison of their
# critical values and intervals (issue: critical values agree within MC uncertainty; Asimov 68.27% interval about
# [0.50, 1.52], 95.45% about [0.15, 2.29]). Run on purpose, not in CI.
#   bench/offshell-validation.sh OUT_DIR [toys per point, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/offshell-validation.sh OUT_DIR [toys]}"
toys="${2:-1000}"
. bench/built.sh
submit/nsbi demo --config submit/examples/offshell-toy-exact.yaml --toys "$toys" --out "$out/exact" --overwrite
submit/nsbi demo --config submit/examples/offshell-toy.yaml --toys "$toys" --out "$out/onnx" --overwrite
java -cp "$BENCH_CP" org.nsbi.spark.bench.CompareRuns "$out/exact" "$out/onnx"
