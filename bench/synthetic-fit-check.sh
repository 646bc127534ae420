#!/usr/bin/env bash
# The synthetic analysis' toy fits (Newton, ProfileFitter) against Commons Math's BOBYQA (issue 14). Run on purpose, not
# in CI: about a minute per BOBYQA run at K = 100, three runs per toy.
#   bench/synthetic-fit-check.sh N TOYS S+Y      e.g. bench/synthetic-fit-check.sh 100000 3 10+90
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/built.sh
# shellcheck disable=SC2046
java -Xmx${NSBI_BENCH_HEAP:-2g} $(cat "$t/launcher/jvm-flags") -cp "nsbi-model/target/test-classes:$NSBI_JAR" \
  org.nsbi.model.synthetic.SyntheticFitCheck "$@"
