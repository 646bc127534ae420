#!/usr/bin/env bash
# Smooth critical values (local form) on toys of exactly known quantiles (issue 16): the mean coverage of the fitted
# t_c minus CL, and how often the held-out check rejects these right fits (simulated null, and the chi2_dof reference
# it had before), over REPEATS seeds. Run on purpose, not in CI.
#   bench/smooth-calibration.sh [REPEATS, default 200] [TOYS ... : a count per point, or 17 comma-separated counts;
#                                default 25 50 200 and an adaptive run's 200,200,100,25,50,50,50,50,50,25,25,25,25,25,25,25,25]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-200}"
shift $(( $# >= 1 ? 1 : 0 ))
toys=("$@")
if [ ${#toys[@]} -eq 0 ]; then
  toys=(25 50 200 200,200,100,25,50,50,50,50,50,25,25,25,25,25,25,25,25)
fi
mvn -B -ntp -q -pl nsbi-stats test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
java -Xmx1g -cp "nsbi-stats/target/classes:nsbi-stats/target/test-classes:$(cat nsbi-stats/target/bench-classpath.txt)" \
  org.nsbi.stats.bench.SmoothCalibration "$repeats" "${toys[@]}"
