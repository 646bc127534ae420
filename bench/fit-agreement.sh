#!/usr/bin/env bash
# The answers do not move (issue 15): t_mu of the same exact-ratio toys at mu = 0, 0.5, 1, 2 with this checkout's
# fast kernel and fits, against a reference commit's reference kernel (ReferenceNll, test scope) and fits; and, to
# tell the kernel from the fits, this checkout's reference kernel with its own fits. Prints max |dt|, the toys whose t
# differs by more than 1e-6 and, for each, which fit found the lower minimum; evaluations per toy by stage; and whole
# toys per CPU-second of one thread, both commits' fast kernel and fits on the same toys, medians of 3 alternating runs.
# Builds the reference commit from `git archive` in a temporary folder (offline). Run on purpose, not in CI.
#   bench/fit-agreement.sh [reference commit, default f4a8833] [toys per point, default 1000]
#                          [reference events, default 1000000] [work folder, default a temporary one]
set -euo pipefail
cd "$(dirname "$0")/.."
ref="${1:-f4a8833}"
toys="${2:-1000}"
events="${3:-1000000}"
work="${4:-$(mktemp -d)}"
mkdir -p "$work/ref"
mvn -B -ntp -o -q -pl nsbi-stats,nsbi-model test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
git archive "$ref" | tar -x -C "$work/ref"
(cd "$work/ref" && mvn -B -ntp -o -q -pl nsbi-stats test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt)
here="nsbi-stats/target/classes:nsbi-stats/target/test-classes:$(cat nsbi-stats/target/bench-classpath.txt)"
there="$work/ref/nsbi-stats/target/classes:$work/ref/nsbi-stats/target/test-classes:$(cat "$work/ref/nsbi-stats/target/bench-classpath.txt")"
model="nsbi-model/target/classes:nsbi-model/target/test-classes:nsbi-stats/target/classes:$(cat nsbi-model/target/bench-classpath.txt)"
table="$work/offshell-exact-$events.ser"
[ -f "$table" ] || java -Xmx4g -cp "$model" org.nsbi.model.offshell.OffshellExactTable submit/examples/offshell-toy-exact.yaml "$table" "$events"
toy() { java -Xmx3g --add-modules=jdk.incubator.vector -cp "$1" bench/ToyStatistics.java "$table" "$2" "$toys" "$3" 2>&1 \
  | grep -v 'incubator\|^1 warning' || true; }
toy "$there" reference "$work/reference-$ref.csv"
toy "$here" reference "$work/reference-here.csv"
: > "$work/rates"
for r in 1 2 3; do
  echo "$ref $(toy "$there" fast "$work/fast-$ref.csv")" >> "$work/rates"
  echo "here $(toy "$here" fast "$work/fast.csv")" >> "$work/rates"
done
echo "== whole toys per CPU-second, one thread, fast kernel and fits, runs in order:"
cat "$work/rates"
python3 - "$work/rates" "$ref" <<'PY'
import statistics, sys
rates = {}
for line in open(sys.argv[1]):
    who, rate = line.split()[:2]
    rates.setdefault(who, []).append(float(rate))
old, new = statistics.median(rates[sys.argv[2]]), statistics.median(rates["here"])
print(f"medians: {sys.argv[2]} {old:.0f}, this checkout {new:.0f} toys/s per core ({new / old:.2f}x)")
PY
echo "== this checkout's fast kernel and fits against $ref's reference kernel and fits ($toys toys per point, $events reference events)"
python3 bench/fit-agreement.py "$work/reference-$ref.csv" "$work/fast.csv"
echo "== this checkout's fits against $ref's fits, both with the fast kernel"
python3 bench/fit-agreement.py "$work/fast-$ref.csv" "$work/fast.csv"
echo "== this checkout's reference kernel against its fast kernel (same fits)"
python3 bench/fit-agreement.py "$work/reference-here.csv" "$work/fast.csv"
echo "CSVs in $work"
