# Sourced by the bench scripts, from the checkout's root: builds the project if the shaded jar or the benchmark
# mains are missing or older than a source, and sets
#   t         nsbi-spark-jobs/target
#   NSBI_JAR  the shaded jar (its name carries the version of the pom: found here, spelled nowhere else)
#   BENCH_CP  the class path of the benchmark mains (test scope of nsbi-spark-jobs, not in the product jar): their
#             classes, the shaded jar and Spark's jars
t=nsbi-spark-jobs/target
NSBI_JAR=$(ls "$t"/nsbi-spark-jobs-*-all.jar 2>/dev/null | head -n 1 || true)
# a source, test or pom changed since the jar was built: a benchmark of the old jar would measure code that is not
# the checkout's, silently
stale=""
if [[ -n "$NSBI_JAR" ]]; then
  stale=$(find pom.xml */pom.xml */src -newer "$NSBI_JAR" -type f -print -quit 2>/dev/null || true)
fi
if [[ -z "$NSBI_JAR" || -n "$stale" || ! -d "$t/test-classes/org/nsbi/spark/bench" || ! -d "$t/spark-jars" ]]; then
  [[ -z "$stale" ]] || echo "built.sh: $stale is newer than $NSBI_JAR; building" >&2
  mvn -B -ntp -q -DskipTests package
  NSBI_JAR=$(ls "$t"/nsbi-spark-jobs-*-all.jar | head -n 1)
fi
BENCH_CP="$t/test-classes:$NSBI_JAR:$t/spark-jars/*"
