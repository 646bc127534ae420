#!/usr/bin/env bash
# The pipeline's speed in one run: scoring through Spark vs a plain ONNX Runtime loop, toys/s/core of neyman vs
# the dense sampler, local[1] vs local[2]. Run on purpose, not in CI.
#   bench/pipeline-benchmark.sh [config, default the ONNX example] [reference events] [toys]
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-submit/examples/offshell-toy.yaml}"
shift || true
. bench/built.sh
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2046
java -Xmx6g $(cat "$t/launcher/jvm-flags") -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties \
  -cp "$BENCH_CP" org.nsbi.spark.bench.PipelineBenchmark "$config" "$@"
