#!/usr/bin/env bash
# The first toys of a fresh JVM on one core, with and without the launcher's JIT settings (target/launcher/jit-flags,
# and -XX:CICompilerCount=3 below 4 CPUs, as submit/nsbi starts its JVM), the runs alternating: ColdToys (nsbi-stats
# test scope) makes TOYS toys of the off-shell toy with exact ratios (submit/examples/offshell-toy-exact.yaml, its
# reference sample regenerated at EVENTS events) at mu = 1 from the JVM's start, pinned to core 0 (taskset -c 0: the
# JIT's compiler threads share the core with the toys, as in `neyman --master local[1]` pinned). Per run the toy thread's
# CPU and the process's CPU and the toy thread's CPU per chunk of 100 toys; then the medians. Without Spark, so steadier
# than bench/neyman-command-scaling.sh on a busy machine. Run on purpose, not in CI.
#   bench/cold-toys.sh [repeats, default 3] [reference events, default 300000] [toys, default 3000]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-3}"
events="${2:-300000}"
toys="${3:-3000}"
. bench/built.sh
command -v taskset >/dev/null || { echo "cold-toys: needs taskset (util-linux)" >&2; exit 2; }
mvn -B -ntp -q -o -pl nsbi-stats,nsbi-model test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
stats="nsbi-stats/target/classes:nsbi-stats/target/test-classes:$(cat nsbi-stats/target/bench-classpath.txt)"
model="nsbi-model/target/classes:nsbi-model/target/test-classes:nsbi-stats/target/classes:$(cat nsbi-model/target/bench-classpath.txt)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
table="$work/offshell-exact-$events.ser"
java -Xmx4g -cp "$model" org.nsbi.model.offshell.OffshellExactTable submit/examples/offshell-toy-exact.yaml "$table" "$events" >/dev/null
read -r -a jit < "$t/launcher/jit-flags"
if (( $(nproc) < 4 )); then
  jit+=(-XX:CICompilerCount=3)
fi
echo "cold-toys: $toys toys of the off-shell toy ($events reference events) from a fresh JVM on core 0; JIT settings: ${jit[*]}"
for r in $(seq 1 "$repeats"); do
  for with in without with; do
    flags=()
    [[ "$with" == without ]] || flags=("${jit[@]}")
    # shellcheck disable=SC2046
    line=$(taskset -c 0 java -Xmx2g $(cat "$t/launcher/jvm-flags") ${flags[@]+"${flags[@]}"} -cp "$stats" \
      org.nsbi.stats.bench.ColdToys "$table" "$events" "$toys" 100 2>&1 | grep -v incubator)
    echo "$with JIT settings, run $r: $line" | tee -a "$work/runs"
  done
done
python3 - "$work/runs" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\w+) JIT settings, run \d+: toy thread (\d+) ms, process (\d+) ms", line)
    if m:
        rows.setdefault(m.group(1), []).append((int(m.group(2)), int(m.group(3))))
med = {k: (statistics.median(t for t, _ in v), statistics.median(p for _, p in v)) for k, v in rows.items()}
for k in ("without", "with"):
    print(f"{k} JIT settings: medians toy thread {med[k][0]:.0f} ms, process {med[k][1]:.0f} ms CPU")
print(f"with / without: toy thread {med['with'][0] / med['without'][0]:.2f}x, process {med['with'][1] / med['without'][1]:.2f}x")
PY
