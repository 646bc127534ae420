#!/usr/bin/env bash
# The fast kernel of this checkout's HEAD against a reference commit's (bench/KernelAgainst.java) on the synthetic
# analysis: whether value, gradient and Hessian are the same bits, and ns per evaluation with the Hessian at 8 events
# (the per-evaluation fixed cost) and at 540, both at alpha = 0.05 e_k, and at 540 at points of a fit (alpha ~ N(0, 0.7^2));
# there also per evaluation of the value and gradient alone, and per scan of 17 mu points (alternately at a fit point's
# alpha and at alpha = 0); runs
# alternating so that both see the same load. Builds both commits
# from `git archive` in a temporary folder (offline, their own target folders; nothing installed). Run on purpose,
# not in CI.
#   bench/kernel-against.sh REF [runs, default 3] [S+Y..., default 1+2 10+90]
# e.g. bench/kernel-against.sh b6ce880 3 1+2 10+90
set -euo pipefail
cd "$(dirname "$0")/.."
ref="$1"
runs="${2:-3}"
shift $(($# < 2 ? $# : 2))
specs=("$@")
[[ ${#specs[@]} -gt 0 ]] || specs=(1+2 10+90)
build="mvn -B -ntp -o -q -pl nsbi-model -am compile && mvn -B -ntp -o -q -pl nsbi-stats dependency:build-classpath -Dmdep.outputFile=target/deps.txt"
. bench/against-sides.sh
for r in $(seq "$runs"); do
  for side in "$ref" "$head"; do
    d="$work/$side"
    java --add-modules=jdk.incubator.vector -cp "$d/nsbi-stats/target/classes:$d/nsbi-model/target/classes:$(cat "$d/nsbi-stats/target/deps.txt")" \
      bench/KernelAgainst.java "${specs[@]}" 2>/dev/null | sed "s/^/$side run $r: /"
  done
done
