#!/usr/bin/env bash
# Trains one process ratio of an already trained off-shell toy analysis again, with other settings (e.g. a larger
# network for ratio_SBI), checks it against the exact ratio (TrainedRatioCheck) and runs the demo with it, to
# compare its Asimov interval at mu = 1 with the exact-ratio demo's. Run on purpose, not in CI.
#   bench/retrain-process.sh ANALYSIS.yaml PROCESS OUT_DIR [ensemble 3] [hidden layers 64,64] [max iterations 500]
# ANALYSIS.yaml: e.g. the analysis.yaml that bench/train-offshell.sh wrote. The training samples of PROCESS and the
# reference are those of submit/examples/offshell-toy-train.yaml.
# Measured here (2 cores): SBI, 3 x [64, 64], 500 iterations, 10^5 events per class: 16 min.
set -euo pipefail
cd "$(dirname "$0")/.."
analysis="${1:?usage: bench/retrain-process.sh ANALYSIS.yaml PROCESS OUT_DIR [ensemble] [hidden] [iterations]}"
process="${2:?process}"
out="${3:?out}"
ensemble="${4:-3}"
hidden="${5:-64,64}"
iterations="${6:-500}"
. bench/built.sh
mkdir -p "$out"
# the config lives beside ANALYSIS.yaml, so that its relative paths still resolve
config="$(dirname "$analysis")/retrain-$process.yaml"
python3 - "$analysis" "$process" "$ensemble" "$hidden" "$iterations" submit/examples/offshell-toy-train.yaml > "$config" <<'PY'
import sys
analysis, process, ensemble, hidden, iterations, example = sys.argv[1:]
lines = open(example).read().split("\n")
start = lines.index("training:")
section, i = [], start + 1
while i < len(lines) and not lines[i].startswith("  processes:"):
    l = lines[i]
    if l.startswith("  ensemble:"): l = "  ensemble: %s" % ensemble
    elif l.startswith("  hidden_layers:"): l = "  hidden_layers: [%s]" % hidden.replace(",", ", ")
    elif l.startswith("  max_iterations:"): l = "  max_iterations: %s" % iterations
    section.append(l); i += 1
proc = [lines[j] + "\n" + lines[j + 1] for j in range(i, len(lines) - 1) if lines[j].strip() == "- process: %s" % process]
if not proc:
    sys.exit("no training samples for process %s in %s" % (process, example))
print(open(analysis).read().rstrip("\n"))
print("\ntraining:")
print("\n".join(section))
print("  processes:")
print(proc[0])
PY
start=$(date +%s)
submit/nsbi train --config "$config" --out "$out/trained" --overwrite
echo "train: $(( $(date +%s) - start )) s" | tee "$out/train-time.txt"
java -cp "$BENCH_CP" org.nsbi.spark.bench.TrainedRatioCheck "$out/trained" | tee "$out/quality.csv"
submit/nsbi demo --config "$out/trained/analysis.yaml" --out "$out/demo" --overwrite
python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['asimov']))" "$out/demo/summary.json"
