#!/usr/bin/env python3
"""CPU seconds per kind of thread of a JVM, from /proc (Linux), for bench/neyman-command-scaling.sh.

    bench/thread-cpu.py PID OUT.json

PID is the process that runs (or will exec) the JVM, or its parent (e.g. /usr/bin/time): the first `java` among
PID and its children is followed. Every 0.2 s each thread's user + system time is read from
/proc/JVM/task/TID/stat; a thread's last reading counts (threads that end between readings lose at most 0.2 s).
When the JVM has exited, OUT.json gets the CPU seconds by kind: C2 and C1 (the JIT's compiler threads), tasks
(Spark's executor task threads: the toys), main (the driver's thread), GC (G1's and the VM thread), other.
The JIT's own figures (-XX:+CITime, JFR's jdk.Compilation durations) are elapsed times, which on a shared or
pinned core include the time a compiler thread waited for the CPU; these are CPU seconds.
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
    jvm = None
    while jvm is None:
        if not os.path.exists(f"/proc/{root}"):
            sys.exit(f"thread-cpu: process {root} ended before a JVM was found")
        jvm = find_java(root)
        if jvm is None:
            time.sleep(0.05)
    seen = {}
    while os.path.exists(f"/proc/{jvm}"):
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
        time.sleep(0.2)
    cpu = {}
    for name, seconds in seen.values():
        k = kind(name)
        cpu[k] = cpu.get(k, 0.0) + seconds
    with open(out, "w") as f:
        json.dump({k: round(v, 2) for k, v in sorted(cpu.items())}, f)


if __name__ == "__main__":
    main()
