#!/usr/bin/env bash
# The off-shell toy end to end with exact ratios and with the shared ONNX fixtures, then the comparison of their
# critical values and intervals (issue: critical values agree within MC uncertainty; Asimov 68.27% interval about
# [0.50, 1.52], 95.45% about [0.15, 2.29]). Run on purpose, not in CI.
#   bench/offshell-validation.sh OUT_DIR [toys per point, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/offshell-validation.sh OUT_DIR [toys]}"
toys="${2:-1000}"
[ -f nsbi-spark-jobs/target/nsbi-spark-jobs-0.1.0-SNAPSHOT-all.jar ] || mvn -B -ntp -q -DskipTests package
submit/nsbi demo --config submit/examples/offshell-toy-exact.yaml --toys "$toys" --out "$out/exact" --overwrite
submit/nsbi demo --config submit/examples/offshell-toy.yaml --toys "$toys" --out "$out/onnx" --overwrite
t=nsbi-spark-jobs/target
java -cp "$t/nsbi-spark-jobs-0.1.0-SNAPSHOT-all.jar:$t/spark-jars/*" org.nsbi.spark.bench.CompareRuns "$out/exact" "$out/onnx"
