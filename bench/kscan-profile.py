#!/usr/bin/env python3
"""Where a kscan toy's CPU goes, from the JFR execution samples of bench/kscan-profile.sh: per phase of the toy loop
(samples whose ScaleBenchmark.kscan frame is at line MEASURED_LINE, the call that runs the measured toys: not the
warm-up's toys, which run partly in the interpreter and C1, nor the set-up or the counted fits after) its share and its
CPU per toy (the share times the kscan's measured CPU per toy). A sample counts for the first phase, in the order
below, that has a frame in its stack.
  usage: kscan-profile.py SAMPLES.txt CPU_MS_PER_TOY MEASURED_LINE
  (SAMPLES.txt: jfr print --stack-depth 64 --events jdk.ExecutionSample)
"""
import collections
import re
import sys

PHASES = [  # (phase, frames that put a sample in it)
    ("load a toy's events", ["ColumnarNll.load"]),
    ("evaluation with the structured Hessian", ["ColumnarNll.computeStructured"]),
    ("other evaluations (Nll.evaluate: gradient only or a dense Hessian)", ["ColumnarNll.compute("]),
    ("scan over mu at fixed alpha", ["ColumnarNll.scan"]),
    ("Newton system (factor and solve)", ["NewtonSystem.", "StructuredHessian.get"]),
    ("yield-only block pass (YieldBlock: the fitter's yield-only first step)", ["YieldBlock."]),
    ("draw the toy", ["SparsePoissonSampler", "AliasTable"]),
]

text = open(sys.argv[1]).read()
cpu = float(sys.argv[2])
measured = sys.argv[3]
counts = collections.Counter()
total = 0
for sample in text.split("jdk.ExecutionSample"):
    frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
    at = re.search(r"ScaleBenchmark\.kscan\([^)]*\)\s+line:\s*(\d+)", sample)
    if not at or at.group(1) != measured:
        continue
    total += 1
    joined = "\n".join(f + "(" for f in frames)
    for phase, marks in PHASES:
        if any(m in joined for m in marks):
            counts[phase] += 1
            break
    else:
        counts["other"] += 1
print(f"{total} samples in the measured toy loop, {cpu:.3f} ms CPU per toy")
print("phase,share_percent,us_per_toy")
for phase in [p for p, _ in PHASES] + ["other"]:
    share = counts[phase] / total if total else 0
    print(f"{phase},{100 * share:.1f},{1000 * cpu * share:.1f}")
