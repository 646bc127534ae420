#!/usr/bin/env bash
# The toys table of `neyman` on local[1] and on local[2] (separate JVMs), with different task layouts, compared
# bit for bit. Run on purpose: bench/determinism-check.sh SCORED_DIR OUT_DIR [toys per point, default 50]
set -euo pipefail
cd "$(dirname "$0")/.."
scored="${1:?usage: bench/determinism-check.sh SCORED_DIR OUT_DIR [toys]}"
out="${2:?usage: bench/determinism-check.sh SCORED_DIR OUT_DIR [toys]}"
toys="${3:-50}"
cfg=submit/examples/offshell-toy.yaml
submit/nsbi neyman --config "$cfg" --scored "$scored" --out "$out/local1" --toys "$toys" --master 'local[1]' --toys-per-block 10 --overwrite
submit/nsbi neyman --config "$cfg" --scored "$scored" --out "$out/local2" --toys "$toys" --master 'local[2]' --toys-per-block 7 --partitions 5 --overwrite
. bench/built.sh
# shellcheck disable=SC2046
java $(cat "$t/launcher/jvm-flags") -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties \
  -cp "$BENCH_CP" org.nsbi.spark.bench.CompareToys "$out/local1" "$out/local2"
