#!/usr/bin/env bash
# Issue 14 at scale on a standalone cluster of separate JVMs, started by the project's launcher
# (deploy/standalone/nsbi-standalone.sh): two executors of 2 GB (1 core each) and a driver of 1 GB. Run on purpose,
# not in CI.
#   bench/scale-cluster.sh synthetic OUT N [TOYS]
#       the synthetic analysis (C = 4, K = 3) with N reference events generated on the executors: ScaleBenchmark's
#       stages (generate, Asimov weights, distributed Asimov interval, TOYS distributed toys at mu = 1 (default 1000),
#       observed interval) with this JVM as the driver; prints each stage's wall time and the driver's peak heap.
#   bench/scale-cluster.sh cli OUT EVENTS [TOYS] [GRID_STEPS] [RATIOS]
#       the off-shell toy through the commands: score (simulate and score on the executors), neyman --toys TOYS
#       (default 100) on a grid 0..4 of GRID_STEPS points (default 9), interval, interval --asimov 1. RATIOS: onnx
#       (default; the example's ratio networks, submit/examples/offshell-toy.yaml) or exact (the simulator's exact
#       ratios, offshell-toy-exact.yaml, about 2 ms per event to score). NSBI_PLACEMENT=single|distributed|auto
#       (default auto) is passed to neyman and interval as --placement.
# Both print per stage the wall time and the driver's peak heap: the largest heap in use in the driver's GC log
# (before each collection, and at exit). e.g. bench/scale-cluster.sh synthetic /tmp/scale-1e7 10000000 1000
# cli also prints per stage the driver's CPU, the executors' task CPU and task run time, and the largest executor heap
# Spark sampled (from the stage's Spark event log, OUT/events-<stage>, by bench/spark-tasks.py): run time over CPU is
# the time tasks waited for a core.
# The jar is copied into OUT first and every stage runs that copy, so a rebuild during the run does not disturb it.
set -euo pipefail
[[ $# -ge 3 && ( "$1" == synthetic || "$1" == cli ) ]] || { sed -n '2,16p' "$0" >&2; exit 2; }
mode="$1"
out="$(mkdir -p "$2" && cd "$2" && pwd)"
events="$3"
cd "$(dirname "$0")/.."
. bench/built.sh
mkdir -p "$out/app"
cp "$NSBI_JAR" "$out/app/"
export NSBI_APP_JAR="$out/app/$(basename "$NSBI_JAR")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
export NSBI_SPARK_HOME="$out/spark-home"
export NSBI_SPARK_AUTH_SECRET="$(head -c 32 /dev/urandom | base64)"
export NSBI_MASTER_PORT="$(free_port)" NSBI_MASTER_WEBUI_PORT="$(free_port)" NSBI_WORKER_WEBUI_PORT="$(free_port)"
export NSBI_EXECUTOR_MEMORY=2g NSBI_DRIVER_MEMORY=1g
launcher=deploy/standalone/nsbi-standalone.sh
trap '"$launcher" stop' EXIT
"$launcher" start 2 1 2g
# the largest heap in use (MB) in a unified GC log: "123M->45M(1024M)" before each collection, "used 123456K" at exit
peak_mb() {
  python3 - "$1" <<'PY'
import re, sys
peak = 0.0
for line in open(sys.argv[1]):
    for m in re.finditer(r'(\d+)M->(\d+)M\(', line):
        peak = max(peak, float(m.group(1)))
    m = re.search(r'garbage-first heap\s+total (\d+)K, used (\d+)K', line)
    if m:
        peak = max(peak, int(m.group(2)) / 1024)
print(f"{peak:.0f}")
PY
}
placement() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=(d.get("neyman") or d.get("interval") or {}).get("placement"); print(p["place"] + " (" + p["reason"] + ")" if p else "-")' "$1"; }
stage() { # name args...
  local name="$1"; shift
  local t0 t1 events="$out/events-$name" tasks cpu run heap
  mkdir -p "$events"
  t0=$(date +%s.%N)
  NSBI_JAVA_OPTS="-Xlog:gc,gc+heap+exit:file=$out/gc-$name.log" /usr/bin/time -f "%U %S" -o "$out/time-$name" \
    "$launcher" submit "$@" --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=$events" \
    --conf spark.eventLog.compress=false > "$out/$name.out" 2> "$out/$name.err" \
    || { echo "scale-cluster: stage $name failed; see $out/$name.err" >&2; tail -20 "$out/$name.err" >&2; exit 1; }
  t1=$(date +%s.%N)
  read -r tasks cpu run _ heap < <(python3 bench/spark-tasks.py "$events")
  printf '| %s | %.0f s | %s MB | %.0f s | %s tasks, %s s | %s s (%.1fx) | %s MB | %s |\n' "$name" "$(echo "$t1 - $t0" | bc)" \
    "$(peak_mb "$out/gc-$name.log")" "$(awk '{print $1 + $2}' "$out/time-$name")" "$tasks" "$cpu" "$run" \
    "$(echo "$run / ($cpu + 0.001)" | bc -l)" "$heap" \
    "$( [[ -f "$out/$name/summary.json" ]] && placement "$out/$name/summary.json" || echo -)"
}
if [[ "$mode" == synthetic ]]; then
  toys="${4:-1000}"
  # the benchmark mains are test classes: shipped in a jar of their own beside the product jar
  (cd "$t/test-classes" && jar cf "$out/bench-classes.jar" org/nsbi/spark/bench)
  home="$NSBI_SPARK_HOME"
  # shellcheck disable=SC2046
  SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    java -Xmx1g $(cat "$t/launcher/jvm-flags") -Xlog:gc,gc+heap+exit:file="$out/gc-driver.log" \
    -Dlog4j2.configurationFile="$home/conf/log4j2.properties" -cp "$home/jars/*" \
    org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$NSBI_MASTER_PORT" --deploy-mode client \
    --properties-file "$home/conf/nsbi-cluster.conf" --jars "$NSBI_APP_JAR" \
    --class org.nsbi.spark.bench.ScaleBenchmark "$out/bench-classes.jar" stages "$events" "$toys" 2> "$out/driver.err" \
    | tee "$out/stages.txt"
  echo "driver peak heap from its GC log: $(peak_mb "$out/gc-driver.log") MB (-Xmx1g)"
  exit 0
fi
toys="${4:-100}"
steps="${5:-9}"
ratios="${6:-onnx}"
case "$ratios" in
  onnx) example=submit/examples/offshell-toy.yaml ;;
  exact) example=submit/examples/offshell-toy-exact.yaml ;;
  *) echo "scale-cluster: RATIOS is onnx or exact, not $ratios" >&2; exit 2 ;;
