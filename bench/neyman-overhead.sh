#!/usr/bin/env bash
# The neyman job's overhead over the engine on the off-shell toy with exact ratios, in one run on the same toys:
# the engine's one-thread toy loop, the job on local[1] and on local[2] (wall and process CPU seconds).
# Run on purpose, not in CI.
#   bench/neyman-overhead.sh [toys, default 10000] [toys per block, default 25] [reference events, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
toys="${1:-10000}"
block="${2:-25}"
events="${3:-1000000}"
mvn -B -ntp -q -pl nsbi-stats,nsbi-model,nsbi-spark-jobs test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
model="nsbi-model/target/classes:nsbi-model/target/test-classes:nsbi-stats/target/classes:$(cat nsbi-model/target/bench-classpath.txt)"
jobs="nsbi-spark-jobs/target/classes:nsbi-spark-jobs/target/test-classes:nsbi-model/target/classes:nsbi-stats/target/classes"
jobs="$jobs:$(cat nsbi-spark-jobs/target/bench-classpath.txt)"
table="$(mktemp -d)/offshell-exact-$events.ser"
trap 'rm -rf "$(dirname "$table")"' EXIT
java -Xmx4g -cp "$model" org.nsbi.model.offshell.OffshellExactTable submit/examples/offshell-toy-exact.yaml "$table" "$events"
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2046
java -Xmx6g $(cat nsbi-spark-jobs/target/launcher/jvm-flags) -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties \
  -cp "$jobs" org.nsbi.spark.neyman.NeymanOverheadBenchmark "$table" "$toys" "$block" 2>&1 | grep -v 'incubator'
