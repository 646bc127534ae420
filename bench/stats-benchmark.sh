#!/usr/bin/env bash
# The statistics engine's benchmark (one thread): NLL ns/event, toys/s sparse vs dense. Run on purpose, not in CI.
#   bench/stats-benchmark.sh [reference events, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl nsbi-stats test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
java -Xmx4g --add-modules=jdk.incubator.vector -cp "nsbi-stats/target/classes:nsbi-stats/target/test-classes:$(cat nsbi-stats/target/bench-classpath.txt)" \
  org.nsbi.stats.bench.StatsBenchmark "$@"
