#!/usr/bin/env bash
# The off-shell toy's critical values at mu = 0, 1, 2 with the seeds' shape model and with
# shape_normalisation: per_event on both shape parameters (energy_scale, ni_shape), exact ratios (issue 12 item 6).
# Both runs use the same seeds, reference sample and observed data; only the model differs. Prints per mu and CL
# t_c with its ~68 % Monte Carlo band, the toys on a bound, the failed toys by reason, and both runs' intervals.
# Run on purpose, not in CI.
#   bench/shape-normalisation.sh OUT_DIR [toys per mu, default 1000] [reference events per sample, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/shape-normalisation.sh OUT_DIR [toys] [reference events per sample]}"
toys="${2:-1000}"
events="${3:-100000}"
. bench/built.sh
mkdir -p "$out"
python3 - submit/examples/offshell-toy-exact.yaml "$out" "$events" <<'PY'
import re, sys
src, out, events = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(src).read()
text = re.sub(r"mu_grid: \{from: 0, to: 4, steps: 17\}", "mu_grid: [0, 1, 2]", text)
text = re.sub(r"events: 100000", "events: " + events, text)
assert "mu_grid: [0, 1, 2]" in text
open(out + "/seeds.yaml", "w").write(text)
for name in ("energy_scale", "ni_shape"):
    text = text.replace("  - name: %s\n" % name, "  - name: %s\n    shape_normalisation: per_event\n" % name)
assert text.count("shape_normalisation: per_event") == 2
open(out + "/per-event.yaml", "w").write(text)
PY
for model in seeds per-event; do
  /usr/bin/time -f "$model: %e s wall" submit/nsbi demo --config "$out/$model.yaml" --toys "$toys" --out "$out/$model" \
    --overwrite > "$out/$model.log" 2>&1 || { tail -n 30 "$out/$model.log"; exit 1; }
  tail -n 1 "$out/$model.log"
done
python3 - "$out" <<'PY'
import csv, json, sys
out = sys.argv[1]
runs = ("seeds", "per-event")
belts = {r: list(csv.DictReader(open(f"{out}/{r}/belts.csv"))) for r in runs}
summ = {r: json.load(open(f"{out}/{r}/summary.json")) for r in runs}
print(f"\nreference events {summ['seeds']['neyman']['reference_events']}, toys per mu {summ['seeds']['neyman']['toys_per_point']}")
print(f"{'mu':>4} {'CL':>7} | {'t_c seeds [68% band]':>26} | {'t_c per_event [68% band]':>26} | at bound (seeds, per_event)")
for a, b in zip(belts["seeds"], belts["per-event"]):
    assert a["mu"] == b["mu"] and a["cl"] == b["cl"]
    f = lambda r: f"{float(r['t_crit']):8.3f} [{float(r['t_crit_lo']):6.3f}, {float(r['t_crit_hi']):6.3f}]"
    print(f"{float(a['mu']):4.1f} {float(a['cl']):7.4f} | {f(a):>26} | {f(b):>26} | {a['n_at_bound']:>5}, {b['n_at_bound']:>5}")
for r in runs:
    print(f"\n{r}: failed fits by mu:", [(x["mu"], x["failed"], x["failed_by_reason"]) for x in summ[r]["neyman"]["failed_fits"]])
    for part in ("observed", "asimov"):
        s = summ[r][part]
        iv = "; ".join(f"{i['method']} {i['cl']}: {i['pieces']}" for i in s["intervals"])
        print(f"  {s['data']}: mu_hat {s['mu_hat']:.4f}, alpha_hat {s['alpha_hat']}\n    {iv}")
PY
