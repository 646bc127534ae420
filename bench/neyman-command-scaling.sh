#!/usr/bin/env bash
# The whole `neyman` command (JVM, Spark session, loading the scored sample, set-up, toys, tables, summary) on
# local[1] against local[2], on the off-shell toy with exact ratios (submit/examples/offshell-toy-exact.yaml: 17 grid
# points, 3x10^5 reference events), scored once. Two modes, each a fresh JVM per run, the runs alternating:
#   unpinned: the JVM may use every core of the machine; local[N] only sets Spark's task threads (the JIT compiler,
#             the GC and the driver's threads use the other cores too);
#   pinned:   the process is held to N cores with taskset (local[1] on core 0, local[2] on cores 0 and 1): 1 core
#             against 2 cores.
# Per run: wall seconds, the process's CPU seconds (user + system) and how they split over the JVM's threads
# (bench/thread-cpu.py: the JIT's C2 and C1 compiler threads, Spark's task threads, the driver's main thread, GC and
# VM thread, other), and summary.json's stage_seconds; then per mode
# the medians, local[1] wall / local[2] wall, and the ratio if only the toys stage used the second core: local[1]'s
# wall with its toys stage halved and the rest (outside the toys stage) as it is. Pinned, the part outside the toys
# stage gains from the second core too (the JIT compiler, the GC, the load's tasks), so the measured ratio can exceed it. It says whether submit/nsbi started with the class-data
# archive (NSBI_CLASS_ARCHIVE=off: without), with which JIT settings (target/launcher/jit-flags) and NSBI_JAVA_OPTS.
# A mode with the suffix -nojit (pinned-nojit, unpinned-nojit) runs without the launcher's JIT settings
# (NSBI_JIT_FLAGS=off), alternating with the other modes' runs: "pinned pinned-nojit" compares them on equal terms.
# Pinned, it also prints 2 x local[1]'s CPU / local[2]'s: the wall ratio if local[2] kept both its cores busy (it is
# CPU-bound but for the moments when at most one of its threads can run). Other processes' load moves it less than the
# walls, but still by about 10 % (load average 5-10: medians of 3 local[1] runs of one configuration 14.7 and 16.9 s
# of CPU in one invocation).
# Per run and median also the core-seconds no thread of the run wanted (bench/thread-cpu.py's timeline: cores x interval
# less the threads' running and run-queue seconds), and, pinned, 2 x local[1]'s CPU / (local[2]'s CPU + those): an
# estimate of the idle machine's wall ratio that other processes' load moves less than the walls.
# A mode with the suffix -jvmgc (pinned-jvmgc, pinned-nojit-jvmgc, ...) runs with the JVM's own choice of garbage
# collector (NSBI_GC=jvm: G1 where the JVM sees two processors) instead of the launcher's (Serial on at most two).
# A mode with the suffix -nowarmup (pinned-nowarmup, pinned-nojit-nowarmup, ...) runs without the neyman job's warm-up
# (--conf spark.nsbi.warmUpToys=0: every task thread runs toys from the start, NeymanJob.WARM_UP_TOYS).
# Run on purpose, not in CI; on an idle machine.
#   bench/neyman-command-scaling.sh [toys per point, default 600 (10,200 toys)] [repeats, default 3] [folder]
#                                   [modes, default "unpinned pinned"]
set -euo pipefail
cd "$(dirname "$0")/.."
toys="${1:-600}"
repeats="${2:-3}"
out="${3:-$(mktemp -d)}"
modes="${4:-unpinned pinned}"
cfg=submit/examples/offshell-toy-exact.yaml
. bench/built.sh
base() { local m="${1%-nowarmup}"; m="${m%-jvmgc}"; echo "${m%-nojit}"; }
for mode in $modes; do
  [[ "$(base "$mode")" == pinned || "$(base "$mode")" == unpinned ]] \
    || { echo "neyman-command-scaling: mode $mode; expected pinned or unpinned, optionally followed by -nojit, -jvmgc and -nowarmup in this order" >&2; exit 2; }
done
if [[ " $modes " == *" pinned"* ]]; then
  command -v taskset >/dev/null || { echo "neyman-command-scaling: pinned mode needs taskset (util-linux)" >&2; exit 2; }
  (( $(nproc --all) >= 2 )) || { echo "neyman-command-scaling: pinned mode needs 2 cores" >&2; exit 2; }
fi
archive="$t/launcher/nsbi-classes.jsa"
if [[ "${NSBI_CLASS_ARCHIVE:-on}" != off && -f "$archive" && "$archive" -nt "$NSBI_JAR" ]]; then
  launcher="class-data archive used (submit/nsbi-class-archive)"
else
  launcher="no class-data archive (none newer than the jar, or NSBI_CLASS_ARCHIVE=off)"
fi
launcher="$launcher; JIT settings: $(cat "$t/launcher/jit-flags") (not in the -nojit modes); garbage collector: Serial where the JVM may use at most 2 processors (not in the -jvmgc modes: the JVM's own); NSBI_JAVA_OPTS='${NSBI_JAVA_OPTS:-}'"
mkdir -p "$out"
if [[ ! -d "$out/scored" ]]; then
  submit/nsbi score --config "$cfg" --out "$out/scored" --overwrite >/dev/null
