#!/usr/bin/env bash
# Uniform against adaptive toys (issue 16) on the off-shell toy with exact ratios and the demo's observed data:
# for each method and seed, the Neyman construction on the 17-point grid and the observed interval; prints the toys
# used and the Neyman endpoints' mean ± sd over the seeds. Run on purpose, not in CI.
#   bench/adaptive-benchmark.sh OUT_DIR [SEEDS: N (1..N) or FROM-TO; 5] [METHOD ...]
# METHOD: uniform[-smooth|-sqrt]:N | adaptive[-smooth|-sqrt]:MIN:MAX:PRECISION:SIGNIF[:GRID_PRECISION] (-smooth: smooth
# critical values of the local form, -sqrt: of the form a + b*sqrt(mu) + c*mu; GRID_PRECISION: grid refinement)
# (default: uniform:200 adaptive-smooth:25:200:0.015:2; the first method is the reference of
# the "fewer toys" column).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/adaptive-benchmark.sh OUT_DIR [seeds] [METHOD ...]}"
seeds="${2:-5}"
shift $(( $# >= 2 ? 2 : 1 ))
methods=("$@")
if [ ${#methods[@]} -eq 0 ]; then
  methods=(uniform:200 adaptive-smooth:25:200:0.015:2)
fi
. bench/built.sh
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2046
java -Xmx3g $(cat "$t/launcher/jvm-flags") -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties \
  -cp "$BENCH_CP" org.nsbi.spark.cli.AdaptiveBenchmark "$out" submit/examples/offshell-toy-exact.yaml "$seeds" "${methods[@]}"
