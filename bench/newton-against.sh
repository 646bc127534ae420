#!/usr/bin/env bash
# The Newton system (NewtonSystem: factor and solve of the structured Hessian) of this checkout's HEAD against a
# reference commit's, in one JVM (nsbi-stats/src/test/java/org/nsbi/stats/fit/NewtonSystemAgainst.java: each side's
# classes in a class loader of its own, rounds alternating), on the synthetic layout at 540 events: the thread's CPU per
# factor and solve, undamped (lambda = 0) and damped, medians of 15 rounds. Builds both commits from `git archive` in
# a temporary folder (offline, their own target folders; nothing installed). Run on purpose, not in CI.
#   bench/newton-against.sh REF [S+Y..., default 1+2 10+90]
# e.g. bench/newton-against.sh d1bfcbc 1+2 10+90
set -euo pipefail
cd "$(dirname "$0")/.."
ref="$1"
shift
specs=("$@")
[[ ${#specs[@]} -gt 0 ]] || specs=(1+2 10+90)
build="mvn -B -ntp -o -q -pl nsbi-stats -am test-compile && mvn -B -ntp -o -q -pl nsbi-stats dependency:build-classpath -Dmdep.outputFile=target/deps.txt"
. bench/against-sides.sh
h="$work/$head/nsbi-stats/target"
for spec in "${specs[@]}"; do
  for damped in 0 1; do
    echo "== $spec, damped $damped (ref $ref, head $head)"
    java --add-modules=jdk.incubator.vector -cp "$h/test-classes:$h/classes:$(cat "$h/deps.txt")" \
      org.nsbi.stats.fit.NewtonSystemAgainst "$work/$ref/nsbi-stats/target/classes" "$h/classes" \
      "$(cat "$h/deps.txt")" "${spec%+*}" "${spec#*+}" "$damped" 2>/dev/null
  done
done
