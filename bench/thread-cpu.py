#!/usr/bin/env python3
"""CPU seconds per kind of thread of a JVM, from /proc (Linux), for bench/neyman-command-scaling.sh.

    bench/thread-cpu.py PID OUT.json [TIMELINE.json]

PID is the process that runs (or will exec) the JVM, or its parent (e.g. /usr/bin/time): the first `java` among
PID and its children is followed. Every 0.2 s each thread's user + system time is read from
/proc/JVM/task/TID/stat; a thread's last reading counts (threads that end between readings lose at most 0.2 s).
When the JVM has exited, OUT.json gets the CPU seconds by kind: C2 and C1 (the JIT's compiler threads), tasks
(Spark's executor task threads: the toys), main (the driver's thread), GC (G1's and the VM thread), other.
The JIT's own figures (-XX:+CITime, JFR's jdk.Compilation durations) are elapsed times, which on a shared or
pinned core include the time a compiler thread waited for the CPU; these are CPU seconds.
With TIMELINE.json, also every reading: seconds since the JVM was found, and the CPU seconds each kind of thread used
since the reading before (and each thread's, by name, for the kinds "main" and "other"): where the process used less
than its cores (e.g. pinned local[2]: less than 2 x the interval), which threads ran.
"""
import json
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def kind(name):
    if name.startswith("C2 CompilerThre"):
        return "C2"
    if name.startswith("C1 CompilerThre"):
        return "C1"
    if name.startswith("Executor task"):
        return "tasks"
    if name == "java":  # the main thread keeps the process's name
        return "main"
    if name.startswith(("G1 ", "GC ", "VM Thread")):
        return "GC"
    return "other"


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def find_java(root):
    todo = [root]
    while todo:
        pid = todo.pop(0)
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == "java":
                    return pid
        except OSError:
            continue
        todo.extend(children(pid))
    return None


def main():
    root, out = int(sys.argv[1]), sys.argv[2]
    timeline_out = sys.argv[3] if len(sys.argv) > 3 else None
    jvm = None
    while jvm is None:
        if not os.path.exists(f"/proc/{root}"):
            sys.exit(f"thread-cpu: process {root} ended before a JVM was found")
        jvm = find_java(root)
        if jvm is None:
            time.sleep(0.05)
    seen = {}
    waited = {}
    timeline = []
    start = time.monotonic()
    while os.path.exists(f"/proc/{jvm}"):
        before, waited_before = dict(seen), dict(waited)
        try:
            tids = os.listdir(f"/proc/{jvm}/task")
        except OSError:
            break
        for tid in tids:
            try:
                with open(f"/proc/{jvm}/task/{tid}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            seen[tid] = (name, (int(fields[11]) + int(fields[12])) / TICK)
            if timeline_out is not None:
                waited[tid] = run_queue_seconds(jvm, tid)
        if timeline_out is not None:
            timeline.append(reading(time.monotonic() - start, before, seen, waited_before, waited))
        time.sleep(0.2)
    cpu = {}
    for name, seconds in seen.values():
        k = kind(name)
        cpu[k] = cpu.get(k, 0.0) + seconds
    with open(out, "w") as f:
        json.dump({k: round(v, 2) for k, v in sorted(cpu.items())}, f)
    if timeline_out is not None:
        with open(timeline_out, "w") as f:
            json.dump(timeline, f)


def run_queue_seconds(jvm, tid):
    """Seconds the thread has waited on a run queue (runnable, not running): /proc/PID/task/TID/schedstat's second field."""
    try:
        with open(f"/proc/{jvm}/task/{tid}/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def reading(t, before, now, waited_before, waited):
    """The CPU seconds used since the reading before, by kind of thread and, for main and other, by thread name; and
    "runnable": the seconds the threads were running or waiting for a core, summed (on a machine shared with other
    processes, the CPU the process would have used with its cores to itself, if that were at most its cores)."""
    kinds, names = {}, {}
    runnable = sum(max(0.0, w - waited_before.get(tid, 0.0)) for tid, w in waited.items())
    for tid, (name, seconds) in now.items():
        used = seconds - before.get(tid, (name, 0.0))[1]
        if used <= 0:
            continue
        k = kind(name)
        kinds[k] = kinds.get(k, 0.0) + used
        if k in ("main", "other"):
            names[name] = names.get(name, 0.0) + used
    runnable += sum(kinds.values())
    return {"t": round(t, 3), "runnable": round(runnable, 3), "kinds": {k: round(v, 3) for k, v in kinds.items()},
            "threads": {k: round(v, 3) for k, v in names.items()}}


if __name__ == "__main__":
    main()
