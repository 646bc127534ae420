#!/usr/bin/env bash
# nsbi-standalone.sh: a Spark standalone cluster of separate JVMs on this machine, built from the project's own
# runtime jars (no Spark distribution needed), and spark-submit of the nsbi jar to it.
#
#   nsbi-standalone.sh start [WORKERS [CORES_PER_WORKER [MEMORY_PER_WORKER]]]   (default 2 1 2g)
#   nsbi-standalone.sh submit <nsbi command> [args...]   e.g. submit neyman --config A.yaml --scored S --out N
#   nsbi-standalone.sh status
#   nsbi-standalone.sh stop
#
# Build first: mvn -B -ntp -DskipTests package. Environment:
#   NSBI_SPARK_AUTH_SECRET   the shared secret of spark.authenticate (required by start and submit). It is written
#                            only to $NSBI_SPARK_HOME/conf/nsbi-cluster.conf (mode 600), never into the repository.
#                            e.g.  export NSBI_SPARK_AUTH_SECRET=$(head -c 32 /dev/urandom | base64)
#   NSBI_SPARK_HOME          the Spark home to create and use (default nsbi-spark-jobs/target/standalone-spark)
#   NSBI_BIND_HOST           the address every listener binds to (default 127.0.0.1, loopback only)
#   NSBI_MASTER_PORT         the master's port (default 7077); NSBI_MASTER_WEBUI_PORT (default 8080);
#   NSBI_WORKER_WEBUI_PORT   the first worker's UI port, the next ones count up (default 8081)
#   NSBI_EXECUTOR_MEMORY     executor memory for submit (default 1g)
#   NSBI_DRIVER_MEMORY       the driver's heap for submit (default 2g); NSBI_JAVA_OPTS: more JVM options of the driver
#   NSBI_APP_JAR             the nsbi jar submit runs (default the one built in nsbi-spark-jobs/target); a copy keeps
#                            a long run safe from a rebuild, which would change the jar under the running JVMs
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="$root/nsbi-spark-jobs/target"
spark_home="${NSBI_SPARK_HOME:-$target/standalone-spark}"
host="${NSBI_BIND_HOST:-127.0.0.1}"
master_port="${NSBI_MASTER_PORT:-7077}"
master_url="spark://$host:$master_port"
conf_file="$spark_home/conf/nsbi-cluster.conf"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { echo "nsbi-standalone: $*" >&2; exit 2; }

jar() {
  local j="${NSBI_APP_JAR:-}"
  if [[ -n "$j" ]]; then
    [[ -f "$j" ]] || die "NSBI_APP_JAR=$j: no such file; expected the nsbi jar (e.g. a copy of $target/nsbi-spark-jobs-*-all.jar)"
  else
    j=$(ls "$target"/nsbi-spark-jobs-*-all.jar 2>/dev/null | head -n 1 || true)
  fi
  [[ -n "$j" && -d "$target/spark-jars" && -f "$target/launcher/jvm-flags" && -f "$target/launcher/jit-flags" ]] \
    || die "the jar is not built yet; run: mvn -B -ntp -DskipTests package (in $root)"
  echo "$j"
}

# The launcher's JIT settings (target/launcher/jit-flags; see submit/nsbi) for the driver and the executors; none with
# NSBI_JIT_FLAGS=off.
jit_flags() {
  if [[ "${NSBI_JIT_FLAGS:-on}" != off ]]; then
    cat "$target/launcher/jit-flags"
  fi
}

secret() {
  [[ -n "${NSBI_SPARK_AUTH_SECRET:-}" ]] \
    || die "NSBI_SPARK_AUTH_SECRET is not set; the cluster runs with spark.authenticate and needs a shared secret (e.g. export NSBI_SPARK_AUTH_SECRET=\$(head -c 32 /dev/urandom | base64))"
}

