#!/usr/bin/env bash
# The kscan's t of this checkout's HEAD against a reference commit's, bit for bit (issue 14: a change claimed to keep the
# fits' bits): for each S+Y split, t(mu) at mu = 0.5, 1, 2 of the first TOYS kscan toys on N reference events
# (KscanT), both commits built from `git archive` in a temporary folder (offline, their own target folders; nothing
# installed); prints per split the toys whose t differ in any bit and the largest |dt|. Run on purpose, not in CI.
#   bench/kscan-t-against.sh REF [reference events, default 100000] [toys, default 300] [S+Y..., default 1+2 10+90]
# e.g. bench/kscan-t-against.sh 9dddb45 100000 300 1+2 10+90
set -euo pipefail
cd "$(dirname "$0")/.."
ref="$1"
events="${2:-100000}"
toys="${3:-300}"
shift $(($# < 3 ? $# : 3))
specs=("$@")
[[ ${#specs[@]} -gt 0 ]] || specs=(1+2 10+90)
build="mvn -B -ntp -o -q -DskipTests package"
. bench/against-sides.sh
# the tool is HEAD's (the reference commit may predate it), run on each side's classes
tool="$work/$head/nsbi-spark-jobs/target/test-classes"
for spec in "${specs[@]}"; do
  for side in "$ref" "$head"; do
    t="$work/$side/nsbi-spark-jobs/target"
    # shellcheck disable=SC2046
    java -Xmx3g $(cat "$t/launcher/jvm-flags") -cp "$tool:$(ls "$t"/nsbi-spark-jobs-*-all.jar):$t/spark-jars/*" \
      org.nsbi.spark.bench.KscanT "$events" "$spec" "$toys" > "$work/t-$side-$spec.txt" 2>/dev/null
  done
  python3 - "$work/t-$ref-$spec.txt" "$work/t-$head-$spec.txt" "$spec" <<'PY'
import struct, sys
def read(path):
    return [[struct.unpack(">d", bytes.fromhex(h))[0] for h in line.split()[1:]] for line in open(path)]
a, b = read(sys.argv[1]), read(sys.argv[2])
assert len(a) == len(b) and a, "the two sides gave different numbers of toys"
differ = sum(1 for x, y in zip(a, b) if any(struct.pack(">d", u) != struct.pack(">d", v) for u, v in zip(x, y)))
worst = max(abs(u - v) for x, y in zip(a, b) for u, v in zip(x, y))
print(f"{sys.argv[3]}: {len(a)} toys x 3 mu, {differ} toys with t differing in any bit, max |dt| {worst:.3g}")
PY
done