fi
for r in $(seq 1 "$repeats"); do
  for mode in $modes; do
    for cores in 1 2; do
      run="$out/$mode-local$cores-$r"
      pin=()
      if [[ "$(base "$mode")" == pinned ]]; then
        pin=(taskset -c "$([[ $cores == 1 ]] && echo 0 || echo 0,1)")
      fi
      jit=on
      [[ "$mode" != *-nojit* ]] || jit=off
      gc=launcher
      [[ "$mode" != *-jvmgc* ]] || gc=jvm
      warmup=()
      [[ "$mode" != *-nowarmup ]] || warmup=(--conf spark.nsbi.warmUpToys=0)
      NSBI_JIT_FLAGS="$jit" NSBI_GC="$gc" "${pin[@]}" /usr/bin/time -f "%e %U %S" -o "$run.time" submit/nsbi neyman --config "$cfg" --scored "$out/scored" \
        --toys "$toys" --master "local[$cores]" ${warmup[@]+"${warmup[@]}"} --out "$run" --overwrite >/dev/null 2>"$run.log" &
      command=$!
      python3 bench/thread-cpu.py "$command" "$run.threads.json" "$run.timeline.json" &
      watcher=$!
      wait "$command" || { cat "$run.log" >&2; exit 1; }
      wait "$watcher"
    done
  done
done
python3 - "$out" "$repeats" "$toys" "$modes" "$launcher" <<'PY'
import json, os, statistics, sys
out, repeats, toys, modes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()
THREADS = ("C2", "C1", "tasks", "main", "GC", "other")  # bench/thread-cpu.py's kinds of thread


def unused(timeline, cores):
    """Core-seconds no thread of the run wanted: per 0.2 s reading of bench/thread-cpu.py's timeline, its cores times
    the interval less the seconds its threads ran or waited on a run queue, summed where positive. Other processes'
    load does not add to it (a thread waiting for a core counts as wanting it) except by stretching the run's serial
    parts; gaps shorter than a reading are missed."""
    readings = json.load(open(timeline))
    return sum(max(0.0, cores * (b["t"] - a["t"]) - b["runnable"]) for a, b in zip(readings, readings[1:]))
print(f"launcher: {sys.argv[5]}")
for mode in modes:
    pinning = {"pinned": "taskset -c 0 for local[1], taskset -c 0,1 for local[2]",
               "unpinned": "every core of the machine for both"}[mode.removesuffix("-nowarmup").removesuffix("-jvmgc").removesuffix("-nojit")]
    if "-nojit" in mode:
        pinning += "; NSBI_JIT_FLAGS=off: without the launcher's JIT settings"
    if "-jvmgc" in mode:
        pinning += "; NSBI_GC=jvm: the JVM's own garbage collector"
    if mode.endswith("-nowarmup"):
        pinning += "; spark.nsbi.warmUpToys=0: without the neyman job's warm-up"
    print(f"== {mode} ({pinning})")
    median = {}
    for cores in (1, 2):
        rows = []
        for r in range(1, repeats + 1):
            run = f"{out}/{mode}-local{cores}-{r}"
            wall, user, system = (float(x) for x in open(run + ".time").read().split()[-3:])
            summary = json.load(open(run + "/summary.json"))
            stages = {s["stage"]: s["seconds"] for s in summary["stage_seconds"]}
            n = summary["neyman"]["toys"]
            threads = json.load(open(run + ".threads.json"))
            idle = unused(run + ".timeline.json", cores if mode.startswith("pinned") else os.cpu_count())
            rows.append((wall, user + system, stages, threads, idle))
            print(f"local[{cores}] run {r}: {n} toys, {wall:.2f} s wall, {user + system:.2f} s CPU ("
                  + ", ".join(f"{k} {threads.get(k, 0):.2f}" for k in THREADS) + f"; no thread runnable on {idle:.2f}"
                  + " core-seconds); stages: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
                  + f"; outside the toys stage {wall - stages.get('toys', 0):.2f} s")
        median[cores] = {"wall": statistics.median(r[0] for r in rows), "cpu": statistics.median(r[1] for r in rows),
                         "serial": statistics.median(r[0] - r[2].get("toys", 0) for r in rows),
                         "toys": statistics.median(r[2].get("toys", 0) for r in rows),
                         "unused": statistics.median(r[4] for r in rows)}
        m = median[cores]
        threads = {k: statistics.median(r[3].get(k, 0) for r in rows) for k in THREADS}
        print(f"local[{cores}] medians: {m['wall']:.2f} s wall, {m['cpu']:.2f} s CPU ("
              + ", ".join(f"{k} {v:.2f}" for k, v in threads.items())
              + f"; no thread runnable on {m['unused']:.2f} core-seconds), toys stage "
              f"{m['toys']:.2f} s, outside it {m['serial']:.2f} s")
    one, two = median[1], median[2]
    bound = one["wall"] / (one["serial"] + one["toys"] / 2)
    print(f"{mode}: local[1] wall / local[2] wall {one['wall'] / two['wall']:.2f}x (toys stage alone "
          f"{one['toys'] / two['toys']:.2f}x); if only the toys stage sped up (local[1]'s {one['serial']:.2f} s outside "
          f"it of {one['wall']:.2f} s as they are): {bound:.2f}x; {toys} toys per point")
    if mode.startswith("pinned"):  # local[1] uses its one core fully; local[2] at most both of its two
        print(f"{mode}: 2 x local[1] CPU / local[2] CPU {2 * one['cpu'] / two['cpu']:.2f}x (the wall ratio if local[2] kept "
              f"both cores busy throughout, its CPU the same: about the most the idle machine gives; load moves it less than the walls)")
        print(f"{mode}: 2 x local[1] CPU / (local[2] CPU + the core-seconds no thread of it wanted) "
              f"{2 * one['cpu'] / (two['cpu'] + two['unused']):.2f}x (the same with local[2]'s measured gaps: an estimate of the "
              f"idle machine's wall ratio; gaps shorter than a reading are missed, and load stretches the serial parts)")
PY
