#!/usr/bin/env bash
# Would gradient-only (BFGS) iterations from the expected Hessian make the kscan's toy fits cheaper (issue 14)? Per S+Y on
# the kscan's toys: evaluations and CPU of the Newton conditional fit against BFGS ones, CPU of an evaluation with and
# without the Hessian, and the whole toy fit's CPU if every evaluation with the Hessian were one without. Run on purpose.
#   bench/quasi-newton-check.sh N TOYS S+Y...     e.g. bench/quasi-newton-check.sh 1000000 1000 1+2 10+90
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/built.sh
# shellcheck disable=SC2046
java -Xmx${NSBI_BENCH_HEAP:-4g} $(cat "$t/launcher/jvm-flags") -cp "$BENCH_CP" org.nsbi.spark.bench.QuasiNewtonCheck "$@"
