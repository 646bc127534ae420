#!/usr/bin/env bash
# nsbi validate on any analysis config (e.g. the analysis.yaml that nsbi train writes), then its table.
# Run on purpose, not in CI.
#   bench/validate-config.sh CONFIG OUT_DIR [events per simulated sample, default 100000] [validate options...]
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:?usage: bench/validate-config.sh CONFIG OUT_DIR [events] [validate options]}"
out="${2:?usage: bench/validate-config.sh CONFIG OUT_DIR [events] [validate options]}"
events="${3:-100000}"
shift $(( $# >= 3 ? 3 : 2 ))
. bench/built.sh
submit/nsbi validate --master "${NSBI_MASTER:-local[2]}" --config "$config" --events "$events" --out "$out" \
  --overwrite "$@"
bench/validation-table.py "$out/validation.json"
