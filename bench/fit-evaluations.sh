#!/usr/bin/env bash
# The fitter's evaluations and CPU per toy on the kscan's toys (issue 14), three settings alternating in one JVM: before
# (the Hessian at every evaluation, no hand-off, no yield-only first step), without_yield_first (the defaults but
# ProfileFitter.withYieldFirst(false)) and now (the defaults). Per S+Y and setting: evaluations per toy by stage with and
# without the Hessian, the yield-only block's passes per toy, the measured cost of an evaluation without the Hessian and of
# a block pass (fractions of one with it), evaluation-equivalents per toy, CPU per toy (medians of REPEATS), the largest
# |dt| from before on 200 toys, and the ratios of CPU per toy to the first S+Y's under each setting.
# A split named table:PATH is a serialized model and reference table instead, e.g. the exact-ratio off-shell toy's that
# bench/fit-agreement.sh writes to its work folder (offshell-exact-EVENTS.ser), its toys drawn at mu = 1.
#   bench/fit-evaluations.sh N TOYS REPEATS S+Y...     e.g. bench/fit-evaluations.sh 1000000 400 3 1+2 10+90
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/built.sh
# shellcheck disable=SC2046
java -Xmx${NSBI_BENCH_HEAP:-4g} $(cat "$t/launcher/jvm-flags") -cp "$BENCH_CP" org.nsbi.spark.bench.FitEvaluationBenchmark "$@"
