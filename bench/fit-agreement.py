"""Compares two ToyStatistics CSVs (bench/fit-agreement.sh): OLD NEW. Per mu: max |dt|, toys whose t differs by more
than 1e-6, each explained by which fit found the lower minimum (NLL lower by more than 1e-7), evaluations per toy."""
import csv
import sys

TOL_T = 1e-6
TOL_NLL = 1e-7


def read(path):
    with open(path) as f:
        return {(r["mu"], int(r["toy"])): r for r in csv.DictReader(f)}


old, new = read(sys.argv[1]), read(sys.argv[2])
if old.keys() != new.keys():
    sys.exit("the two runs have different toys")
worst = 0.0
unexplained = []
for mu in sorted({k[0] for k in old}, key=float):
    keys = sorted(k for k in old if k[0] == mu)
    stats = {"dt": 0.0, "over": 0, "new_global_lower": 0, "new_conditional_lower": 0, "old_global_lower": 0,
             "old_conditional_lower": 0, "convergence": 0, "other": 0}
    evals = {"old": [0, 0, 0], "new": [0, 0, 0]}
    for k in keys:
        o, n = old[k], new[k]
        if o["events"] != n["events"]:
            sys.exit(f"toy {k}: {o['events']} events in one run, {n['events']} in the other: not the same toys")
        for name, r in (("old", o), ("new", n)):
            for i, c in enumerate(("scan", "conditional", "global")):
                evals[name][i] += int(r[c])
        if o["converged"] != n["converged"]:
            stats["over"] += 1
            stats["convergence"] += 1
            unexplained.append((k, "converged " + o["converged"] + " -> " + n["converged"]))
            continue
        if o["converged"] != "true":
            continue
        dt = abs(float(n["t"]) - float(o["t"]))
        stats["dt"] = max(stats["dt"], dt)
        if dt <= TOL_T:
            continue
        stats["over"] += 1
        dg = float(n["global_nll"]) - float(o["global_nll"])
        dc = float(n["conditional_nll"]) - float(o["conditional_nll"])
        why = []
        if dg < -TOL_NLL:
            why.append("new_global_lower")
        if dc < -TOL_NLL:
            why.append("new_conditional_lower")
        if dg > TOL_NLL:
            why.append("old_global_lower")
        if dc > TOL_NLL:
            why.append("old_conditional_lower")
        for w in why or ["other"]:
            stats[w] += 1
        if not why or any(w.startswith("old") for w in why):
            unexplained.append((k, f"dt {dt:.3e}, global NLL new-old {dg:.3e}, conditional NLL new-old {dc:.3e}"))
        else:
            worst = worst  # explained by a better minimum
    n = len(keys)
    print(f"mu {mu}: {n} toys, max |dt| {stats['dt']:.2e}, {stats['over']} differ by > {TOL_T:g}: "
          f"new global lower {stats['new_global_lower']}, new conditional lower {stats['new_conditional_lower']}, "
          f"old global lower {stats['old_global_lower']}, old conditional lower {stats['old_conditional_lower']}, "
          f"convergence differs {stats['convergence']}, unexplained {stats['other']}; evaluations per toy "
          f"(scan, conditional, global) old {'/'.join(f'{e / n:.2f}' for e in evals['old'])}, "
          f"new {'/'.join(f'{e / n:.2f}' for e in evals['new'])}")
    same = [abs(float(new[k]["t"]) - float(old[k]["t"])) for k in keys
            if old[k]["converged"] == "true" and new[k]["converged"] == "true"
            and abs(float(new[k]["t"]) - float(old[k]["t"])) <= TOL_T]
    if same:
        worst = max(worst, max(same))
print(f"largest |dt| among the toys within {TOL_T:g}: {worst:.2e}")
print(f"{len(unexplained)} differences not explained by a lower minimum in the new run:")
for k, why in unexplained:
    print(f"  mu {k[0]} toy {k[1]}: {why}")
