#!/usr/bin/env bash
# Fit health of a Neyman run (issue 12): per grid point the toys whose fits ended on a nuisance parameter's bound,
# and the failed toys by reason. Needs the shaded jar (mvn -B -ntp -DskipTests package).
#   bench/fit-health.sh RUN_DIR [JAR_CHECKOUT, default this one] [BEFORE_RUN_DIR: also count the toys whose t changed]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
run="${1:?usage: bench/fit-health.sh RUN_DIR [CHECKOUT]}"
checkout="${2:-$here}"
target="$checkout/nsbi-spark-jobs/target"
jar=$(ls "$target"/nsbi-spark-jobs-*-all.jar | head -n 1)
# shellcheck disable=SC2046
exec java -Xmx2g $(cat "$target/launcher/jvm-flags") -Dlog4j2.configurationFile=org/nsbi/spark/log4j2-nsbi.properties \
  -cp "$jar:$target/spark-jars/*" "$here/bench/FitHealth.java" "$run" ${3:+"$3"}
