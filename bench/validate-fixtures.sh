#!/usr/bin/env bash
# nsbi validate on the shared PyTorch fixtures (submit/examples/offshell-toy.yaml: 14 ratios, 3-member ONNX
# ensembles) and, for comparison, on the exact ratios (offshell-toy-exact.yaml), with 10^5 simulated events per
# numerator sample and the configs' reference samples (3 x 10^5 events). Run on purpose, not in CI.
#   bench/validate-fixtures.sh OUT_DIR [events per sample, default 100000] [extra validate options...]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/validate-fixtures.sh OUT_DIR [events] [validate options]}"
events="${2:-100000}"
shift $(( $# >= 2 ? 2 : 1 ))
. bench/built.sh
submit/nsbi validate --master "${NSBI_MASTER:-local[2]}" --config submit/examples/offshell-toy.yaml \
  --events "$events" --out "$out/onnx" --overwrite "$@"
submit/nsbi validate --master "${NSBI_MASTER:-local[2]}" --config submit/examples/offshell-toy-exact.yaml \
  --events "$events" --out "$out/exact" --overwrite "$@"
