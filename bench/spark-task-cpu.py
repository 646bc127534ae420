#!/usr/bin/env python3
"""Sums the task metrics of a Spark event log (a folder of uncompressed event logs, spark.eventLog.compress=false):
prints "TASKS CPU_S RUN_S GC_S", the number of tasks, their executor CPU seconds (the task threads' CPU, ONNX
Runtime's native work included), their run seconds (wall inside tasks) and JVM GC seconds. Run time over CPU time
shows how long tasks waited for a core (on a shared machine) rather than worked.
  bench/spark-task-cpu.py EVENT_LOG_DIR"""
import glob
import json
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__)
tasks, cpu, run, gc = 0, 0.0, 0.0, 0.0
for path in sorted(glob.glob(sys.argv[1] + "/**/events_*", recursive=True)):
    with open(path) as f:
        for line in f:
            if '"SparkListenerTaskEnd"' not in line:
                continue
            m = json.loads(line).get("Task Metrics")
            if m:
                tasks += 1
                cpu += m["Executor CPU Time"] / 1e9 + m["Executor Deserialize CPU Time"] / 1e9
                run += m["Executor Run Time"] / 1e3 + m["Executor Deserialize Time"] / 1e3
                gc += m["JVM GC Time"] / 1e3
print(f"{tasks} {cpu:.1f} {run:.1f} {gc:.1f}")
