#!/usr/bin/env python3
"""Prints coverage.json files of 'nsbi coverage' as one markdown table: per (label, mu_true, CL) the Neyman and Wilks
coverage with its error and pull.  usage: coverage-table.py LABEL::coverage.json ..."""
import json
import sys

rows = []
for arg in sys.argv[1:]:
    label, path = arg.split("::", 1)
    c = json.load(open(path))
    by = {}
    for r in c["coverage"]:
        by.setdefault((r["mu"], r["cl"]), {})[r["method"]] = r
    for (mu, cl), m in sorted(by.items()):
        cells = []
        for method in ("neyman", "wilks"):
            r = m[method]
            cells.append("%.3f ± %.3f (%+.1fσ)" % (r["fraction"], r["error"], r["pull"]))
        rows.append("| %s | %s | %.2f%% | %s | %s | %d |" % (label, ("%g" % mu), 100 * cl, cells[0], cells[1], m["neyman"]["n"]))
    print("# %s: source %s (%s); %s" % (label, c["source"], c["tests"], c["nuisance_truth"]), file=sys.stderr)
print("| analysis | μ_true | CL | Neyman | Wilks | experiments |")
print("|---|---|---|---|---|---|")
print("\n".join(rows))
