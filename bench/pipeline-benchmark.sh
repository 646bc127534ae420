#!/usr/bin/env bash
# The pipeline's speed in one run. Run on purpose, not in CI.
#  1. toys: the neyman job on local[1] and on local[2] against the engine's one-thread loop on the same toys (the
#     off-shell toy with exact ratios, its reference sample regenerated at the size asked), medians of repeats, wall
#     and process CPU seconds (NeymanOverheadBenchmark), first all in one JVM, then each alone in a JVM of its own
#     (in one JVM the engine loop and the job share the kernel's compiled code and its profile; alone, each compiles
#     its own), with the ratios local[1] / engine of the whole job and of its toys stage, and local[1] / local[2];
#     then the engine loop and local[1] alternating in one JVM, the ratio taken per pair (both sides of a ratio under
#     the same load of the machine) and its median;
#  2. scoring and sampling: scoring through Spark vs a plain ONNX Runtime loop, toys/s/core of neyman vs the dense
#     sampler, on the ONNX example (PipelineBenchmark; skipped with toys-only).
#   bench/pipeline-benchmark.sh [toys, default 10000] [repeats, default 3] [reference events, default 1000000] [toys-only]
set -euo pipefail
cd "$(dirname "$0")/.."
toys="${1:-10000}"
repeats="${2:-3}"
events="${3:-1000000}"
mvn -B -ntp -q -pl nsbi-stats,nsbi-model,nsbi-spark-jobs -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt
model="nsbi-model/target/classes:nsbi-model/target/test-classes:nsbi-stats/target/classes:$(cat nsbi-model/target/bench-classpath.txt)"
jobs="nsbi-spark-jobs/target/classes:nsbi-spark-jobs/target/test-classes:nsbi-model/target/classes:nsbi-stats/target/classes"
jobs="$jobs:$(cat nsbi-spark-jobs/target/bench-classpath.txt)"
table="$(mktemp -d)/offshell-exact-$events.ser"
trap 'rm -rf "$(dirname "$table")"' EXIT
java -Xmx4g -cp "$model" org.nsbi.model.offshell.OffshellExactTable submit/examples/offshell-toy-exact.yaml "$table" "$events"
export SPARK_LOCAL_IP=127.0.0.1
flags="$(cat nsbi-spark-jobs/target/launcher/jvm-flags) -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties"
echo "== toys: the neyman job against the engine loop, in one JVM"
# shellcheck disable=SC2086
java -Xmx6g $flags -cp "$jobs" org.nsbi.spark.neyman.NeymanOverheadBenchmark "$table" "$toys" "$repeats" 2>&1 \
  | grep -v 'incubator\|^\[neyman\]'
alone="$(dirname "$table")/alone.txt"
for only in engine 'local[1]' 'local[2]'; do
  echo "== toys: $only alone in a JVM of its own"
  # shellcheck disable=SC2086
  java -Xmx6g $flags -cp "$jobs" org.nsbi.spark.neyman.NeymanOverheadBenchmark "$table" "$toys" "$repeats" 25 "$only" 2>&1 \
    | grep -v 'incubator\|^\[neyman\]' | tee -a "$alone"
done
echo "== toys: the engine loop and local[1] alternating in one JVM, the ratio per pair"
# shellcheck disable=SC2086
java -Xmx6g $flags -cp "$jobs" org.nsbi.spark.neyman.NeymanOverheadBenchmark "$table" "$toys" "$repeats" 25 paired 2>&1 \
  | grep -v 'incubator\|^\[neyman\]'
awk '/^alone: / { wall[$2] = $4; stage[$2] = $6 }
  END { printf "each alone: local[1] wall / engine wall %.2f; local[1] toys stage / engine wall %.2f;" \
          " local[1] wall / local[2] wall %.2fx\n", wall["local[1]"] / wall["engine"], stage["local[1]"] / wall["engine"],
          wall["local[1]"] / wall["local[2]"] }' "$alone"
if [[ "${4:-}" != "toys-only" ]]; then
  echo "== scoring and sampling (the ONNX example)"
  # shellcheck disable=SC2086
  java -Xmx6g $flags -cp "$jobs" org.nsbi.spark.bench.PipelineBenchmark submit/examples/offshell-toy.yaml 2>&1 | grep -v 'incubator'
fi