esac
per=$(( (events + 2) / 3 ))
# the config beside the example, so that its relative paths (the ONNX networks) still resolve
config="$(dirname "$example")/.scale-cluster-$$.yaml"
trap 'rm -f "$config"; "$launcher" stop' EXIT
sed -e "s/events: 100000,/events: $per,/" -e "s/steps: 17}/steps: $steps}/" "$example" > "$config"
grep -q "events: $per," "$config" || { echo "scale-cluster: could not set the events in the config" >&2; exit 1; }
cp "$config" "$out/config.yaml"
echo "off-shell toy, $ratios ratios: $events reference events, $toys toys x $steps grid points; standalone cluster of 2 executors x 2 GB (1 core each), driver 1 GB"
echo "| stage | wall | driver peak heap | driver CPU | executors' task CPU | task run time (/ CPU) | executor heap (sampled) | placement |"
echo "|---|---|---|---|---|---|---|---|"
if [[ -f "$out/score/scored.json" ]]; then
  echo "| score | reused from $out/score | - | - | - | - | - | - |"   # a finished score of an earlier run into the same OUT
else
  stage score score --config "$config" --out "$out/score"
fi
place=(--placement "${NSBI_PLACEMENT:-auto}")
stage neyman neyman --config "$config" --scored "$out/score" --out "$out/neyman" --toys "$toys" "${place[@]}"
stage interval interval --run "$out/neyman" --out "$out/interval" "${place[@]}"
stage asimov interval --run "$out/neyman" --asimov 1 --out "$out/asimov" "${place[@]}"
