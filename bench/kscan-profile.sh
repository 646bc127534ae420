#!/usr/bin/env bash
# Where the CPU of a kscan toy goes (issue 14): for each S+Y split, bench/scale-benchmark.sh's kscan of that split alone
# under JFR (execution samples every 10 ms), then per phase of the measured toy loop (not the warm-up's) (loading the toy's events, NLL evaluations
# with the structured Hessian and the others (gradient only), the scans over mu, the Newton system, the yield-only block pass, drawing the toy) its share of the samples and its
# CPU per toy (bench/kscan-profile.py). Samples are few per phase at 1,000 toys: use 20,000 or more. Run on purpose, not
# in CI.
#   bench/kscan-profile.sh [reference events, default 1000000] [toys, default 20000] [S+Y..., default 1+2 10+90]
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-1000000}"
toys="${2:-20000}"
shift $(($# < 2 ? $# : 2))
specs=("$@")
[[ ${#specs[@]} -gt 0 ]] || specs=(1+2 10+90)
. bench/built.sh
export SPARK_LOCAL_IP=127.0.0.1
# the line of ScaleBenchmark.kscan that runs the measured toys (seed 11): only its samples count, not the warm-up's
measured=$(grep -n 'ToyBlockRunner.run(11, ' nsbi-spark-jobs/src/test/java/org/nsbi/spark/bench/ScaleBenchmark.java | cut -d: -f1)
[[ "$measured" =~ ^[0-9]+$ ]] || { echo "kscan-profile.sh: the measured toys' call not found (once) in ScaleBenchmark.java" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for spec in "${specs[@]}"; do
  # shellcheck disable=SC2046
  java -Xmx${NSBI_BENCH_HEAP:-4g} $(cat "$t/launcher/jvm-flags") -XX:StartFlightRecording=filename="$work/$spec.jfr",settings=profile \
    -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties -cp "$BENCH_CP" org.nsbi.spark.bench.ScaleBenchmark \
    kscan "$events" "$toys" "$spec" > "$work/$spec.out" 2>/dev/null
  # the kscan's line for the split: K,K_shape,K_yield,cpu_ms_per_toy,...
  cpu=$(awk -F, '/^K,K_shape/ {getline; print $4; exit}' "$work/$spec.out")
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$work/$spec.jfr" > "$work/$spec.txt"
  echo "== $spec (kscan: $(awk '/^K,K_shape/ {getline; print; exit}' "$work/$spec.out"))"
  python3 bench/kscan-profile.py "$work/$spec.txt" "$cpu" "$measured"
done
