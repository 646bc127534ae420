#!/usr/bin/env bash
# Scale on the synthetic analysis, reference sample on the executors (issue 14). Run on purpose, not in CI.
#   bench/scale-benchmark.sh stages N TOYS [SCAN_STEPS]  per-stage wall time and heap peak at N reference events
#                                                  (scans of SCAN_STEPS steps, default 10; the commands scan 100)
#   bench/scale-benchmark.sh kscan N TOYS K...    CPU per toy and ns/event/evaluation for each K (10% shape; or S+Y:
#                                                  S shape and Y yield-only parameters); a K named again is
#                                                  measured again, and the last lines give per K the median CPU
#                                                  per toy over its repeats and its ratio to the first K's
# e.g. bench/scale-benchmark.sh stages 1000000 1000; bench/scale-benchmark.sh kscan 1000000 20 3 10 30 100
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/built.sh
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2046
java -Xmx${NSBI_BENCH_HEAP:-4g} $(cat "$t/launcher/jvm-flags") -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties \
  -cp "$BENCH_CP" org.nsbi.spark.bench.ScaleBenchmark "$@"