# The Spark home: the runtime jars, and the settings every process of the cluster reads (with the secret, mode 600).
prepare_home() {
  jar >/dev/null
  secret
  mkdir -p "$spark_home/jars" "$spark_home/conf" "$spark_home/logs" "$spark_home/run" "$spark_home/work"
  cp -u "$target"/spark-jars/*.jar "$spark_home/jars/"
  cp "$root/nsbi-spark-jobs/src/main/resources/org/nsbi/spark/log4j2-nsbi.properties" "$spark_home/conf/log4j2.properties"
  local flags
  flags="$(cat "$target/launcher/jvm-flags") $(jit_flags)"
  umask 077
  cat > "$conf_file" <<CONF
spark.authenticate true
spark.authenticate.secret ${NSBI_SPARK_AUTH_SECRET}
spark.network.crypto.enabled true
spark.master.rest.enabled false
spark.ui.enabled false
spark.driver.host $host
spark.driver.bindAddress $host
spark.executor.extraJavaOptions $flags
spark.executor.memory ${NSBI_EXECUTOR_MEMORY:-1g}
CONF
  chmod 600 "$conf_file"
}

daemon() { # name class args...
  local name="$1"; shift
  local pid_file="$spark_home/run/$name.pid"
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    die "$name is already running (pid $(cat "$pid_file")); stop it first"
  fi
  # shellcheck disable=SC2046
  SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP="$host" \
    nohup "$java_bin" -Xmx512m $(cat "$target/launcher/jvm-flags") -cp "$spark_home/jars/*" "$@" \
    > "$spark_home/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$pid_file"
}

wait_for() { # log pattern what
  local i
  for i in $(seq 1 120); do
    if grep -q "$2" "$spark_home/logs/$1.log" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  die "$3 did not come up in 60 s; see $spark_home/logs/$1.log"
}

start() {
  local workers="${1:-2}" cores="${2:-1}" memory="${3:-2g}"
  prepare_home
  daemon master org.apache.spark.deploy.master.Master --host "$host" --port "$master_port" \
    --webui-port "${NSBI_MASTER_WEBUI_PORT:-8080}" --properties-file "$conf_file"
  wait_for master "I have been elected leader" "the master"
  local w ui="${NSBI_WORKER_WEBUI_PORT:-8081}"
  for w in $(seq 1 "$workers"); do
    daemon "worker-$w" org.apache.spark.deploy.worker.Worker --host "$host" --cores "$cores" --memory "$memory" \
      --webui-port "$((ui + w - 1))" --work-dir "$spark_home/work/worker-$w" --properties-file "$conf_file" "$master_url"
  done
  for w in $(seq 1 "$workers"); do
    wait_for "worker-$w" "Successfully registered with master" "worker $w"
  done
  echo "nsbi-standalone: master $master_url with $workers workers of $cores core(s); logs in $spark_home/logs" >&2
}

submit() {
  [[ $# -ge 1 ]] || die "usage: nsbi-standalone.sh submit <nsbi command> [args...]"
  local j
  j="$(jar)"
  secret
  [[ -f "$conf_file" ]] || die "no cluster settings at $conf_file; run: nsbi-standalone.sh start"
  # shellcheck disable=SC2046
  SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP="$host" \
    "$java_bin" -Xmx"${NSBI_DRIVER_MEMORY:-2g}" $(cat "$target/launcher/jvm-flags") $(jit_flags) -Djava.awt.headless=true ${NSBI_JAVA_OPTS:-} \
    -Dlog4j2.configurationFile="$spark_home/conf/log4j2.properties" -cp "$spark_home/jars/*" \
    org.apache.spark.deploy.SparkSubmit --master "$master_url" --deploy-mode client --properties-file "$conf_file" \
    --class org.nsbi.spark.cli.NsbiCommand "$j" "$@"
}

status() {
  local f
  for f in "$spark_home"/run/*.pid; do
    [[ -f "$f" ]] || continue
    if kill -0 "$(cat "$f")" 2>/dev/null; then echo "$(basename "$f" .pid) running (pid $(cat "$f"))"
    else echo "$(basename "$f" .pid) stopped"; fi
  done
}

stop() {
  local f
  for f in "$spark_home"/run/worker-*.pid "$spark_home"/run/master.pid; do
    [[ -f "$f" ]] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  submit) shift; submit "$@" ;;
  status) status ;;
  stop) stop ;;
  *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
