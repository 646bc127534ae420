#!/usr/bin/env bash
# The config parser of an earlier revision against the current one on the example configs and every mutation of
# them (bench/ConfigParserDifferential.java): same config or same problems in the same order, or exit 1 with the
# first differences. For refactoring the parser without changing what it says. Run on purpose, not in CI.
#   bench/config-parser-differential.sh [REV, default 1d9f5ed (the parser before its split into section readers)]
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:-1d9f5ed}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# one reactor build, so that nsbi-model's class path names nsbi-stats' fresh classes (the last module writes the file)
mvn -B -o -q -pl nsbi-model -am compile dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
cp="$PWD/nsbi-model/target/classes:$(cat "$work/cp")"
mkdir -p "$work/src" "$work/out"
git show "$rev:nsbi-model/src/main/java/org/nsbi/model/config/AnalysisConfigParser.java" \
  | sed 's/AnalysisConfigParser/OldAnalysisConfigParser/g' > "$work/src/OldAnalysisConfigParser.java"
javac -nowarn -d "$work/out" -cp "$cp" "$work/src/OldAnalysisConfigParser.java" bench/ConfigParserDifferential.java
cd submit/examples
java -cp "$work/out:$cp" \
  org.nsbi.model.config.ConfigParserDifferential offshell-toy.yaml offshell-toy-exact.yaml offshell-toy-train.yaml
