#!/usr/bin/env bash
# The statistics engine's benchmark, one thread: the fast NLL kernel (ColumnarNll) against the reference kernel
# (ReferenceNll, test scope) on the same toys: ns/event/evaluation, evaluations per toy by stage, toys/s per core
# with the sparse and the dense sampler, t agreement; and the code-4 polynomial loop, Vector API against plain Java.
# Runs on the off-shell toy with exact ratios (submit/examples/offshell-toy-exact.yaml, its reference sample
# regenerated at the size asked) and on the synthetic off-shell-like model. Then the toy loop's hot path
# (HotPathBenchmark): heap bytes allocated per toy (draw, fit, whole toy) and the sparse draw's CPU per toy, with the
# alias table of the sparse sampler against Commons RNG's. Last, one evaluation with gradient and Hessian (HessianKernelBenchmark,
# 1,000 events as in a toy): ColumnarNll against PerEventHessianNll (the kernel before the tiled sums, test scope),
# ns per event on the synthetic layouts 1+2, 10+90, 1+99 and the off-shell-like model. Run on purpose, not in CI.
#   bench/stats-benchmark.sh [reference events, default 1000000] [toys per timed repeat, default 1000]
#                            [toys per point for the t agreement of the kernels at mu = 0, 0.5, 1, 2, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-1000000}"
toys="${2:-1000}"
agreement="${3:-1000}"
mvn -B -ntp -q -pl nsbi-stats,nsbi-model test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
stats="nsbi-stats/target/classes:nsbi-stats/target/test-classes:$(cat nsbi-stats/target/bench-classpath.txt)"
model="nsbi-model/target/classes:nsbi-model/target/test-classes:nsbi-stats/target/classes:$(cat nsbi-model/target/bench-classpath.txt)"
table="$(mktemp -d)/offshell-exact-$events.ser"
trap 'rm -rf "$(dirname "$table")"' EXIT
java -Xmx4g -cp "$model" org.nsbi.model.offshell.OffshellExactTable submit/examples/offshell-toy-exact.yaml "$table" "$events"
run() { java -Xmx4g --add-modules=jdk.incubator.vector -cp "$stats" "org.nsbi.stats.bench.$1" "${@:2}" 2>&1 | grep -v 'incubator'; }
echo "== off-shell toy, exact ratios"
run StatsBenchmark "$table" "$events" "$toys" "$agreement"
run HotPathBenchmark "$table" "$events" "$((2 * toys))"
echo "== synthetic off-shell-like model"
run StatsBenchmark synthetic "$events" "$toys"
run HotPathBenchmark synthetic "$events" "$((2 * toys))"
echo "== one evaluation with the Hessian: the kernel (tiled sums) against the kernel before it (per-event Hessian of lambda)"
run HessianKernelBenchmark 1000 1+2 10+90 1+99 offshell
