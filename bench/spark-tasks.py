#!/usr/bin/env python3
"""Sums the task metrics of a Spark event log (a folder of uncompressed event logs, spark.eventLog.compress=false).
Prints "TASKS CPU_S RUN_S GC_S EXECUTOR_HEAP_MB":
  TASKS             the number of tasks;
  CPU_S             their executor CPU seconds (the task threads' CPU, ONNX Runtime's native work included, and the
                    tasks' deserialisation);
  RUN_S             their run seconds (wall time inside the tasks, deserialisation included): RUN_S / CPU_S above 1
                    is time the tasks waited (for a core, on a shared machine) rather than worked;
  GC_S              the executors' JVM GC seconds during the tasks;
  EXECUTOR_HEAP_MB  the largest heap in use in any executor (not the driver) as Spark sampled it at heartbeats and
                    task ends ("Task Executor Metrics" JVMHeapMemory): a lower bound of the true peak.
  bench/spark-tasks.py EVENT_LOG_DIR"""
import glob
import json
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__)
tasks, cpu, run, gc, heap = 0, 0.0, 0.0, 0.0, 0
for path in sorted(glob.glob(sys.argv[1] + "/**/events_*", recursive=True)):
    with open(path) as f:
        for line in f:
            if '"SparkListenerTaskEnd"' not in line:
                continue
            e = json.loads(line)
            m = e.get("Task Metrics")
            if m:
                tasks += 1
                cpu += m["Executor CPU Time"] / 1e9 + m["Executor Deserialize CPU Time"] / 1e9
                run += m["Executor Run Time"] / 1e3 + m["Executor Deserialize Time"] / 1e3
                gc += m["JVM GC Time"] / 1e3
            if e.get("Task Info", {}).get("Executor ID") != "driver":
                heap = max(heap, (e.get("Task Executor Metrics") or {}).get("JVMHeapMemory", 0))
print(f"{tasks} {cpu:.1f} {run:.1f} {gc:.1f} {heap / 2**20:.0f}")
