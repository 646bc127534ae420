#!/usr/bin/env bash
# Uniform against adaptive toys (issue 16) on the off-shell toy with exact ratios and the demo's observed data:
# for each seed, the Neyman construction with UNIFORM toys at each of the 17 grid points, and with adaptive toys
# (MIN doubling up to MAX per point, stopping on --target-precision or --signif), then the observed interval.
# Prints the toys used and the Neyman endpoints' mean ± sd over the seeds. Run on purpose, not in CI.
#   bench/adaptive-benchmark.sh OUT_DIR [seeds 5] [uniform toys 200] [min 50] [max 800] [target precision 0.005] [signif 2]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/adaptive-benchmark.sh OUT_DIR [seeds] [uniform toys] [min] [max] [precision] [signif]}"
. bench/built.sh
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2046
java -Xmx4g $(cat "$t/launcher/jvm-flags") -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties \
  -cp "$BENCH_CP" org.nsbi.spark.cli.AdaptiveBenchmark "$out" submit/examples/offshell-toy-exact.yaml \
  "${2:-5}" "${3:-200}" "${4:-50}" "${5:-800}" "${6:-0.005}" "${7:-2}"
