#!/usr/bin/env bash
# The pipeline's speed in one run: scoring through Spark vs a plain ONNX Runtime loop, toys/s/core of neyman vs
# the dense sampler, local[1] vs local[2]. Run on purpose, not in CI.
#   bench/pipeline-benchmark.sh [config, default the ONNX example] [reference events] [toys]
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-submit/examples/offshell-toy.yaml}"
shift || true
[ -f nsbi-spark-jobs/target/nsbi-spark-jobs-0.1.0-SNAPSHOT-all.jar ] || mvn -B -ntp -q -DskipTests package
t=nsbi-spark-jobs/target
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2046
java -Xmx6g $(cat "$t/launcher/jvm-flags") -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties \
  -cp "$t/nsbi-spark-jobs-0.1.0-SNAPSHOT-all.jar:$t/spark-jars/*" org.nsbi.spark.bench.PipelineBenchmark "$config" "$@"
