#!/usr/bin/env bash
# Replays toy schedules on the toys of finished uniform runs (issue 16): toy i at mu is the same toy in every run of a
# seed (keyed streams), so the first n toys per point of a uniform run are the toys an adaptive or smaller run of that
# seed draws. For each method and seed: the schedule's rounds on those toys, the belt, the observed Neyman interval (the
# interval command's scan); prints the table of bench/adaptive-benchmark.sh and, per method, level and grid point, the
# coverage of the point's t_c read from all toys of the other seeds' uniform runs minus CL (mean ± se over the seeds).
# Seconds per method instead of a run each.
#   bench/adaptive-replay.sh BENCH_DIR UNIFORM_RUN SEEDS METHOD ...
# BENCH_DIR: an output folder of bench/adaptive-benchmark.sh (its scored/ folder is used); UNIFORM_RUN: the method
# folder prefix of its uniform runs (e.g. uniform_400: BENCH_DIR/uniform_400-SEED); SEEDS: N or FROM-TO; METHOD as in
# bench/adaptive-benchmark.sh, asking for no more toys per point than the uniform runs have.
#   e.g. bench/adaptive-benchmark.sh /tmp/ab 1-10 uniform:400
#        bench/adaptive-replay.sh /tmp/ab uniform_400 1-10 uniform:200 adaptive:25:200:0.015:2 adaptive-smooth:25:200:0.015:2
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:?usage: bench/adaptive-replay.sh BENCH_DIR UNIFORM_RUN SEEDS METHOD ...}"
run="${2:?uniform run prefix}"
seeds="${3:?seeds}"
shift 3
. bench/built.sh
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2046
java -Xmx3g $(cat "$t/launcher/jvm-flags") -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties \
  -cp "$BENCH_CP" org.nsbi.spark.cli.AdaptiveReplay "$dir/scored" submit/examples/offshell-toy-exact.yaml "$dir/$run" "$seeds" "$@"
