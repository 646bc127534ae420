#!/usr/bin/env bash
# The reweighting test's AUC of one ratio at several run seeds (new numerator samples, split and forest; the
# config's reference sample stays), exact ratios against the shared fixtures on the same events. Run on purpose.
#   bench/validate-auc-seeds.sh OUT_DIR [ratio, default r_S] [seeds, default "1 2"]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/validate-auc-seeds.sh OUT_DIR [ratio] [seeds]}"
ratio="${2:-r_S}"
seeds="${3:-1 2}"
for s in $seeds; do
  for c in exact onnx; do
    config=submit/examples/offshell-toy.yaml
    [ "$c" = exact ] && config=submit/examples/offshell-toy-exact.yaml
    submit/nsbi validate --master "${NSBI_MASTER:-local[2]}" --config "$config" --only "$ratio" --seed "$s" \
      --out "$out/$c-$s" --overwrite
  done
done
python3 - "$out" "$ratio" $seeds <<'PY'
import json, sys
out, ratio = sys.argv[1], sys.argv[2]
for s in sys.argv[3:]:
    for c in ("exact", "onnx"):
        a = json.load(open(f"{out}/{c}-{s}/validation.json"))["ratios"][ratio]["reweighting_auc"]
        print(f"seed {s} {c:5s} AUC {a['auc']:.4f} +- {a['null_sigma']:.4f} ({a['significance']:+.1f} sigma)")
PY
